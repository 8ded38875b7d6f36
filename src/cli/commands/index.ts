import type { Command, CommandName } from "../run";

// run.ts imports this module when a command runs; the one-file bundle keeps it, and everything it
// imports that the dispatcher does not, as source text compiled at that import (scripts/build.mjs).
// Each command is imported in turn only when it runs, so `get` does not build the emulator's or
// the list queries' schemas.

/** Each command's loader. */
export const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  wait: async () => (await import("./wait.js")).runWait,
  get: async () => (await import("./get.js")).runGet,
  list: async () => (await import("./list.js")).runList,
  count: async () => (await import("./count.js")).runCount,
  external: async () => (await import("./external.js")).runExternal,
  emulator: async () => (await import("./emulator.js")).runEmulator,
  completion: async () => (await import("./completion.js")).runCompletion,
};

/** The loader of `hwjobs <command> --help` (commands/help.ts), which derives from the query schemas. */
export const loadCommandHelp = async () => (await import("./help.js")).commandHelp;
