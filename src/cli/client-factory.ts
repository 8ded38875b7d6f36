import * as z from "zod";
import { HwClient, type AttemptEvent, type RetryEvent } from "../core/client";
import { proxySettings } from "../core/proxy";
import { resolveConfig } from "../core/config";
import type { ConfigAudience } from "../core/config-error";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS } from "../core/connection-settings";
import type { Flags } from "./args";
import type { CliIo } from "./io";
import { resolveDebug } from "./debug";
import { gatherInputs } from "./gather-inputs";
import { DEBUG_PREFIX, describeAttempt, describeRetry, progressLine } from "./progress";

// Tuned for a process that sends a few requests and exits (docs/architecture.md §5.3), and only
// in the CLI: the library leaves its host's zod settings alone. zod compiles a schema's parser on
// its first use, which only pays off after many parses. (V8's --liftoff-only is set by
// cli/embedded-commands.ts, before the commands are compiled.)
z.config({ jitless: true });

/** Options of {@link prepareClient}. */
export interface ClientOptions {
  /**
   * Who reads a configuration problem: `terraform` names construct props instead of flags.
   * @default "cli"
   */
  readonly audience?: ConfigAudience;
  /**
   * Where retry and debug lines go (text without the `hwjobs:` prefix): a wait routes them above
   * its live line (cli/stderr-lines.ts).
   * @default - straight to stderr
   */
  readonly lines?: (text: string) => void;
}

/** A client whose every input has been checked: {@link PreparedClient.create} cannot fail on input. */
export interface PreparedClient {
  /** Builds the client (no request is sent until it is used). */
  readonly create: () => HwClient;
}

/**
 * Checks everything a client needs, sending nothing: the configuration (every problem at once,
 * core/config.ts), the proxy variables and `HWJOBS_DEBUG`, together (cli/gather-inputs.ts).
 * Commands gather this with their own flags' checks, so one run reports every problem.
 * @throws InvalidInputError, or InvalidInputsError / ConfigError with every problem (exit 2)
 */
export function prepareClient(flags: Flags, io: CliIo, options: ClientOptions = {}): PreparedClient {
  const settings = Object.fromEntries(CONNECTION_SETTING_NAMES.map((name) => [name, flags[CONNECTION_SETTINGS[name].flag]]));
  const [config, debug] = gatherInputs(
    () => resolveConfig(settings, io.env, { audience: options.audience ?? "cli" }),
    () => resolveDebug(flags, io.env),
    // Read again by the transport when the client is built; checked here to be reported with the rest.
    () => proxySettings(io.env),
  );
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
  return { create: () => new HwClient(config, { env: io.env, redactor: io.redactor, onRetry, onAttempt }) };
}
