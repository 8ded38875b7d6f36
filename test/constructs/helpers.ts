import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { HWJOBS_CLI_BUNDLE } from "../../src/constructs";

/**
 * Makes sure the CLI bundle the constructs ship exists. `npm test` builds it first; when these tests
 * run on their own before a build, a placeholder stands in (synth only copies and hashes it).
 * The placeholder fails loudly if Terraform ever runs it, and the next build replaces it.
 */
export function ensureCliBundle(): void {
  if (existsSync(HWJOBS_CLI_BUNDLE)) return;
  mkdirSync(dirname(HWJOBS_CLI_BUNDLE), { recursive: true });
  writeFileSync(
    HWJOBS_CLI_BUNDLE,
    '#!/usr/bin/env node\nconsole.error("hwjobs: placeholder bundle written by the construct tests; run \\"npm run build\\"");\nprocess.exit(2);\n',
    { flag: "wx", mode: 0o755 },
  );
}

/** Every regular file under `dir`, recursively, as [path, content]. */
export function readTree(dir: string): Array<[string, Buffer]> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): Array<[string, Buffer]> => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return readTree(path);
    return entry.isFile() ? [[path, readFileSync(path)]] : [];
  });
}

/** The parts of a synthesized `local-exec` provisioner the tests look at. */
export interface LocalExec {
  command: string;
  interpreter: string[];
  environment: Record<string, string>;
}

/** Synthesized resource body (the tests only read it). */
export interface SynthResource {
  triggers_replace?: Record<string, string>;
  triggers?: Record<string, string>;
  depends_on?: string[];
  input?: unknown;
  provisioner?: Array<{ "local-exec": LocalExec }>;
}

/** Synthesized stack JSON (the parts the tests read). */
export interface SynthStack {
  resource?: Record<string, Record<string, SynthResource>>;
  terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
  variable?: Record<string, { default?: unknown; type?: string }>;
  output?: Record<string, { value: unknown }>;
}

/** The resource `type.name` of a synthesized stack, failing clearly when it is missing. */
export function resourceOf(stack: SynthStack, type: string, name: string): SynthResource {
  const resource = stack.resource?.[type]?.[name];
  if (resource === undefined) {
    throw new Error(`no ${type}.${name} in ${JSON.stringify(Object.keys(stack.resource ?? {}))}: ${JSON.stringify(stack.resource)}`);
  }
  return resource;
}

/** The single local-exec provisioner of a resource. */
export function localExecOf(resource: SynthResource): LocalExec {
  const provisioners = resource.provisioner ?? [];
  if (provisioners.length !== 1 || provisioners[0] === undefined) {
    throw new Error(`expected one provisioner, got ${JSON.stringify(provisioners)}`);
  }
  return provisioners[0]["local-exec"];
}
