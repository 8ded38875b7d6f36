// Starts bench/emulator-child.ts and talks to it: its URL, its admin counters, and stopping it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { request } from "undici";

/** What the child seeds: image jobs of `jobType` with `subJobs` sub-jobs in all, and a latency fault. */
export interface EmulatorChildOptions {
  readonly projectId: string;
  readonly jobType: string;
  readonly subJobs: number;
  /** Added to every API request by the emulator's own delay fault; 0 for none. */
  readonly latencyMs: number;
}

/** The child's one line once it listens. */
export interface EmulatorChildReady {
  readonly url: string;
  /** An image job of another type, with one sub-job, for Show requests. */
  readonly showJobId: string;
}

/** A running emulator child. */
export interface EmulatorProcess extends EmulatorChildReady {
  /** API requests served since the last call (the admin counters, which it then resets). */
  takeRequestCount(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the emulator child and resolves once it listens. */
export async function startEmulatorProcess(options: EmulatorChildOptions): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "emulator-child.ts"), JSON.stringify(options)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([once(lines, "line"), once(child, "exit").then(() => [undefined])])) as [string | undefined];
  if (line === undefined) throw new Error("the emulator child exited before listening");
  const ready = JSON.parse(line) as EmulatorChildReady;
  const admin = async (method: "GET" | "DELETE") => {
    const reply = await request(`${ready.url}/_emulator/stats`, { method });
    return (await reply.body.json()) as { requests: number };
  };
  return {
    ...ready,
    async takeRequestCount() {
      const { requests } = await admin("GET");
      await admin("DELETE");
      return requests;
    },
    async close() {
      const exited = once(child, "exit");
      child.stdin.end();
      await exited;
    },
  };
}
