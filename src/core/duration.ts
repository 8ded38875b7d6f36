import { InvalidInputError } from "./errors";

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000 } as const;
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** The duration formats accepted everywhere, for error messages. */
export const DURATION_FORMATS = "a duration like 90s, 15m, 2h, 1h30m or plain seconds";

/**
 * Parses `90s`, `15m`, `2h`, `1h30m` or plain seconds (`600`) into milliseconds.
 * @param options.allowZero accept a zero duration (e.g. no not-found grace)
 * @throws InvalidInputError naming `field` when the text is not such a duration, or is zero
 */
export function parseDuration(text: string, field: string, options: { allowZero?: boolean } = {}): number {
  const trimmed = text.trim();
  let ms: number | undefined;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const match = DURATION.exec(trimmed);
    if (match && trimmed !== "") {
      const [, h = "0", m = "0", s = "0"] = match;
      ms = Number(h) * UNIT_MS.h + Number(m) * UNIT_MS.m + Number(s) * UNIT_MS.s;
    }
  }
  const min = options.allowZero ? 0 : 1;
  if (ms === undefined || !Number.isSafeInteger(ms) || ms < min) {
    const bound = options.allowZero ? "zero or more" : "greater than zero";
    throw new InvalidInputError(field, `${field}: invalid duration ${JSON.stringify(text)}; use ${DURATION_FORMATS} (${bound})`);
  }
  return ms;
}

/** Formats milliseconds as `1h2m3s` (whole seconds), for progress lines and messages. */
export function formatDuration(ms: number): string {
  let s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || (!h && !m) ? `${s}s` : ""}`;
}
