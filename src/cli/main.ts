import { writeSync } from "node:fs";
import { isatty } from "node:tty";
import { InvalidInputError } from "../core/errors";
import { ExitCode } from "../core/exit-codes";
import { controlWriter, streamWriter, type CliIo } from "./io";
import { progressLine } from "./progress";
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

const stdout = streamWriter(() => process.stdout);
const stderr = streamWriter(() => process.stderr);
// Only `external` reads stdin; touching process.stdin otherwise would build its stream for nothing.
let stdinRead = false;

const io: CliIo = {
  stdout: stdout.write,
  stderr: stderr.write,
  stderrControl: controlWriter(stderr.write),
  env: process.env,
  readStdin: async (maxBytes) => {
    stdinRead = true;
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of process.stdin) {
      bytes += (chunk as Buffer).length;
      if (bytes > maxBytes)
        throw new InvalidInputError("stdin", `stdin: more than ${maxBytes} bytes; hwjobs external reads one small JSON object`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  },
  signal: controller.signal,
  // isatty(2) first: process.stderr is built only when it is a terminal that wants a live line.
  stdoutColumns: () => (isatty(1) ? process.stdout.columns || 80 : undefined),
  stderrColumns: () => (isatty(2) ? process.stderr.columns || 80 : undefined),
};

// A result that could not be written (a full disk, not a reader that left) must not pass for a
// success: checked at exit, since a write error is reported after the write returned.
process.on("exit", () => {
  const failure = stdout.failure();
  if (failure === undefined || process.exitCode !== ExitCode.OK) return;
  process.exitCode = ExitCode.API;
  try {
    writeSync(2, progressLine(`error: cannot write the result to stdout (${failure})`));
  } catch {
    // stderr is gone too: the exit code alone tells.
  }
});

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
  // A read of stdin that was given up (external's limit) must not keep the process alive.
  if (stdinRead) process.stdin.destroy();
});
