// Real `terraform apply` of examples/image-pipeline against an emulator whose failed job echoes
// the credentials (issue 7): the job's error_message holds the secret key, the security token and
// the IAM token, plain, percent-encoded and as JSON \u escapes. The apply fails with the job's
// error, and no spelling of any secret is in Terraform's output, cdktf.out or the state.
// Runs whenever terraform is on PATH; with HWJOBS_REQUIRE_TERRAFORM=1 a missing binary fails.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findTerraform, synthExample, terraformApplyOnly, terraformInit } from "../../scripts/stack-runner";
import { createJob } from "../helpers/emulator-admin";
import { findSpelling, jsonUnicode, splitInvisibly } from "../helpers/secret-spellings";

const terraform = findTerraform();
const required = process.env.HWJOBS_REQUIRE_TERRAFORM === "1";
const PROJECT = "0123456789abcdef0123456789abcdef";
const ACCESS_KEY = "E2ESECRETSAK00000000";
// Short enough that every spelling fits in the emulator's 255-character error_message.
const planted = (name: string) => `${name}/${randomBytes(8).toString("hex")}`;
const SECRET_KEY = planted("sk");
const SECURITY_TOKEN = planted("st");
const AUTH_TOKEN = planted("at");
const SECRETS = [SECRET_KEY, SECURITY_TOKEN, AUTH_TOKEN];

test("terraform is available when required", () => {
  assert.ok(terraform || !required, "HWJOBS_REQUIRE_TERRAFORM=1 but no terraform binary on PATH");
});

describe("terraform apply of a failed job that echoes the credentials", { skip: terraform ? false : "terraform not on PATH" }, () => {
  let emulator: RunningEmulator;
  let work: string;

  before(async () => {
    emulator = await startEmulator({
      port: 0,
      credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }],
      tokens: [AUTH_TOKEN],
    });
    work = mkdtempSync(join(tmpdir(), "hwjobs-e2e-secrets-"));
  });

  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the apply fails with the job's error, and no secret is in the output, cdktf.out or the state", async () => {
    const synthDir = join(work, "cdktf.out");
    const dir = join(work, "stack");
    cpSync(synthExample("image-pipeline", "image-pipeline", synthDir), dir, { recursive: true });
    const env = {
      ...process.env,
      HWJOBS_ENDPOINT: emulator.url,
      HW_REGION_NAME: "cn-north-4",
      HW_PROJECT_ID: PROJECT,
      HW_ACCESS_KEY: ACCESS_KEY,
      HW_SECRET_KEY: SECRET_KEY,
      HW_SECURITY_TOKEN: SECURITY_TOKEN,
      HW_AUTH_TOKEN: AUTH_TOKEN,
    };
    const init = await terraformInit(terraform!, dir, { env, timeoutMs: 120_000 });
    assert.equal(init.code, 0, init.output);

    const message = `leaked ${SECRETS.join(" ")} ${encodeURIComponent(SECRET_KEY)} ${encodeURIComponent(SECURITY_TOKEN)} ${jsonUnicode(AUTH_TOKEN)} ${splitInvisibly(SECRET_KEY)}`;
    assert.ok(message.length <= 255, `error_message has ${message.length} characters`);
    const id = await createJob(emulator.url, {
      kind: "image-job",
      project_id: PROJECT,
      waiting_ms: 100,
      running_ms: 500,
      outcome: "failure",
      sub_jobs: 1,
      error_code: "WKS.00170002",
      error_message: message,
    });
    const result = await terraformApplyOnly(terraform!, dir, { image_job_id: id, job_kind: "image-job" }, { env, timeoutMs: 180_000 });

    assert.notEqual(result.code, 0, result.output);
    // The job's own error is what fails the apply, with every secret replaced.
    assert.match(result.output, /WKS\.00170002/);
    assert.match(result.output, /leaked \*\*\* \*\*\* \*\*\*/);
    const places: Array<[string, string]> = [
      ["terraform output", result.output],
      ...[synthDir, dir].flatMap(walk).map((file): [string, string] => [file, readFileSync(file, "utf8")]),
    ];
    assert.ok(
      places.some(([file]) => file.endsWith("terraform.tfstate")),
      "a state was written",
    );
    for (const [where, text] of places) {
      for (const secret of SECRETS) {
        const form = findSpelling(text, secret);
        assert.equal(form, undefined, `${where} holds ${secret.slice(0, 2)} spelled ${form}`);
        assert.ok(!text.includes(secret.slice(3)), `${where} holds the random part of ${secret.slice(0, 2)}`);
      }
    }
  });
});

/** Every file under `dir`, without the provider cache. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === ".terraform" ? [] : walk(path);
    return [path];
  });
}
