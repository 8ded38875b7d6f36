import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { setFlagsFromString } from "node:v8";
import { ExitCode } from "../core/exit-codes";
import { codeCachePath, compileWithCodeCache, type CodeCacheOutcome } from "./code-cache";

// The one-file bundle carries its commands as a comment at its end (docs/architecture.md §5.3):
// V8 skips a comment far faster than it scans a string literal, which it would do twice (when
// the bundle is compiled and again when the function holding it is), and no run pays for the
// commands' source before it runs a command. The commands read it back from the bundle's file.

/** Opens the commands' comment; the last occurrence in the bundle is the one. */
export const COMMANDS_MARKER = "/*hwjobs:commands\n";
const COMMENT_END = "*/";
/** What stands for a `*\/` in the source, which would end the comment. */
const ESCAPED_COMMENT_END = "*\u0001/";

/**
 * The comment that carries `source` at the end of the bundle (used by scripts/build.mjs).
 * @throws Error when `source` holds the escape or the marker itself, which could not be told apart
 */
export function commandsComment(source: string): string {
  if (source.includes(ESCAPED_COMMENT_END)) throw new Error("the commands' source holds the comment-end escape");
  if (source.includes(COMMANDS_MARKER)) throw new Error("the commands' source holds the commands marker");
  return `${COMMANDS_MARKER}${source.replaceAll(COMMENT_END, ESCAPED_COMMENT_END)}\n${COMMENT_END}\n`;
}

/**
 * The commands' source, read back from the bundle's text.
 * @throws Error when the bundle carries no commands comment
 */
export function commandsSource(bundle: string): string {
  const start = bundle.lastIndexOf(COMMANDS_MARKER);
  const end = bundle.lastIndexOf(`\n${COMMENT_END}`);
  if (start < 0 || end < start) throw new Error("the hwjobs bundle carries no commands: rebuild it with scripts/build.mjs");
  return bundle.slice(start + COMMANDS_MARKER.length, end).replaceAll(ESCAPED_COMMENT_END, COMMENT_END);
}

/** What {@link loadEmbeddedCommands} needs from the bundle's commands module. */
export interface EmbeddedCommandsModule {
  /** The bundle's own file. */
  readonly bundleFile: string;
  /** Names this build's commands: part of the cache file's name. */
  readonly sourceKey: string;
  /** The module the commands fill in. */
  readonly module: NodeJS.Module;
  /** Resolves the commands' imports (the dispatcher's modules, then Node's). */
  readonly require: NodeJS.Require;
  /** The process's environment: where the cache lives, and whether it is off. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Compiles (with the code cache, docs/architecture.md §5.3) and runs the bundle's commands. */
export function loadEmbeddedCommands(options: EmbeddedCommandsModule): CodeCacheOutcome {
  // undici parses HTTP with llhttp, WebAssembly compiled at the first connection. V8 compiles it
  // with its baseline compiler (Liftoff), then re-optimizes hot functions on background threads,
  // which the process waits for at exit: about 100 ms on 2 cores. Liftoff alone is fast enough.
  // Set before compiling: V8's flags are part of a code cache's identity. Only the bundle sets
  // it: the library leaves its host's V8 alone.
  setFlagsFromString("--liftoff-only");
  const source = commandsSource(readFileSync(options.bundleFile, "utf8"));
  const cacheFile = codeCachePath(options.env, options.sourceKey);
  const compiled = compileWithCodeCache(source, `${options.bundleFile} (commands)`, cacheFile);
  // A run that stopped at its input (exit 2) compiled little of the commands: the cache is left
  // to the next run, which would otherwise compile the rest lazily every time.
  process.once("exit", (code) => {
    if (code !== ExitCode.USAGE) compiled.writeCache();
  });
  compiled.run(options.module.exports, options.require, options.module, options.bundleFile, dirname(options.bundleFile));
  return compiled.outcome;
}
