import * as z from "zod";
import { HwClient, type AttemptEvent, type RetryEvent } from "../core/client";
import { resolveConfig } from "../core/config";
import type { ConfigAudience } from "../core/config-error";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS } from "../core/connection-settings";
import type { Flags } from "./args";
import type { CliIo } from "./io";
import { resolveDebug } from "./debug";
import { insideTerraform } from "./inside-terraform";
import { DEBUG_PREFIX, describeAttempt, describeRetry, progressLine } from "./progress";

// Tuned for a process that sends a few requests and exits (docs/architecture.md §5.3), and only
// in the CLI: the library leaves its host's zod settings alone. zod compiles a schema's parser on
// its first use, which only pays off after many parses. (V8's --liftoff-only is set by
// cli/embedded-commands.ts, before the commands are compiled.)
z.config({ jitless: true });

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Who reads a configuration problem: `terraform` names construct props instead of flags.
   * @default - `terraform` inside a wait construct's run ({@link insideTerraform}), else `cli`
   */
  readonly audience?: ConfigAudience;
  /**
   * Where retry and debug lines go (text without the `hwjobs:` prefix): a wait routes them above
   * its live line (cli/stderr-lines.ts).
   * @default - straight to stderr
   */
  readonly lines?: (text: string) => void;
}

/**
 * Resolves configuration (validating everything, sending nothing) and builds a client that reports
 * retries on stderr (unless `--quiet`) and redacts the environment's secrets (`io.redactor`) from
 * every answer. With `--debug` or `HWJOBS_DEBUG` it also prints a line per HTTP attempt, and the
 * retry lines (then shown under `--quiet` too) carry the same `debug:` prefix, so the trace greps as one.
 * @throws ConfigError (exit 2) listing every missing or invalid setting
 */
export function createClient(flags: Flags, io: CliIo, options: ClientOptions = {}): HwClient {
  const debug = resolveDebug(flags, io.env);
  const settings = Object.fromEntries(CONNECTION_SETTING_NAMES.map((name) => [name, flags[CONNECTION_SETTINGS[name].flag]]));
  const audience = options.audience ?? (insideTerraform(io.env) ? "terraform" : "cli");
  const config = resolveConfig(settings, io.env, { audience });
  // The client redacts the URL and request id, and guarded-io.ts every stderr chunk; this is one
  // more pass, on the whole debug line, so no single layer alone stands between a secret and stderr.
  const redact = (text: string) => io.redactor?.redact(text) ?? text;
  const line = options.lines ?? ((text: string) => io.stderr(progressLine(text)));
  const onRetry = (event: RetryEvent) => {
    const text = describeRetry(event);
    if (debug) line(redact(`${DEBUG_PREFIX} ${text}`));
    else if (!flags.quiet) line(text);
  };
  const onAttempt = debug ? (event: AttemptEvent) => line(redact(describeAttempt(event))) : undefined;
  return new HwClient(config, { env: io.env, redactor: io.redactor, onRetry, onAttempt });
}
