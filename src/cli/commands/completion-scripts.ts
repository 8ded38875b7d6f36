import type { CompletionShell, CompletionWords, FlagValues } from "./completion-words";

// The shell scripts of `hwjobs completion bash|zsh|fish`. Every word comes from
// completion-words.ts, which admits plain words only, so nothing here needs quoting beyond
// the double quotes around a word list.

const list = (words: readonly string[]) => words.join(" ");

/** bash: a `complete -F` function; zsh loads the same through bashcompinit. */
function bashScript(words: CompletionWords): string {
  const valueCases = (flag: string) =>
    words.values
      .filter((v) => v.flag === flag)
      .map((v) => `        "${v.command} ${v.what ?? ""}"${v.what === undefined ? "*" : ""}) words="${list(v.values)}" ;;`)
      .join("\n");
  const valueFlags = [...new Set(words.values.map((v) => v.flag))];
  const flagCases = valueFlags
    .map(
      (flag) => `    --${flag}${flag === "output" ? "|-o" : ""})
      case "$cmd $what" in
${valueCases(flag)}
        *) return 0 ;;
      esac
      COMPREPLY=($(compgen -W "$words" -- "$cur"))
      return 0 ;;`,
    )
    .join("\n");
  const commandFlags = Object.entries(words.flags)
    .map(([command, flags]) => `      ${command}) words="${list(flags)}" ;;`)
    .join("\n");
  const seconds = Object.entries(words.second)
    .map(([command, values]) => `      ${command}) words="${list(values ?? [])}" ;;`)
    .join("\n");
  return `# hwjobs completion for bash: eval "$(hwjobs completion bash)", e.g. in ~/.bashrc
_hwjobs() {
  local cur prev cmd what words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  what="\${COMP_WORDS[2]}"
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${list(words.commands)}" -- "$cur"))
    return 0
  fi
  case "$prev" in
${flagCases}
  esac
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${commandFlags}
      *) return 0 ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    return 0
  fi
  if [ "$COMP_CWORD" -eq 2 ]; then
    case "$cmd" in
${seconds}
      *) return 0 ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
  return 0
}
complete -F _hwjobs hwjobs
`;
}

function zshScript(words: CompletionWords): string {
  return `# hwjobs completion for zsh: eval "$(hwjobs completion zsh)", e.g. in ~/.zshrc
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(words).split("\n").slice(1).join("\n")}`;
}

function fishValueLine(v: FlagValues): string {
  const condition = [`__fish_seen_subcommand_from ${v.command}`, v.what && `__fish_seen_subcommand_from ${v.what}`]
    .filter(Boolean)
    .join("; and ");
  const short = v.flag === "output" ? " -s o" : "";
  return `complete -c hwjobs -n "${condition}" -l ${v.flag}${short} -x -a "${list(v.values)}"`;
}

function fishScript(words: CompletionWords): string {
  const valueFlags = new Set(words.values.map((v) => `${v.command} --${v.flag}`));
  const lines = [
    "# hwjobs completion for fish: hwjobs completion fish > ~/.config/fish/completions/hwjobs.fish",
    "complete -c hwjobs -f",
    `complete -c hwjobs -n "__fish_use_subcommand" -a "${list(words.commands)}"`,
    ...Object.entries(words.second).map(
      ([command, values]) => `complete -c hwjobs -n "__fish_seen_subcommand_from ${command}" -a "${list(values ?? [])}"`,
    ),
    ...Object.entries(words.flags).flatMap(([command, flags]) =>
      flags
        .filter((flag) => !valueFlags.has(`${command} ${flag}`))
        .map((flag) => `complete -c hwjobs -n "__fish_seen_subcommand_from ${command}" -l ${flag.slice(2)}`),
    ),
    ...words.values.map(fishValueLine),
  ];
  return `${lines.join("\n")}\n`;
}

/** The completion script of `shell`. */
export function completionScript(shell: CompletionShell, words: CompletionWords): string {
  return { bash: bashScript, zsh: zshScript, fish: fishScript }[shell](words);
}
