import { createRedactor, environmentSecrets } from "../core/redact";
import { sanitizeLine } from "../core/sanitize";
import type { CliIo } from "./io";

/**
 * The CLI's io with the stderr chokepoint: every chunk loses the environment's secrets (plain or
 * encoded) and each of its lines any control, escape or bidi character, whoever wrote it
 * (progressLine has already made server text one line; this is the net under it). The redactor,
 * built once, rides along for the HTTP client, which redacts every answer before anything reads it,
 * so stdout's JSON (which text-level redaction could corrupt) is built from redacted values.
 */
export function guardedIo(io: CliIo): CliIo {
  const redactor = io.redactor ?? createRedactor(environmentSecrets(io.env));
  const stderr = (text: string) => io.stderr(redactor.redact(text.split("\n").map(sanitizeLine).join("\n")));
  return { ...io, stderr, redactor };
}
