import * as z from "zod";
import { HwClient } from "../core/client";
import { resolveConfig } from "../core/config";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS } from "../core/connection-settings";
import type { Flags } from "./args";
import type { CliIo } from "./io";
import { describeRetry, progressWriter } from "./progress";

// Tuned for a process that sends a few requests and exits (docs/architecture.md §5.3), and only
// in the CLI: the library leaves its host's zod settings alone. zod compiles a schema's parser on
// its first use, which only pays off after many parses. (V8's --liftoff-only is set by
// cli/embedded-commands.ts, before the commands are compiled.)
z.config({ jitless: true });

/**
 * Resolves configuration (validating everything, sending nothing) and builds a client that reports
 * retries on stderr (unless `--quiet`) and redacts the environment's secrets (`io.redactor`) from every answer.
 */
export function createClient(flags: Flags, io: CliIo): HwClient {
  const settings = Object.fromEntries(CONNECTION_SETTING_NAMES.map((name) => [name, flags[CONNECTION_SETTINGS[name].flag]]));
  const config = resolveConfig(settings, io.env);
  const progress = progressWriter(io.stderr, flags.quiet);
  return new HwClient(config, { env: io.env, redactor: io.redactor, onRetry: (event) => progress(describeRetry(event)) });
}
