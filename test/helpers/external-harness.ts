// The Terraform external-data-source protocol as hashicorp/external runs it: the `program` argv of
// a synthesized `data "external"`, without a shell, in the stack directory, with the `query` as
// JSON on stdin; the answer must be one flat JSON object of strings.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { substituteVars } from "../../scripts/stack-runner";
import { runProgram } from "./process";

/** A `data "external"` block of cdk.tf.json. */
export interface ExternalBlock {
  readonly program: string[];
  readonly query: Record<string, string>;
}

/** Every `data "external"` block of a synthesized stack, by name. */
export function externalBlocks(stackDir: string): Record<string, ExternalBlock> {
  const config = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { data?: { external?: Record<string, ExternalBlock> } };
  return config.data?.external ?? {};
}

/** The query a block sends, with `${var.name}` references replaced by `vars`. */
export function externalQuery(block: ExternalBlock, vars: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(block.query).map(([k, v]) => [k, substituteVars(v, vars)]));
}

/**
 * Runs a block's program as Terraform would and asserts it exits 0 with a flat object of strings
 * on stdout; returns that object and the query sent. `name` labels assertion messages.
 */
export async function runExternal(
  name: string,
  block: ExternalBlock,
  stackDir: string,
  env: NodeJS.ProcessEnv,
  vars: Readonly<Record<string, string>> = {},
): Promise<{ query: Record<string, string>; result: Record<string, string> }> {
  const query = externalQuery(block, vars);
  const run = await runProgram(block.program, { cwd: stackDir, env, stdin: JSON.stringify(query) });
  assert.equal(run.code, 0, `${name}: ${run.stderr}`);
  const output = JSON.parse(run.stdout) as Record<string, unknown>;
  for (const [key, value] of Object.entries(output)) assert.equal(typeof value, "string", `${name}.${key} must be a string`);
  return { query, result: output as Record<string, string> };
}
