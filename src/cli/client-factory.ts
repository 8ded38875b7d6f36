import { setFlagsFromString } from "node:v8";
import * as z from "zod";
import { HwClient } from "../core/client";
import { resolveConfig } from "../core/config";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS } from "../core/connection-settings";
import type { Flags } from "./args";
import type { CliIo } from "./io";
import { describeRetry, progressLine } from "./progress";

// Tuned for a process that sends a few requests and exits (docs/architecture.md §5.3); set here,
// before any command's first request, and only in the CLI: the library leaves its host's V8 and
// zod settings alone.
// - undici parses HTTP with llhttp, WebAssembly compiled at the first connection. V8 compiles it
//   with its baseline compiler (Liftoff), then re-optimizes hot functions on background threads,
//   which the process waits for at exit: about 100 ms on 2 cores. Liftoff alone is fast enough.
// - zod compiles a schema's parser on its first use, which only pays off after many parses.
setFlagsFromString("--liftoff-only");
z.config({ jitless: true });

/**
 * Resolves configuration (validating everything, sending nothing) and builds a client that reports
 * retries on stderr and redacts the environment's secrets (`io.redactor`) from every answer.
 */
export function createClient(flags: Flags, io: CliIo): HwClient {
  const settings = Object.fromEntries(CONNECTION_SETTING_NAMES.map((name) => [name, flags[CONNECTION_SETTINGS[name].flag]]));
  const config = resolveConfig(settings, io.env);
  return new HwClient(config, { env: io.env, redactor: io.redactor, onRetry: (event) => io.stderr(progressLine(describeRetry(event))) });
}
