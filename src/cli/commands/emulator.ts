import { readFileSync } from "node:fs";
import { InvalidInputError } from "../../core/errors";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { isLoopbackHost } from "../../core/endpoint";
import { DEMO_CREDENTIALS, parseScenario, resolveScenarioRef, startEmulator, type Scenario } from "../../emulator";
import type { ParsedArgs } from "../args";
import type { CliIo } from "../io";
import { progressLine } from "../progress";
import { EMULATOR_DEFAULTS } from "./emulator-defaults";

function parsePort(text: string | undefined): number {
  if (text === undefined) return EMULATOR_DEFAULTS.port;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new InvalidInputError("--port", `--port: invalid port ${JSON.stringify(text)}; accepted: 0-65535 (0 = any free port)`);
  return port;
}

/** A `--scenario` value (a shipped scenario's name or a file path), loaded; `label` names it in messages. */
function loadScenario(value: string | undefined): { scenario: Scenario; label: string } | undefined {
  if (value === undefined) return undefined;
  const ref = resolveScenarioRef(value);
  if (ref.kind === "unknown") {
    const accepted = ref.accepted.length > 0 ? ref.accepted.join(", ") : "none are installed";
    throw new InvalidInputError(
      "--scenario",
      `--scenario: unknown scenario ${JSON.stringify(value)}; accepted names: ${accepted} (or a path to a .json file)`,
    );
  }
  const label = ref.kind === "name" ? `scenario ${ref.name}` : ref.path;
  let text: string;
  try {
    text = readFileSync(ref.path, "utf8");
  } catch (error) {
    throw new InvalidInputError(
      "--scenario",
      `--scenario: cannot read ${JSON.stringify(ref.path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    return { scenario: parseScenario(text), label };
  } catch (error) {
    throw new InvalidInputError("--scenario", `--scenario: ${ref.path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `hwjobs emulator`: serves the job APIs until SIGINT/SIGTERM. Its credentials come from
 * `HWJOBS_EMULATOR_ACCESS_KEY` / `HWJOBS_EMULATOR_SECRET_KEY` / `HWJOBS_EMULATOR_TOKEN`
 * (default: the documented demo pair), never from flags.
 */
export async function runEmulator(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  if (args.positionals.length > 0)
    throw new InvalidInputError(
      "arguments",
      `unexpected argument ${JSON.stringify(args.positionals[0])}; usage: hwjobs emulator [--host H] [--port P] [--scenario NAME|FILE]`,
    );
  const host = args.flags.host ?? EMULATOR_DEFAULTS.host;
  const port = parsePort(args.flags.port);
  const seed = loadScenario(args.flags.scenario);
  const accessKey = io.env.HWJOBS_EMULATOR_ACCESS_KEY || DEMO_CREDENTIALS.accessKey;
  const secretKey = io.env.HWJOBS_EMULATOR_SECRET_KEY || DEMO_CREDENTIALS.secretKey;
  const token = io.env.HWJOBS_EMULATOR_TOKEN || DEMO_CREDENTIALS.token;
  const emulator = await startEmulator({
    host,
    port,
    credentials: [{ accessKey, secretKey }],
    tokens: [token],
    scenario: seed?.scenario,
  }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new InvalidInputError(
        "--port",
        `--port: ${port} is already in use on ${host}; choose another port, or --port 0 for any free one`,
      );
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EACCES") {
      throw new InvalidInputError("--host", `--host: cannot listen on ${host}:${port} (${code}); use a local address such as 127.0.0.1`);
    }
    throw error;
  });
  if (!isLoopbackHost(host))
    io.stderr(progressLine(`warning: listening on non-loopback host ${host}; the emulator is for local testing only`));
  if (seed) io.stderr(progressLine(`seeded ${emulator.store.list().length.toLocaleString("en-US")} jobs from ${seed.label}`));
  io.stderr(progressLine(`admin API at ${emulator.url}/_emulator/ (jobs, faults, requests, reset; no authentication)`));
  io.stdout(`listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await emulator.close();
  io.stderr(progressLine("emulator stopped"));
  return ExitCode.OK;
}
