import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resolveConfig, type ConfigFlags } from "../../src/core/config";
import { ConfigError } from "../../src/core/config-error";
import { resolveCredentials } from "../../src/core/credentials";
import { InvalidInputError } from "../../src/core/errors";
import { REGION_ACCEPTED } from "../../src/core/limits";

type Env = Record<string, string | undefined>;

// Marker secrets: no error message may ever contain one of these.
const SECRETS = {
  HW_SECRET_KEY: "MARKER-SECRET-hw-sk-0001",
  OS_SECRET_KEY: "MARKER-SECRET-os-sk-0002",
  HUAWEICLOUD_SDK_SK: "MARKER-SECRET-sdk-sk-0003",
  HW_SECURITY_TOKEN: "MARKER-SECRET-hw-sectoken-0004",
  HUAWEICLOUD_SDK_SECURITY_TOKEN: "MARKER-SECRET-sdk-sectoken-0005",
  HW_AUTH_TOKEN: "MARKER-SECRET-hw-token-0006",
  OS_AUTH_TOKEN: "MARKER-SECRET-os-token-0007",
} as const;
const SECRET_VALUES = Object.values(SECRETS);

const BASE: Env = { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "proj0123", HW_ACCESS_KEY: "AKHW", HW_SECRET_KEY: SECRETS.HW_SECRET_KEY };

/** Asserts `fn` throws an InvalidInputError whose message is one line, secret-free, and matches. */
function assertInvalid(fn: () => unknown, expected: { field?: string; message: RegExp }): InvalidInputError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InvalidInputError, `expected InvalidInputError, got ${String(caught)}`);
  assert.match(caught.message, expected.message);
  if (expected.field !== undefined) assert.equal(caught.field, expected.field);
  assert.doesNotMatch(caught.message, /[\r\n]/, "message must be one line");
  for (const secret of SECRET_VALUES) {
    assert.ok(!caught.message.includes(secret), `message leaks ${secret}: ${caught.message}`);
    assert.ok(!String(caught).includes(secret), `String(error) leaks ${secret}`);
  }
  return caught;
}

describe("resolveCredentials", () => {
  test("AK/SK precedence: HW_ > OS_ > HUAWEICLOUD_SDK_", () => {
    const hw = { HW_ACCESS_KEY: "AK1", HW_SECRET_KEY: "SK1" };
    const os = { OS_ACCESS_KEY: "AK2", OS_SECRET_KEY: "SK2" };
    const sdk = { HUAWEICLOUD_SDK_AK: "AK3", HUAWEICLOUD_SDK_SK: "SK3" };
    const cases: Array<[Env, string, string]> = [
      [{ ...hw, ...os, ...sdk }, "AK1", "SK1"],
      [{ ...os, ...sdk }, "AK2", "SK2"],
      [{ ...sdk }, "AK3", "SK3"],
      [{ ...hw, ...sdk, HW_AUTH_TOKEN: "tok" }, "AK1", "SK1"],
      // empty strings count as unset
      [{ HW_ACCESS_KEY: "", HW_SECRET_KEY: "", ...os }, "AK2", "SK2"],
    ];
    for (const [env, ak, sk] of cases) {
      assert.deepEqual(resolveCredentials(env), { type: "aksk", accessKey: ak, secretKey: sk }, JSON.stringify(env));
    }
  });

  test("an access key without its secret key (and vice versa) names the missing variable", () => {
    const cases: Array<[Env, string]> = [
      [{ HW_ACCESS_KEY: "AK", HW_AUTH_TOKEN: SECRETS.HW_AUTH_TOKEN }, "HW_SECRET_KEY"],
      [{ HW_SECRET_KEY: SECRETS.HW_SECRET_KEY }, "HW_ACCESS_KEY"],
      [{ OS_ACCESS_KEY: "AK" }, "OS_SECRET_KEY"],
      [{ OS_SECRET_KEY: SECRETS.OS_SECRET_KEY }, "OS_ACCESS_KEY"],
      [{ HUAWEICLOUD_SDK_AK: "AK" }, "HUAWEICLOUD_SDK_SK"],
      [{ HUAWEICLOUD_SDK_SK: SECRETS.HUAWEICLOUD_SDK_SK, HW_SECURITY_TOKEN: SECRETS.HW_SECURITY_TOKEN }, "HUAWEICLOUD_SDK_AK"],
      // a half-set higher-priority pair is an error even when a lower one is complete
      [{ HW_ACCESS_KEY: "AK", OS_ACCESS_KEY: "AK2", OS_SECRET_KEY: SECRETS.OS_SECRET_KEY }, "HW_SECRET_KEY"],
    ];
    for (const [env, missing] of cases) {
      assertInvalid(() => resolveCredentials(env), {
        field: missing,
        message: new RegExp(`\\b${missing}\\b.*\\bis not\\b|is set but ${missing}`),
      });
    }
  });

  test("the security token is attached to AK/SK only, HW_ before HUAWEICLOUD_SDK_", () => {
    assert.deepEqual(
      resolveCredentials({ HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK", HW_SECURITY_TOKEN: "ST1", HUAWEICLOUD_SDK_SECURITY_TOKEN: "ST2" }),
      {
        type: "aksk",
        accessKey: "AK",
        secretKey: "SK",
        securityToken: "ST1",
      },
    );
    assert.deepEqual(resolveCredentials({ HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "SK", HUAWEICLOUD_SDK_SECURITY_TOKEN: "ST2" }), {
      type: "aksk",
      accessKey: "AK",
      secretKey: "SK",
      securityToken: "ST2",
    });
    assert.deepEqual(resolveCredentials({ HW_AUTH_TOKEN: "TOK", HW_SECURITY_TOKEN: "ST1" }), { type: "token", token: "TOK" });
  });

  test("falls back to the IAM token, HW_AUTH_TOKEN before OS_AUTH_TOKEN", () => {
    assert.deepEqual(resolveCredentials({ HW_AUTH_TOKEN: "T1", OS_AUTH_TOKEN: "T2" }), { type: "token", token: "T1" });
    assert.deepEqual(resolveCredentials({ OS_AUTH_TOKEN: "T2" }), { type: "token", token: "T2" });
    assert.deepEqual(resolveCredentials({ HW_AUTH_TOKEN: "", OS_AUTH_TOKEN: "T2" }), { type: "token", token: "T2" });
  });

  test("no credentials: the error names HW_ACCESS_KEY and HW_AUTH_TOKEN", () => {
    for (const env of [{}, { HW_SECURITY_TOKEN: SECRETS.HW_SECURITY_TOKEN }, { HW_ACCESS_KEY: "", HW_AUTH_TOKEN: "" }]) {
      const error = assertInvalid(() => resolveCredentials(env), { message: /HW_ACCESS_KEY/ });
      assert.match(error.message, /HW_AUTH_TOKEN/);
      assert.equal(error.exitCode, 2);
    }
  });
});

describe("resolveConfig", () => {
  test("region and project id: first env variable set wins, flags beat env", () => {
    const cases: Array<[ConfigFlags, Env, string, string]> = [
      [
        {},
        {
          HW_REGION_NAME: "cn-north-4",
          OS_REGION_NAME: "cn-east-3",
          HW_PROJECT_ID: "p1",
          OS_PROJECT_ID: "p2",
          HUAWEICLOUD_SDK_PROJECT_ID: "p3",
        },
        "cn-north-4",
        "p1",
      ],
      [{}, { OS_REGION_NAME: "cn-east-3", OS_PROJECT_ID: "p2", HUAWEICLOUD_SDK_PROJECT_ID: "p3" }, "cn-east-3", "p2"],
      [{}, { OS_REGION_NAME: "cn-east-3", HUAWEICLOUD_SDK_PROJECT_ID: "p3" }, "cn-east-3", "p3"],
      [
        { region: "ap-southeast-1", projectId: "flagproj" },
        { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "p1" },
        "ap-southeast-1",
        "flagproj",
      ],
      [{ region: "", projectId: "" }, { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "p1" }, "cn-north-4", "p1"],
    ];
    for (const [flags, env, region, projectId] of cases) {
      const config = resolveConfig(flags, { HW_AUTH_TOKEN: "t", ...env });
      assert.equal(config.region, region, JSON.stringify(flags));
      assert.equal(config.projectId, projectId, JSON.stringify(flags));
    }
  });

  test("credentials come from the same environment", () => {
    const config = resolveConfig({}, { ...BASE, HW_SECURITY_TOKEN: "ST" });
    assert.deepEqual(config.credentials, { type: "aksk", accessKey: "AKHW", secretKey: SECRETS.HW_SECRET_KEY, securityToken: "ST" });
    assertInvalid(() => resolveConfig({}, { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "p" }), {
      message: /HW_ACCESS_KEY.*HW_AUTH_TOKEN/,
    });
  });

  test("missing project id names --project-id and HW_PROJECT_ID", () => {
    const env = { ...BASE, HW_PROJECT_ID: undefined, ...SECRETS };
    const error = assertInvalid(() => resolveConfig({}, env), { field: "--project-id", message: /--project-id/ });
    assert.match(error.message, /HW_PROJECT_ID/);
  });

  test("bad region and project id formats name the flag or variable", () => {
    const cases: Array<[ConfigFlags, Env, string]> = [
      [{ region: "CN-NORTH-4" }, {}, "--region"],
      [{}, { HW_REGION_NAME: "cn north 4" }, "HW_REGION_NAME"],
      [{}, { HW_REGION_NAME: undefined, OS_REGION_NAME: "cn-north-4/../x" }, "OS_REGION_NAME"],
      [{}, { HW_REGION_NAME: "cn-north-4\nINJECTED" }, "HW_REGION_NAME"],
      [{}, { HW_REGION_NAME: "cn" }, "HW_REGION_NAME"],
      [{ projectId: "a/b" }, {}, "--project-id"],
      [{}, { HW_PROJECT_ID: "x".repeat(129) }, "HW_PROJECT_ID"],
      [{}, { HW_PROJECT_ID: undefined, HUAWEICLOUD_SDK_PROJECT_ID: "p?x=1" }, "HUAWEICLOUD_SDK_PROJECT_ID"],
      [{}, { HW_PROJECT_ID: "proj\r\nx" }, "HW_PROJECT_ID"],
    ];
    for (const [flags, env, field] of cases) {
      assertInvalid(() => resolveConfig(flags, { ...BASE, ...SECRETS, ...env }), { field, message: new RegExp(`^${field}: invalid`) });
    }
  });

  test("default endpoints from the region tables and HW_CLOUD", () => {
    const cases: Array<[Env, string, string]> = [
      [{ HW_REGION_NAME: "cn-north-4" }, "https://appstream.cn-north-4.myhuaweicloud.com", "https://ims.cn-north-4.myhuaweicloud.com"],
      [{ HW_REGION_NAME: "cn-east-3" }, "https://appstream.cn-east-3.myhuaweicloud.com", "https://ims.cn-east-3.myhuaweicloud.com"],
      [
        { HW_REGION_NAME: "ap-southeast-1" },
        "https://workspace.ap-southeast-1.myhuaweicloud.com",
        "https://ims.ap-southeast-1.myhuaweicloud.com",
      ],
      [{ HW_REGION_NAME: "la-south-2" }, "https://workspace.la-south-2.myhuaweicloud.com", "https://ims.la-south-2.myhuaweicloud.com"],
      [{ HW_REGION_NAME: "eu-west-101" }, "https://workspace.eu-west-101.myhuaweicloud.eu", "https://ims.eu-west-101.myhuaweicloud.eu"],
      [{ HW_REGION_NAME: "eu-west-0" }, "https://workspace.eu-west-0.myhuaweicloud.com", "https://ims.eu-west-0.myhuaweicloud.com"],
      [
        { HW_REGION_NAME: "cn-north-4", HW_CLOUD: "example.cloud" },
        "https://appstream.cn-north-4.example.cloud",
        "https://ims.cn-north-4.example.cloud",
      ],
      [
        { HW_REGION_NAME: "eu-west-101", HW_CLOUD: "myhuaweicloud.com" },
        "https://workspace.eu-west-101.myhuaweicloud.com",
        "https://ims.eu-west-101.myhuaweicloud.com",
      ],
    ];
    for (const [env, appstream, ims] of cases) {
      assert.deepEqual(resolveConfig({}, { ...BASE, ...env }).endpoints, { appstream, ims }, JSON.stringify(env));
    }
  });

  test("a malformed HW_CLOUD is rejected up front, naming HW_CLOUD", () => {
    for (const cloud of ["example.com/path", "a b.com", "user:pw@example.com"]) {
      assertInvalid(() => resolveConfig({}, { ...BASE, ...SECRETS, HW_CLOUD: cloud }), { field: "HW_CLOUD", message: /^HW_CLOUD: / });
    }
  });

  test("endpoint overrides: --endpoint for both, per-service beats shared, flags beat env", () => {
    const cases: Array<[ConfigFlags, Env, string, string]> = [
      [{ endpoint: "https://shared.example.com" }, {}, "https://shared.example.com", "https://shared.example.com"],
      [{}, { HWJOBS_ENDPOINT: "https://shared.example.com/" }, "https://shared.example.com", "https://shared.example.com"],
      [
        { endpoint: "https://flag.example.com" },
        { HWJOBS_ENDPOINT: "https://env.example.com" },
        "https://flag.example.com",
        "https://flag.example.com",
      ],
      [
        { endpoint: "https://shared.example.com", imsEndpoint: "https://ims.example.com:8443" },
        {},
        "https://shared.example.com",
        "https://ims.example.com:8443",
      ],
      [
        { appstreamEndpoint: "https://app.example.com" },
        { HWJOBS_ENDPOINT: "https://shared.example.com" },
        "https://app.example.com",
        "https://shared.example.com",
      ],
      [
        {},
        { HWJOBS_ENDPOINT: "https://shared.example.com", HWJOBS_IMS_ENDPOINT: "https://ims.example.com" },
        "https://shared.example.com",
        "https://ims.example.com",
      ],
      [
        { imsEndpoint: "https://flag-ims.example.com" },
        { HWJOBS_IMS_ENDPOINT: "https://env-ims.example.com" },
        "https://appstream.cn-north-4.myhuaweicloud.com",
        "https://flag-ims.example.com",
      ],
      [{}, { HWJOBS_APPSTREAM_ENDPOINT: "https://app.example.com" }, "https://app.example.com", "https://ims.cn-north-4.myhuaweicloud.com"],
    ];
    for (const [flags, env, appstream, ims] of cases) {
      assert.deepEqual(resolveConfig(flags, { ...BASE, ...env }).endpoints, { appstream, ims }, JSON.stringify({ flags, env }));
    }
  });

  test("plain http:// only for loopback hosts", () => {
    const accepted: Array<[string, string]> = [
      ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
      ["http://127.0.0.1:8080/", "http://127.0.0.1:8080"],
      ["http://[::1]:1", "http://[::1]:1"],
      ["http://localhost", "http://localhost"],
      ["http://LOCALHOST:9000", "http://localhost:9000"],
      ["https://10.0.0.5:8443", "https://10.0.0.5:8443"],
    ];
    for (const [given, normalised] of accepted) {
      assert.equal(resolveConfig({ endpoint: given }, BASE).endpoints.ims, normalised, given);
    }
    const rejected: Array<[ConfigFlags, Env, string]> = [
      [{ endpoint: "http://example.com" }, {}, "--endpoint"],
      [{ endpoint: "http://10.0.0.5:8080" }, {}, "--endpoint"],
      [{ endpoint: "http://localhost.example.com" }, {}, "--endpoint"],
      [{ endpoint: "http://[::2]:80" }, {}, "--endpoint"],
      [{ appstreamEndpoint: "http://example.com" }, {}, "--appstream-endpoint"],
      [{ imsEndpoint: "http://example.com" }, {}, "--ims-endpoint"],
      [{}, { HWJOBS_ENDPOINT: "http://example.com" }, "HWJOBS_ENDPOINT"],
      [{}, { HWJOBS_APPSTREAM_ENDPOINT: "http://example.com" }, "HWJOBS_APPSTREAM_ENDPOINT"],
      [{}, { HWJOBS_IMS_ENDPOINT: "http://example.com" }, "HWJOBS_IMS_ENDPOINT"],
      [{ endpoint: "ftp://127.0.0.1" }, {}, "--endpoint"],
      [{ endpoint: "example.com" }, {}, "--endpoint"],
    ];
    for (const [flags, env, field] of rejected) {
      const error = assertInvalid(() => resolveConfig(flags, { ...BASE, ...SECRETS, ...env }), {
        field,
        message: new RegExp(`^${field}: `),
      });
      assert.match(error.message, /https:\/\//, "the message says what is accepted");
    }
  });

  test("endpoints with a path, query, fragment or credentials are rejected without echoing a password", () => {
    const cases = [
      "https://example.com/v1",
      "https://example.com?x=1",
      "https://example.com/#frag",
      "https://user@example.com",
      "https://user:MARKER-SECRET-url-password@example.com",
      "http://user:MARKER-SECRET-url-password@127.0.0.1:8080",
      "http://user:MARKER-SECRET-url-password@[bad",
      // A "/", "?" or "#" in the password ends the authority early: the password is hidden all the same.
      "https://user:MARKER-SECRET/url-password@example.com",
      "https://user:MARKER-SECRET?url-password@example.com",
      "http://user:MARKER-SECRET#url-password@127.0.0.1:8080",
      "user:MARKER-SECRET-url-password@example.com",
      "not a url",
    ];
    for (const endpoint of cases) {
      const error = assertInvalid(() => resolveConfig({ endpoint }, { ...BASE, ...SECRETS }), {
        field: "--endpoint",
        message: /^--endpoint: /,
      });
      assert.ok(!/MARKER-SECRET|url-password/.test(error.message), error.message);
    }
  });

  test("region is only required to derive a default endpoint", () => {
    const env = { ...BASE, HW_REGION_NAME: undefined };
    const both = resolveConfig({ appstreamEndpoint: "https://a.example.com", imsEndpoint: "https://i.example.com" }, env);
    assert.equal(both.region, undefined);
    assert.deepEqual(both.endpoints, { appstream: "https://a.example.com", ims: "https://i.example.com" });
    assert.deepEqual(resolveConfig({ endpoint: "http://127.0.0.1:8080" }, env).endpoints, {
      appstream: "http://127.0.0.1:8080",
      ims: "http://127.0.0.1:8080",
    });
    for (const flags of [{}, { appstreamEndpoint: "https://a.example.com" }, { imsEndpoint: "https://i.example.com" }]) {
      const error = assertInvalid(() => resolveConfig(flags, { ...env, ...SECRETS }), { field: "--region", message: /region: missing/ });
      assert.match(error.message, /HW_REGION_NAME/);
    }
  });
});

describe("resolveConfig: every problem at once (ConfigError)", () => {
  /** The ConfigError `fn` throws. */
  function problemsOf(fn: () => unknown): ConfigError {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
      assert.ok(error instanceof InvalidInputError, "a ConfigError is an InvalidInputError (exit 2)");
      return error;
    }
    assert.fail("no error thrown");
  }

  test("nothing set: project id, region and credentials, in that order, one message line", () => {
    const error = problemsOf(() => resolveConfig({}, {}));
    assert.deepEqual(
      error.problems.map((p) => [p.setting, p.field]),
      [
        ["projectId", "--project-id"],
        ["region", "--region"],
        ["credentials", "HW_ACCESS_KEY"],
      ],
    );
    assert.equal(error.field, "--project-id");
    assert.equal(error.message, error.problems.map((p) => p.message).join(" | "));
    assert.doesNotMatch(error.message, /\n/);
  });

  test("invalid values of every setting, with secrets set: each named once, no secret shown", () => {
    const env = { ...SECRETS, HW_ACCESS_KEY: undefined, HW_REGION_NAME: "Bad", HW_PROJECT_ID: "a/b", HWJOBS_ENDPOINT: "ftp://x" };
    const error = problemsOf(() => resolveConfig({ imsEndpoint: "https://ims.example.com/path" }, env));
    assert.deepEqual(
      error.problems.map((p) => p.field),
      ["HW_PROJECT_ID", "HW_REGION_NAME", "HWJOBS_ENDPOINT", "--ims-endpoint", "HW_ACCESS_KEY"],
    );
    for (const secret of SECRET_VALUES) assert.ok(!error.message.includes(secret), `secret in ${error.message}`);
  });

  test("an invalid HW_CLOUD, which both derived endpoints use, is one problem", () => {
    for (const cloud of ["a b", "example.com/x"]) {
      const error = problemsOf(() => resolveConfig({}, { ...BASE, HW_CLOUD: cloud, HW_PROJECT_ID: undefined }));
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ["--project-id", "HW_CLOUD"],
        error.message,
      );
    }
  });

  test("the terraform audience names construct props and the environment Terraform runs in, never a flag", () => {
    const error = problemsOf(() => resolveConfig({ region: "CN" }, {}, { audience: "terraform" }));
    assert.deepEqual(
      error.problems.map((p) => p.message),
      [
        "project id: missing; set the construct's projectId prop, or HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID) in the environment Terraform runs in",
        `region: invalid region "CN"; expected ${REGION_ACCEPTED} (the construct's region prop)`,
        "credentials: none found; set HW_ACCESS_KEY and HW_SECRET_KEY (optionally HW_SECURITY_TOKEN), or HW_AUTH_TOKEN, in the environment Terraform runs in",
      ],
    );
    assert.doesNotMatch(error.message, /--[a-z]/);
  });
});
