import { InvalidInputError } from "./errors";

/** Environment variables, first set wins (same names as the HUAWEI CLOUD provider and SDKs). */
export const CREDENTIAL_ENV = {
  accessKeyPairs: [
    ["HW_ACCESS_KEY", "HW_SECRET_KEY"],
    ["OS_ACCESS_KEY", "OS_SECRET_KEY"],
    ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"],
  ],
  securityToken: ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"],
  authToken: ["HW_AUTH_TOKEN", "OS_AUTH_TOKEN"],
} as const;

/** AK/SK credentials, optionally temporary (with a security token). */
export interface AccessKeyCredentials {
  readonly type: "aksk";
  /** Access key id. */
  readonly accessKey: string;
  /** Secret key; signs requests, never sent or printed. */
  readonly secretKey: string;
  /** Security token of temporary credentials, sent (and signed) as `X-Security-Token`. */
  readonly securityToken?: string;
}

/** An IAM user token sent as `X-Auth-Token`. */
export interface TokenCredentials {
  readonly type: "token";
  /** The IAM token; never printed. */
  readonly token: string;
}

/** How requests are authenticated. Never printed: logs show only the kind and the access key id. */
export type Credentials = AccessKeyCredentials | TokenCredentials;

type Env = Readonly<Record<string, string | undefined>>;

function firstSet(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

/**
 * Resolves credentials from the environment only (never from flags or configuration):
 * AK/SK (+ security token) when both keys of a pair are set, else an IAM token.
 * @throws InvalidInputError naming the variables to set
 */
export function resolveCredentials(env: Env): Credentials {
  for (const [akName, skName] of CREDENTIAL_ENV.accessKeyPairs) {
    const accessKey = firstSet(env, [akName]);
    const secretKey = firstSet(env, [skName]);
    if (accessKey && secretKey) {
      const securityToken = firstSet(env, CREDENTIAL_ENV.securityToken);
      checkHeaderSafe(akName, accessKey);
      checkHeaderSafe(skName, secretKey);
      if (securityToken) checkHeaderSafe("HW_SECURITY_TOKEN", securityToken);
      return { type: "aksk", accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
    }
    // Half a pair is a misconfiguration: falling through to another pair or to a token would
    // silently switch identities, so it is an error that names the missing variable.
    if (accessKey || secretKey) {
      const missing = accessKey ? skName : akName;
      throw new InvalidInputError(
        missing,
        `credentials: ${accessKey ? akName : skName} is set but ${missing} is not; set both, or use HW_AUTH_TOKEN`,
      );
    }
  }
  const token = firstSet(env, CREDENTIAL_ENV.authToken);
  if (token) {
    checkHeaderSafe("HW_AUTH_TOKEN", token);
    return { type: "token", token };
  }
  throw new InvalidInputError(
    "HW_ACCESS_KEY",
    "credentials: none found; set HW_ACCESS_KEY and HW_SECRET_KEY (optionally HW_SECURITY_TOKEN), or HW_AUTH_TOKEN, in the environment",
  );
}

/**
 * A credential travels in an HTTP header (or is signed into one), so it must be printable ASCII
 * without spaces; anything else could never authenticate. The value itself is never shown.
 */
function checkHeaderSafe(name: string, value: string): void {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new InvalidInputError(
      name,
      `${name}: contains spaces, control or non-ASCII characters; a credential is printable ASCII (check for a stray newline)`,
    );
  }
}
