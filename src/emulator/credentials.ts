/** An AK/SK pair the emulator accepts; with `securityToken`, a temporary one. */
export interface EmulatorCredential {
  readonly accessKey: string;
  readonly secretKey: string;
  /** When set, requests must carry it in a signed `X-Security-Token` header. */
  readonly securityToken?: string;
}

/**
 * The emulator's documented demo credentials: accepted by default, so the demo, examples and
 * tests need no configuration. Not a real secret: they open nothing but a local emulator.
 */
export const DEMO_CREDENTIALS = Object.freeze({
  accessKey: "HWJOBSDEMOAK00000000",
  secretKey: "hwjobs-demo-secret-key-0000000000000000",
  token: "hwjobs-demo-iam-token",
});
