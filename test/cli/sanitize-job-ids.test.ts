// Job ids with C1 controls, bidi controls, escape sequences or other invisible characters are
// refused before any request (exit 2, one safe line), whichever door they come through: the
// command line, HWJOBS_JOB_ID, the external protocol, and the sub-job `job_id` filters. The rule is
// core/limits.ts's, which the constructs share.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertUsageError, emulatorEnv, FAST_POLL, killLiveChildren, runCli, stderrLines, type CliEnv } from "../helpers/cli";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server";

const PROJECT = "0123456789abcdef0123456789abcdef";

/** [name, character, U+XXXX it is reported as] */
const CHARACTERS: ReadonlyArray<readonly [string, string, string]> = [
  ["8-bit CSI", "\u009b31m", "U+009B"],
  ["C1 NEL", "\u0085", "U+0085"],
  ["C1 OSC", "\u009d0;t\u009c", "U+009D"],
  ["ESC (ANSI)", "\u001b[31m", "U+001B"],
  ["right-to-left override", "\u202e", "U+202E"],
  ["left-to-right embedding", "\u202a", "U+202A"],
  ["right-to-left isolate", "\u2067", "U+2067"],
  ["right-to-left mark", "\u200f", "U+200F"],
  ["Arabic letter mark", "\u061c", "U+061C"],
  ["zero-width space", "\u200b", "U+200B"],
  ["byte order mark", "\ufeff", "U+FEFF"],
  ["line separator", "\u2028", "U+2028"],
];

let server: ScriptedServer;
before(async () => {
  // Any request is a failure of the test; answering it keeps the CLI from hanging.
  server = await startScriptedServer(() => ({ status: 400, body: { error_code: "TEST.UNEXPECTED", error_msg: "no request may arrive" } }));
});
after(async () => {
  killLiveChildren();
  await server.close();
});

interface Door {
  readonly name: string;
  /** The field the message must name. */
  readonly field: string;
  readonly run: (id: string, env: CliEnv) => ReturnType<typeof runCli>;
}

const external = (query: Record<string, string>, env: CliEnv) => runCli(["external"], env, { stdin: JSON.stringify(query) });

const DOORS: readonly Door[] = [
  { name: "get argument", field: "job-id", run: (id, env) => runCli(["get", "ims-job", `12${id}34`], env) },
  { name: "wait argument", field: "job-id", run: (id, env) => runCli(["wait", "app-job", `12${id}34`, ...FAST_POLL], env) },
  {
    name: "HWJOBS_JOB_ID",
    field: "HWJOBS_JOB_ID",
    run: (id, env) => runCli(["wait", ...FAST_POLL], { ...env, HWJOBS_KIND: "image-job", HWJOBS_JOB_ID: `12${id}34` }),
  },
  { name: "external get-image-job", field: "job_id", run: (id, env) => external({ operation: "get-image-job", job_id: `12${id}34` }, env) },
  {
    name: "external count-app-sub-jobs filter",
    field: "job_id",
    run: (id, env) => external({ operation: "count-app-sub-jobs", job_id: `12${id}34` }, env),
  },
  {
    name: "list --job-id filter",
    field: "--job-id",
    run: (id, env) => runCli(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--job-id", `12${id}34`], env),
  },
];

describe("job ids with C1, bidi and other invisible characters are refused before any request", { concurrency: 4 }, () => {
  for (const door of DOORS) {
    for (const [what, character, code] of CHARACTERS) {
      it(`${door.name}: ${what}`, async () => {
        const before = server.requests.length;
        const r = await door.run(character, emulatorEnv(server.url, PROJECT));
        assertUsageError(r, door.field, code);
        assert.doesNotMatch(stderrLines(r)[0]!, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, "the message does not echo the character raw");
        assert.equal(server.requests.length, before, "no request reached the server");
      });
    }
  }
});

describe("job ids the APIs use still pass", () => {
  it("a request is sent", async () => {
    const before = server.requests.length;
    const r = await runCli(["get", "ims-job", "ff8080814dbd65d7014dbe0d84db0013"], emulatorEnv(server.url, PROJECT));
    assert.equal(r.code, 4, "the scripted 400");
    assert.equal(server.requests.length, before + 1);
  });
});
