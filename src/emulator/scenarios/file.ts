import { exceedsJsonDepth } from "../http/json-depth";
import { EMULATOR_LIMITS, limitLabel } from "../limits";
import { checkScenario, type Scenario } from "./schema";
import { camelCase, EmulatorValidationError, snakeCase } from "../validation";

/** Keys of a project; a top-level one of these selects the single-project shorthand. */
const PROJECT_KEYS = ["project_id", "image_jobs", "app_jobs", "ims_jobs", "span_days", "jobs"];

const MAX_DEPTH = EMULATOR_LIMITS.jsonDepth.value;

function tooDeep(where: string): EmulatorValidationError {
  const field = where === "" ? "scenario" : where;
  return new EmulatorValidationError(field, `${field}: nests deeper than ${limitLabel(EMULATOR_LIMITS.jsonDepth)}`);
}

/**
 * Renames snake_case keys to camelCase at every depth. Any other spelling (`imageJobs`) is
 * rejected, as the admin API rejects it, rather than slipping through to the camelCase schema.
 * The recursion stops at `max_json_depth`, so an in-process value cannot overflow the stack.
 */
function camelKeys(value: unknown, where: string, depth = 1): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) throw tooDeep(where);
  if (Array.isArray(value)) return value.map((v, i) => camelKeys(v, `${where}[${i}]`, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const camel = camelCase(key);
    const path = where === "" ? key : `${where}.${key}`;
    if (snakeCase(camel) !== key) throw new EmulatorValidationError(path, `${path}: is not a known field (fields are snake_case)`);
    out[camel] = camelKeys(v, path, depth + 1);
  }
  return out;
}

/**
 * Parses a scenario file (JSON text or an already-parsed value; snake_case fields):
 * `{"seed", "description"?, "projects": [{"project_id", "image_jobs"?, "app_jobs"?, "ims_jobs"?, "span_days"?, "jobs"?}]}`,
 * or the single-project shorthand with the project's fields at the top level. Each of `jobs`
 * takes the fields of `POST /_emulator/jobs` plus `created_ago_ms`. Text is at most
 * `max_scenario_bytes` long; either form nests at most `max_json_depth` levels.
 * @throws EmulatorValidationError naming the first bad field
 */
export function parseScenario(json: unknown): Scenario {
  let value = json;
  if (typeof json === "string") {
    const bytes = Buffer.byteLength(json, "utf8");
    if (bytes > EMULATOR_LIMITS.scenarioBytes.value) {
      throw new EmulatorValidationError("scenario", `scenario: ${bytes} bytes is over ${limitLabel(EMULATOR_LIMITS.scenarioBytes)}`);
    }
    if (exceedsJsonDepth(json, MAX_DEPTH)) throw tooDeep("");
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      throw new EmulatorValidationError("scenario", "scenario: must be valid JSON");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new EmulatorValidationError("scenario", "scenario: must be a JSON object");
  const top = value as Record<string, unknown>;
  const shorthand = PROJECT_KEYS.some((k) => k in top);
  if (shorthand && "projects" in top)
    throw new EmulatorValidationError("projects", "projects: give either projects or one project's fields at the top level, not both");
  if (shorthand) {
    const project = Object.fromEntries(Object.entries(top).filter(([k]) => PROJECT_KEYS.includes(k)));
    const rest = Object.fromEntries(Object.entries(top).filter(([k]) => !PROJECT_KEYS.includes(k)));
    value = { ...rest, projects: [project] };
  }
  try {
    return checkScenario(camelKeys(value, ""), snakeCase);
  } catch (error) {
    // The shorthand has no projects array: name its fields as the file spells them.
    if (shorthand && error instanceof EmulatorValidationError && error.message.startsWith("projects[0].")) {
      throw new EmulatorValidationError(error.field.replace(/^projects\[0\]\./, ""), error.message.slice("projects[0].".length));
    }
    throw error;
  }
}
