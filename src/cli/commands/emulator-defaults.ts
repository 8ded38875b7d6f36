/** Where `hwjobs emulator` listens when `--host` / `--port` are not given (its help prints them). */
export const EMULATOR_DEFAULTS = { host: "127.0.0.1", port: 8080 } as const;
