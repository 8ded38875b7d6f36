// `npm run demo`: the main job end to end on the embedded emulator. Starts the emulator, creates
// an IMS image job that succeeds after about 10 s, synthesizes examples/image-pipeline, and runs
// `terraform init` + `terraform apply` on it (without terraform on PATH: the exact local-exec
// command Terraform would run). The apply only creates `release` once the job has succeeded.
import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { DEMO_CREDENTIALS, startEmulator } from "../src/emulator";
import { findTerraform, localExecs, REPO_ROOT, run, runLocalExecs, synthExample, terraformApply, terraformEnv } from "./stack-runner";

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const STACK = "image-pipeline";

function step(text: string): void {
  process.stdout.write(`\n== ${text}\n`);
}

async function main(): Promise<number> {
  const emulator = await startEmulator({ port: 0 });
  try {
    step(`emulator listening on ${emulator.url} (demo AK ${DEMO_CREDENTIALS.accessKey})`);
    const res = await fetch(`${emulator.url}/_emulator/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "ims-job", project_id: PROJECT_ID, waiting_ms: 2000, running_ms: 8000, outcome: "success" }),
    });
    if (res.status !== 201) throw new Error(`creating the demo job failed: HTTP ${res.status} ${await res.text()}`);
    const job = (await res.json()) as { id: string };
    step(`created ims-job ${job.id}: INIT for 2s, RUNNING for 8s, then SUCCESS`);

    const outdir = join(REPO_ROOT, "cdktf.out");
    rmSync(join(outdir, "stacks", STACK), { recursive: true, force: true });
    const stackDir = synthExample(STACK, STACK, outdir);
    step(`synthesized examples/${STACK} into ${relative(REPO_ROOT, stackDir)}`);

    // Credentials reach the CLI only through the environment Terraform runs in.
    const env = {
      ...process.env,
      HWJOBS_ENDPOINT: emulator.url,
      HW_REGION_NAME: "cn-north-4",
      HW_PROJECT_ID: PROJECT_ID,
      HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
      HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    };
    const vars = { image_job_id: job.id, job_kind: "ims-job" };
    const echo = (text: string) => void process.stdout.write(text);
    const terraform = findTerraform();
    const started = Date.now();
    let code: number | null;
    if (terraform) {
      step(`terraform init && terraform apply -var image_job_id=${job.id}`);
      code = (await terraformApply(terraform, stackDir, vars, { env, timeoutMs: 300_000, onOutput: echo })).code;
      if (code === 0) {
        step("terraform output");
        await run([terraform, "output", "-no-color"], { cwd: stackDir, env: terraformEnv(env), timeoutMs: 60_000, onOutput: echo });
      }
    } else {
      step("terraform is not on PATH: running the exact local-exec command Terraform would run");
      for (const exec of localExecs(stackDir)) {
        process.stdout.write(
          `${exec.address}: ${JSON.stringify([...exec.interpreter, exec.command])} with ${Object.keys(exec.environment).join(", ")}\n`,
        );
      }
      code = (await runLocalExecs(stackDir, vars, { env, timeoutMs: 300_000, onOutput: echo })).code;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    step(
      code === 0
        ? `done in ${seconds}s: the apply waited for the job and went on when it succeeded`
        : `failed (exit ${code}) after ${seconds}s`,
    );
    return code === 0 ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
