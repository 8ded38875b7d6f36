import { ExitCode } from "../core/exit-codes";
import type { CliIo } from "./io";
import { runCli } from "./run";

// The process entry point (bundled into lib/hwjobs.cjs). Terraform runs it as the direct child
// (interpreter = ["node", asset]), so signals reach it without a shell in between.
const controller = new AbortController();
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(ExitCode.INTERRUPTED);
    interrupted = true;
    controller.abort();
  });
}

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  signal: controller.signal,
};

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
