import { HwClient } from "../core/client";
import { resolveConfig } from "../core/config";
import type { Flags } from "./args";
import type { CliIo } from "./io";
import { describeRetry, progressLine } from "./progress";

/**
 * Resolves configuration (validating everything, sending nothing) and builds a client that reports
 * retries on stderr and redacts the environment's secrets (`io.redactor`) from every answer.
 */
export function createClient(flags: Flags, io: CliIo): HwClient {
  const config = resolveConfig(
    {
      region: flags.region,
      projectId: flags["project-id"],
      endpoint: flags.endpoint,
      appstreamEndpoint: flags["appstream-endpoint"],
      imsEndpoint: flags["ims-endpoint"],
    },
    io.env,
  );
  return new HwClient(config, { env: io.env, redactor: io.redactor, onRetry: (event) => io.stderr(progressLine(describeRetry(event))) });
}
