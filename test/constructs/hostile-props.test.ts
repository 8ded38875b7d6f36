// The hostile-input corpus at the constructs' door (issue 7; the CLI's doors are in
// test/cli/hostile-input.test.ts): props that are null, missing where required or of the wrong
// type give one line naming the construct, its id and the prop at synth time, never a TypeError,
// and nothing is added to the stack.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { TerraformStack, Testing } from "cdktf";
import type { Construct } from "constructs";
import {
  DataAppServerJob,
  DataAppServerSubJobCount,
  DataAppServerSubJobs,
  DataImageServerJob,
  DataImageServerJobs,
  DataImageServerSubJobCount,
  DataImageServerSubJobs,
  DataImsJob,
  JobKind,
  WaitForJob,
} from "../../src/constructs";
import { ensureCliBundle } from "./helpers";

/** A construct of the package, made with arbitrary (untyped) props, as plain JavaScript would. */
type Make = (scope: Construct, id: string, props: unknown) => unknown;

const CONSTRUCTS: Readonly<Record<string, Make>> = {
  WaitForJob: (s, id, p) => new WaitForJob(s, id, p as never),
  DataImageServerJobs: (s, id, p) => new DataImageServerJobs(s, id, p as never),
  DataImageServerSubJobs: (s, id, p) => new DataImageServerSubJobs(s, id, p as never),
  DataImageServerSubJobCount: (s, id, p) => new DataImageServerSubJobCount(s, id, p as never),
  DataAppServerSubJobs: (s, id, p) => new DataAppServerSubJobs(s, id, p as never),
  DataAppServerSubJobCount: (s, id, p) => new DataAppServerSubJobCount(s, id, p as never),
  DataImageServerJob: (s, id, p) => new DataImageServerJob(s, id, p as never),
  DataAppServerJob: (s, id, p) => new DataAppServerJob(s, id, p as never),
  DataImsJob: (s, id, p) => new DataImsJob(s, id, p as never),
};

/** Valid props of each construct, which the cases below spoil one prop at a time. */
const VALID: Readonly<Record<string, Record<string, unknown>>> = {
  WaitForJob: { kind: JobKind.IMS_JOB, jobId: "123" },
  DataImageServerJobs: { jobType: "CREATE_SERVER" },
  DataImageServerSubJobs: { jobType: "CREATE_SERVER" },
  DataImageServerSubJobCount: {},
  DataAppServerSubJobs: { jobType: "CREATE_SERVER" },
  DataAppServerSubJobCount: {},
  DataImageServerJob: { jobId: "1" },
  DataAppServerJob: { jobId: "1" },
  DataImsJob: { jobId: "1" },
};

interface PropCase {
  readonly construct: string;
  /** The props: a spoiled copy of the valid ones, or not an object at all. */
  readonly props: unknown;
  /** The prop the one-line message must name. */
  readonly prop: string;
}

const spoil = (construct: string, prop: string, value: unknown): PropCase => ({
  construct,
  prop,
  props: { ...VALID[construct], [prop]: value },
});
const drop = (construct: string, prop: string): PropCase => {
  const props = { ...VALID[construct] };
  delete props[prop];
  return { construct, prop, props };
};

/** The settings every data source and the wait take, each spoiled several ways. */
const SETTINGS: ReadonlyArray<[prop: string, values: readonly unknown[]]> = [
  ["region", [null, 4, "CN NORTH", ["cn-north-4"]]],
  ["projectId", [null, 12345, "a/b"]],
  ["endpoint", [null, "http://example.com", "ftp://x", { url: "https://x" }]],
  ["appstreamEndpoint", [null, "https://x/path"]],
  ["imsEndpoint", [null, 443]],
  ["dependsOn", ["x", { fqn: "terraform_data.x" }, [null], ["terraform_data.x"], [{ id: "x" }], null]],
];

const CASES: readonly PropCase[] = [
  // Not an object at all.
  ...["WaitForJob", "DataImageServerJobs", "DataImsJob", "DataAppServerJob"].flatMap((c) =>
    [null, "props", 42, [VALID[c]]].map((props): PropCase => ({ construct: c, props, prop: "props" })),
  ),
  { construct: "WaitForJob", props: undefined, prop: "props" },
  { construct: "DataImageServerJob", props: undefined, prop: "props" },
  { construct: "DataImageServerSubJobCount", props: null, prop: "props" },
  { construct: "DataAppServerSubJobCount", props: "all", prop: "props" },
  // Required props missing or null, wrong types.
  drop("WaitForJob", "kind"),
  drop("WaitForJob", "jobId"),
  spoil("WaitForJob", "kind", null),
  spoil("WaitForJob", "kind", 3),
  spoil("WaitForJob", "kind", "ims"),
  spoil("WaitForJob", "jobId", null),
  spoil("WaitForJob", "jobId", 123),
  spoil("WaitForJob", "jobId", ["1"]),
  spoil("WaitForJob", "jobId", "1\u009b2"),
  spoil("WaitForJob", "jobId", "1\u202e2"),
  spoil("WaitForJob", "timeout", null),
  spoil("WaitForJob", "timeout", 60),
  spoil("WaitForJob", "timeout", "1 hour"),
  spoil("WaitForJob", "notFoundGrace", null),
  spoil("WaitForJob", "minPollInterval", 5),
  spoil("WaitForJob", "maxPollInterval", null),
  spoil("WaitForJob", "triggers", null),
  spoil("WaitForJob", "triggers", "x"),
  spoil("WaitForJob", "triggers", { image: 1 }),
  spoil("WaitForJob", "useNullResource", "yes"),
  spoil("WaitForJob", "useNullResource", null),
  spoil("WaitForJob", "allowFailedSubJobs", 1),
  spoil("WaitForJob", "allowFailedSubJobs", "true"),
  ...["DataImageServerJob", "DataAppServerJob", "DataImsJob"].flatMap((c) => [
    drop(c, "jobId"),
    spoil(c, "jobId", null),
    spoil(c, "jobId", 7),
    spoil(c, "jobId", ""),
  ]),
  ...["DataImageServerJobs", "DataImageServerSubJobs", "DataAppServerSubJobs"].flatMap((c) => [
    drop(c, "jobType"),
    spoil(c, "jobType", null),
    spoil(c, "jobType", ["CREATE_SERVER"]),
    spoil(c, "status", null),
    spoil(c, "status", 1),
    spoil(c, "concurrency", "4"),
    spoil(c, "concurrency", null),
    spoil(c, "concurrency", 2.5),
    spoil(c, "timeout", 30),
  ]),
  ...["DataImageServerSubJobCount", "DataAppServerSubJobCount"].flatMap((c) => [
    spoil(c, "jobTypes", null),
    spoil(c, "jobTypes", "CREATE_SERVER"),
    spoil(c, "jobTypes", [1]),
    spoil(c, "jobTypes", []),
    spoil(c, "jobId", null),
    spoil(c, "timeout", null),
  ]),
  ...Object.keys(CONSTRUCTS).flatMap((c) => SETTINGS.flatMap(([prop, values]) => values.map((value) => spoil(c, prop, value)))),
];

describe("hostile construct props", () => {
  before(ensureCliBundle);

  test(`the corpus has ${CASES.length} cases`, (t) => {
    t.diagnostic(`${CASES.length} prop cases over ${Object.keys(CONSTRUCTS).length} constructs`);
    assert.ok(CASES.length >= 100);
    // The README quotes the size: keep it in step.
    assert.ok(
      readFileSync(join(__dirname, "..", "..", "README.md"), "utf8").includes(`${CASES.length} prop cases`),
      `README.md's reliability table must say "${CASES.length} prop cases"`,
    );
  });

  for (const [index, c] of CASES.entries()) {
    const shown = (() => {
      try {
        return JSON.stringify(c.props) ?? String(c.props);
      } catch {
        return String(c.props);
      }
    })();
    test(`${c.construct} ${c.prop}: ${shown.slice(0, 80)}`, () => {
      const stack = new TerraformStack(Testing.app(), "stack");
      const id = `case${index}`;
      assert.throws(
        () => CONSTRUCTS[c.construct]!(stack, id, c.props),
        (error: unknown) => {
          assert.ok(error instanceof Error, String(error));
          assert.ok(!(error instanceof TypeError), `a TypeError: ${error.stack}`);
          assert.equal(error.message.split("\n").length, 1, error.message);
          assert.ok(error.message.startsWith(`${c.construct} "${id}": `), error.message);
          const named = c.prop === "props" ? /props/ : new RegExp(`\\b${c.prop}\\b`);
          assert.match(error.message, named);
          return true;
        },
      );
      assert.deepEqual(
        stack.node.children.filter((child) => child.node.id === id).map((child) => child.node.path),
        [],
        "nothing was added for the failed construct",
      );
    });
  }
});
