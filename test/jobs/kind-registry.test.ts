import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { API_OPERATIONS } from "../../src/api/operations";
import { HwClient } from "../../src/core/client";
import { JOB_KINDS as CONSTRUCT_JOB_KINDS } from "../../src/constructs/job-kind";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../src/emulator";
import { EMULATOR_JOB_KINDS, EMULATOR_KINDS } from "../../src/emulator/jobs/kind";
import { fetchJob } from "../../src/jobs/fetch-job";
import { getOperationOf, JOB_KIND_SPECS, JOB_KINDS } from "../../src/jobs/kinds";
import { HELP } from "../../src/cli/help";

const ROOT = resolve(__dirname, "..", "..");
const PROJECT = "0123456789abcdef0123456789abcdef";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("the job-kind registry (docs/architecture.md §9, §10.1)", () => {
  test("the literal \"ims-job\" stands only in the registry, the constructs' enum and the emulator's IMS view", () => {
    // Anywhere else, a `kind === "ims-job" ? … : …` would quietly treat a new kind as a Workspace one.
    const files = sourceFiles(join(ROOT, "src"))
      .filter((file) => readFileSync(file, "utf8").includes('"ims-job"'))
      .map((file) => relative(ROOT, file).split("\\").join("/"))
      .sort();
    assert.deepEqual(files, ["src/constructs/job-kind.ts", "src/emulator/jobs/ims-job-view.ts", "src/jobs/kinds.ts"]);
  });

  test("the constructs' JobKind and the emulator name the registry's kinds, in its order", () => {
    assert.deepEqual([...CONSTRUCT_JOB_KINDS], [...JOB_KINDS]);
    assert.deepEqual([...EMULATOR_JOB_KINDS], [...JOB_KINDS]);
  });

  for (const kind of JOB_KINDS) {
    const spec = JOB_KIND_SPECS[kind];
    test(`${kind}: the emulator serves its Show operation at the registry's path, with the same family`, () => {
      assert.equal(spec.name, kind);
      assert.equal(EMULATOR_KINDS[kind].showPath, spec.show.path);
      assert.equal(EMULATOR_KINDS[kind].family, spec.family);
      assert.equal(API_OPERATIONS[spec.show.operation], spec.show);
      assert.equal(getOperationOf(kind), `get-${kind}`);
    });

    test(`${kind}: the help lists it with its title and path`, () => {
      const line = HELP.split("\n").find((l) => l.trimStart().startsWith(`${kind} `));
      assert.ok(line, `no help line for ${kind}`);
      assert.ok(line.includes(spec.title) && line.endsWith(`GET ${spec.show.path}`), line);
    });
  }
});

describe("fetchJob reads each kind from its own service, with its own operation", () => {
  // Two emulators stand for the two services: a kind read from the wrong endpoint is not found.
  let appstream: RunningEmulator;
  let ims: RunningEmulator;
  let client: HwClient;
  const SERVICE = { "image-job": "appstream", "app-job": "appstream", "ims-job": "ims" } as const;

  before(async () => {
    appstream = await startEmulator({ port: 0 });
    ims = await startEmulator({ port: 0 });
    client = new HwClient(
      {
        projectId: PROJECT,
        credentials: { type: "token", token: DEMO_CREDENTIALS.token },
        endpoints: { appstream: appstream.url, ims: ims.url },
      },
      { retry: { maxAttempts: 1 } },
    );
  });
  after(async () => {
    await client.close();
    await Promise.all([appstream.close(), ims.close()]);
  });

  for (const kind of JOB_KINDS) {
    test(`${kind} → ${JOB_KIND_SPECS[kind].show.operation} on the ${SERVICE[kind]} endpoint`, async () => {
      assert.equal(JOB_KIND_SPECS[kind].show.service, SERVICE[kind]);
      const emulator = SERVICE[kind] === "ims" ? ims : appstream;
      const job = emulator.store.createJob({ kind, projectId: PROJECT, waitingMs: 0, runningMs: 0 });
      const snapshot = await fetchJob(client, kind, job.id);
      assert.deepEqual([snapshot.kind, snapshot.jobId, snapshot.phase], [kind, job.id, "succeeded"]);
      const paths = emulator.requests.list().map((r) => r.path);
      assert.ok(
        paths.includes(JOB_KIND_SPECS[kind].show.path.replace("{project_id}", PROJECT).replace("{job_id}", job.id)),
        paths.join(" "),
      );
    });
  }
});
