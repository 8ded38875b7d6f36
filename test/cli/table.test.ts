// Tables (issue 12, item 7): widths in display columns, so CJK and emoji align; long free text cut
// with an ellipsis to the terminal's width, and only at a terminal; image-jobs with their sub-job
// count and sub-job lists with their parent job (renderTable in-process, then the bundle as a
// child process against the emulator, through a pipe and under a pseudo-terminal).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { displayWidth, truncateToWidth } from "../../src/cli/display-width";
import { renderTable } from "../../src/cli/table";
import { assertExit, describeResult, emulatorEnv, FAST_POLL, runCli, useCliEmulator } from "../helpers/cli";
import { createJob } from "../helpers/emulator-admin";
import { HAS_SCRIPT, underTerminal } from "../helpers/terminal";

const emulator = useCliEmulator();

/**
 * The display column at which each header name starts, and the column each row's cells start at:
 * the text before a cell, measured in display columns, must be as wide as the text before its header.
 */
function assertAligned(lines: readonly string[], headers: readonly string[], cellsOf: (row: number) => readonly string[]): void {
  const header = lines[0]!;
  const starts = headers.map((name) => displayWidth(header.slice(0, header.indexOf(name))));
  lines.slice(1).forEach((line, r) => {
    let from = 0;
    cellsOf(r).forEach((cell, c) => {
      const at = line.indexOf(cell, from);
      assert.ok(at >= 0, `row ${r}: ${JSON.stringify(cell)} missing in ${JSON.stringify(line)}`);
      assert.equal(
        displayWidth(line.slice(0, at)),
        starts[c],
        `row ${r}, column ${headers[c]} starts under its header:\n${lines.join("\n")}`,
      );
      from = at + cell.length;
    });
  });
}

describe("renderTable", () => {
  const names = ["镜像构建", "ascii", "emoji 🚀🚀", "한국어 이름", "e\u0301te\u0301"];
  const rows = names.map((name, i) => [name, `id-${i}`, i % 2 ? "SUCCESS" : "FAILED"]);

  it("aligns CJK, Hangul, emoji and combining marks in display columns", () => {
    const lines = renderTable([{ header: "NAME" }, { header: "ID" }, { header: "STATUS" }], rows).split("\n");
    assert.equal(lines.length, names.length + 1);
    assertAligned(lines, ["NAME", "ID", "STATUS"], (r) => rows[r]!);
    // The widest name sets the column: "한국어 이름" is 11 columns (5 characters).
    assert.equal(displayWidth(lines[0]!.slice(0, lines[0]!.indexOf("ID"))), 11 + 2);
    for (const line of lines) assert.equal(line, line.trimEnd(), "no trailing spaces");
  });

  it("fits a width by cutting only the shrinkable columns, evenly from the widest, with an ellipsis", () => {
    const error = "WKS.00170002 镜像服务器异常，无法构建镜像。The image server is abnormal and cannot be built.";
    const resource = "3a44ecc7-a638-4e65-ac49-7a8528292070";
    const tableRows = [
      ["702364883651395584", resource, error],
      ["702364883651395585", "short", ""],
    ];
    const columns = [{ header: "ID" }, { header: "RESOURCE", shrink: true }, { header: "ERROR", shrink: true }];
    const whole = renderTable(columns, tableRows);
    assert.ok(whole.includes(error) && whole.includes(resource), "without a width nothing is cut");
    for (const maxWidth of [120, 80, 60, 50]) {
      const lines = renderTable(columns, tableRows, { maxWidth }).split("\n");
      for (const line of lines) assert.ok(displayWidth(line) <= maxWidth, `${displayWidth(line)} > ${maxWidth}: ${line}`);
      assert.ok(lines[1]!.startsWith("702364883651395584  "), "the id is never cut");
      assert.ok(lines[1]!.endsWith("…"), `the long error is cut with an ellipsis: ${lines[1]}`);
      // A cut cell keeps at least its header's width, so its first characters show where it starts.
      assertAligned(lines, ["ID", "RESOURCE"], (r) => [tableRows[r]![0]!, tableRows[r]![1]!.slice(0, 2)]);
    }
    // Too narrow for even the headers: the rows stay whole-id and wider than asked.
    const narrow = renderTable(columns, tableRows, { maxWidth: 20 }).split("\n");
    assert.ok(narrow[1]!.startsWith("702364883651395584  "), narrow.join("\n"));
  });

  it("cuts whole graphemes: never half a CJK character or an emoji", () => {
    assert.equal(truncateToWidth("镜像服务器异常", 6), "镜像…");
    assert.equal(truncateToWidth("镜像服务器异常", 7), "镜像服…");
    assert.equal(truncateToWidth("👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 3), "👩‍👩‍👧‍👦…");
    assert.equal(truncateToWidth("short", 5), "short");
    assert.equal(displayWidth(truncateToWidth("e\u0301".repeat(9), 4)), 4);
  });
});

describe("hwjobs tables", { concurrency: true }, () => {
  const project = () => randomBytes(16).toString("hex");
  /** An image job that has ended at once: a success, or with `error` a failure (WKS.00170002). */
  const newJob = (p: string, id: string, failure?: { error: string }) =>
    createJob(emulator.url, {
      kind: "image-job",
      project_id: p,
      id,
      waiting_ms: 0,
      running_ms: 0,
      ...(failure ? { outcome: "failure", error_code: "WKS.00170002", error_message: failure.error } : { outcome: "success" }),
    });

  it("image-jobs shows SUB_JOBS; image-sub-jobs shows PARENT_ID", async () => {
    const p = project();
    const id = await createJob(emulator.url, { kind: "image-job", project_id: p, waiting_ms: 0, running_ms: 0, sub_jobs: 3 });
    const env = emulatorEnv(emulator.url, p);
    const jobs = await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER_IMAGE", "-o", "table"], env);
    assertExit(jobs, 0);
    const [header, row] = jobs.stdout.split("\n");
    assert.deepEqual(header!.split(/\s+/), ["ID", "TYPE", "STATUS", "SUB_JOBS", "BEGIN", "END"], describeResult(jobs));
    assert.deepEqual(row!.split(/\s+/).slice(0, 4), [id, "CREATE_SERVER_IMAGE", "SUCCESS", "3"], describeResult(jobs));
    const subs = await runCli(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--job-id", id, "-o", "table"], env);
    assertExit(subs, 0);
    const lines = subs.stdout.trimEnd().split("\n");
    assert.deepEqual(lines[0]!.split(/\s+/).slice(0, 3), ["ID", "PARENT_ID", "TYPE"]);
    assert.equal(lines.length, 3 + 2, describeResult(subs));
    for (const line of lines.slice(1, -1)) assert.equal(line.split(/\s+/)[1], id, "each sub-job names its parent");
  });

  it("a wait on jobs with CJK and emoji ids aligns its table; through a pipe every value is whole", async () => {
    const p = project();
    const ids = ["镜像构建任务一", "job-🚀", "plain-ascii-job-id"];
    const error = "WKS.00170002 镜像服务器异常，无法构建镜像。请检查镜像服务器的状态后重试，或联系管理员处理此问题。".repeat(2);
    await newJob(p, ids[0]!, { error: error.slice("WKS.00170002 ".length) });
    for (const id of ids.slice(1)) await newJob(p, id);
    const args = ["wait", "image-job", ...ids, "--allow-failed-sub-jobs", "-o", "table", "-q", ...FAST_POLL];
    const r = await runCli(args, emulatorEnv(emulator.url, p));
    assertExit(r, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 4, describeResult(r));
    const statuses = ["FAILED", "SUCCESS", "SUCCESS"];
    assertAligned(lines, ["KIND", "JOB_ID", "STATUS", "PHASE"], (row) => ["image-job", ids[row]!, statuses[row]!]);
    assert.ok(lines[1]!.endsWith(error), `a pipe gets the whole error: ${lines[1]}`);
  });

  it(
    "at a terminal the table fits its width: the error is cut with an ellipsis, ids stay whole",
    { skip: !HAS_SCRIPT && "no util-linux script" },
    async () => {
      const p = project();
      const id = "镜像构建任务二";
      const message = "镜像服务器异常，无法构建镜像。".repeat(12);
      await newJob(p, id, { error: message });
      await newJob(p, "plain-other");
      const columns = 100;
      const args = ["wait", "image-job", id, "plain-other", "-o", "table", "-q", ...FAST_POLL];
      const { output: out, code } = await underTerminal(args, emulatorEnv(emulator.url, p), columns);
      assert.equal(code, 1, out);
      const lines = out
        .replace(/\r/g, "")
        .split("\n")
        .filter((line) => line.startsWith("image-job") || line.startsWith("KIND"));
      assert.equal(lines.length, 3, JSON.stringify(out));
      for (const line of lines) assert.ok(displayWidth(line) <= columns, `${displayWidth(line)} columns: ${line}`);
      assert.ok(lines[1]!.includes(id), "the id is whole");
      assert.ok(lines[1]!.endsWith("…") && lines[1]!.includes("WKS.00170002"), lines[1]);
      // Resource ids are ids too: whole at a terminal, in the several-jobs table and in get's.
      const json = await runCli(["get", "image-job", "plain-other"], emulatorEnv(emulator.url, p));
      const resources = (JSON.parse(json.stdout) as { resource_ids: string[] }).resource_ids;
      assert.ok(resources.length > 0, describeResult(json));
      for (const resource of resources) assert.ok(lines[2]!.includes(resource), `${resource} whole in ${lines[2]}`);
      const get = await underTerminal(["get", "image-job", "plain-other", "-o", "table"], emulatorEnv(emulator.url, p), 40);
      for (const value of resources) assert.ok(get.output.includes(value), `${value} whole in ${get.output}`);
    },
  );
});
