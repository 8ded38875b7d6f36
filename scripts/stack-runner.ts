// Synthesizes an example app and runs its stack the way Terraform does: real `terraform
// init/apply` when the binary is on PATH, else the exact local-exec argv from cdk.tf.json.
// Shared by `npm run demo` and the end-to-end tests.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, "..");

type Env = Record<string, string | undefined>;

/** Runs `examples/<name>/main.ts` like `cdktf synth` and returns the stack directory. */
export function synthExample(name: string, stack: string, outdir: string, env: Env = process.env): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "examples", name, "main.ts")], {
    cwd: REPO_ROOT,
    env: { ...env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`synth of examples/${name} failed (${result.status}): ${result.stderr}`);
  const stackDir = join(outdir, "stacks", stack);
  if (!existsSync(join(stackDir, "cdk.tf.json"))) throw new Error(`synth wrote no ${stackDir}/cdk.tf.json`);
  return stackDir;
}

/** The `terraform` binary on PATH (or `TERRAFORM_BINARY_NAME`), if any. */
export function findTerraform(env: Env = process.env): string | undefined {
  const name = env.TERRAFORM_BINARY_NAME || "terraform";
  if (name.includes("/")) return existsSync(name) ? name : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** What a child process printed and how it ended. */
export interface RunResult {
  readonly code: number | null;
  /** stdout and stderr interleaved, as Terraform shows them. */
  readonly output: string;
}

/** Spawns a command (no shell), streaming each chunk to `onOutput`, with a hard time limit. */
export function run(
  argv: readonly string[],
  opts: { cwd: string; env: Env; timeoutMs: number; onOutput?: (text: string) => void },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      opts.onOutput?.(text);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

/**
 * The environment Terraform gets: quiet, no update checks, and no warning for a
 * TF_CLI_CONFIG_FILE that does not exist (an empty configuration instead; a real one, e.g. with
 * provider mirrors, is kept).
 */
export function terraformEnv(env: Env): Env {
  const result: Env = { ...env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  if (result.TF_CLI_CONFIG_FILE && !existsSync(result.TF_CLI_CONFIG_FILE)) result.TF_CLI_CONFIG_FILE = "/dev/null";
  return result;
}

/** Options of the terraform helpers. */
export interface TerraformRunOptions {
  readonly env: Env;
  readonly timeoutMs: number;
  readonly onOutput?: (text: string) => void;
}

/** `terraform init` in the stack directory (offline for stacks that use only built-in resources). */
export function terraformInit(terraform: string, stackDir: string, opts: TerraformRunOptions): Promise<RunResult> {
  return run([terraform, "init", "-input=false", "-no-color"], {
    cwd: stackDir,
    env: terraformEnv(opts.env),
    timeoutMs: opts.timeoutMs,
    onOutput: opts.onOutput,
  });
}

/** `terraform apply -auto-approve` with `-var` values (passed as argv, never through a shell). */
export function terraformApplyOnly(
  terraform: string,
  stackDir: string,
  vars: Readonly<Record<string, string>>,
  opts: TerraformRunOptions,
): Promise<RunResult> {
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["-var", `${k}=${v}`]);
  return run([terraform, "apply", "-auto-approve", "-input=false", "-no-color", ...varArgs], {
    cwd: stackDir,
    env: terraformEnv(opts.env),
    timeoutMs: opts.timeoutMs,
    onOutput: opts.onOutput,
  });
}

/** `terraform init` then `terraform apply`; the output of both. */
export async function terraformApply(
  terraform: string,
  stackDir: string,
  vars: Readonly<Record<string, string>>,
  opts: TerraformRunOptions,
): Promise<RunResult> {
  const init = await terraformInit(terraform, stackDir, { ...opts, timeoutMs: 120_000 });
  if (init.code !== 0) return init;
  const apply = await terraformApplyOnly(terraform, stackDir, vars, opts);
  return { code: apply.code, output: init.output + apply.output };
}

/** A `local-exec` provisioner as synthesized into cdk.tf.json. */
export interface LocalExec {
  readonly address: string;
  readonly interpreter: string[];
  readonly command: string;
  readonly environment: Record<string, string>;
}

interface StackConfig {
  variable?: Record<string, { default?: unknown }>;
  resource?: Record<
    string,
    Record<
      string,
      { provisioner?: Array<Record<string, { interpreter?: string[]; command: string; environment?: Record<string, string> }>> }
    >
  >;
}

function readStack(stackDir: string): StackConfig {
  return JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackConfig;
}

/** Every local-exec provisioner in a synthesized stack, in file order. */
export function localExecs(stackDir: string): LocalExec[] {
  const config = readStack(stackDir);
  const found: LocalExec[] = [];
  for (const [type, resources] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(resources)) {
      for (const block of body.provisioner ?? []) {
        const exec = block["local-exec"];
        if (exec)
          found.push({
            address: `${type}.${name}`,
            interpreter: exec.interpreter ?? ["/bin/sh", "-c"],
            command: exec.command,
            environment: exec.environment ?? {},
          });
      }
    }
  }
  return found;
}

/** The stack's variable values as Terraform would see them: string defaults, overridden by `vars`. */
export function variableValues(stackDir: string, vars: Readonly<Record<string, string>>): Record<string, string> {
  const defaults = Object.entries(readStack(stackDir).variable ?? {}).flatMap(([name, v]) =>
    typeof v.default === "string" ? [[name, v.default] as const] : [],
  );
  return { ...Object.fromEntries(defaults), ...vars };
}

/** Replaces `${var.name}` references with values, as Terraform would before running a provisioner. */
export function substituteVars(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{var\.([A-Za-z0-9_-]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Runs a stack's local-exec provisioners exactly as Terraform would: interpreter + command, inherited env + `environment`, in the stack dir. */
export async function runLocalExecs(
  stackDir: string,
  vars: Readonly<Record<string, string>>,
  opts: { env: Env; timeoutMs: number; onOutput?: (text: string) => void },
): Promise<RunResult> {
  let output = "";
  const values = variableValues(stackDir, vars);
  for (const exec of localExecs(stackDir)) {
    const environment = Object.fromEntries(Object.entries(exec.environment).map(([k, v]) => [k, substituteVars(v, values)]));
    const result = await run([...exec.interpreter, exec.command], {
      cwd: stackDir,
      env: { ...opts.env, ...environment },
      timeoutMs: opts.timeoutMs,
      onOutput: opts.onOutput,
    });
    output += result.output;
    if (result.code !== 0) return { code: result.code, output };
  }
  return { code: 0, output };
}
