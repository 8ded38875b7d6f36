import assert from "node:assert/strict";
import { test } from "node:test";
import { parseErrorBody, type ErrorBodyFields } from "../../src/core/error-body";

test("parseErrorBody reads every documented shape and never throws", () => {
  const cases: Array<[string, unknown, ErrorBodyFields]> = [
    [
      "Workspace APP",
      { error_code: "WKS.00010001", error_msg: "job not found" },
      { errorCode: "WKS.00010001", errorMessage: "job not found" },
    ],
    [
      "IMS",
      { error: { code: "IMG.0024", message: "The imagetype is invalid." } },
      { errorCode: "IMG.0024", errorMessage: "The imagetype is invalid." },
    ],
    [
      "APIG with request_id",
      { error_code: "APIG.0308", error_msg: "The throttling threshold has been reached", request_id: "0c9e1f3a" },
      { errorCode: "APIG.0308", errorMessage: "The throttling threshold has been reached", requestId: "0c9e1f3a" },
    ],
    [
      "error_message spelling",
      { error_code: "X.1", error_message: "spelled differently" },
      { errorCode: "X.1", errorMessage: "spelled differently" },
    ],
    ["null fields", { error_code: null, error_msg: null, request_id: null }, {}],
    ["IMS with null fields", { error: { code: null, message: "only a message" } }, { errorMessage: "only a message" }],
    ["empty strings", { error_code: "", error_msg: "  " }, {}],
    ["code only", { error_code: "WKS.1" }, { errorCode: "WKS.1" }],
    [
      "IMS shape wins over the flat one",
      { error: { code: "IMG.1", message: "nested" }, error_code: "FLAT", error_msg: "flat" },
      { errorCode: "IMG.1", errorMessage: "nested" },
    ],
    [
      "partial IMS falls back per field",
      { error: { code: "IMG.2" }, error_msg: "flat message" },
      { errorCode: "IMG.2", errorMessage: "flat message" },
    ],
    ["error is a string", { error: "boom", error_code: "X.2" }, { errorCode: "X.2" }],
    ["error is null", { error: null, error_code: "X.3", error_msg: "m" }, { errorCode: "X.3", errorMessage: "m" }],
    ["error is an array", { error: ["IMG.0024"] }, {}],
    // one field of an odd type must not hide the others
    [
      "numeric request_id",
      { error_code: "APIG.0308", error_msg: "throttled", request_id: 42 },
      { errorCode: "APIG.0308", errorMessage: "throttled" },
    ],
    ["numeric error_code", { error_code: 500, error_msg: "internal" }, { errorMessage: "internal" }],
    ["object error_msg", { error_code: "X.4", error_msg: { text: "nested" } }, { errorCode: "X.4" }],
    ["unrelated object", { message: "hello", status: 500 }, {}],
    ["empty object", {}, {}],
    ["array", [{ error_code: "X", error_msg: "m" }], {}],
    ["empty array", [], {}],
    ["JSON null", null, {}],
    ["JSON string", "error", {}],
    ["JSON number", 503, {}],
  ];
  for (const [name, body, expected] of cases) {
    assert.deepEqual(parseErrorBody(JSON.stringify(body)), expected, name);
  }
});

test("parseErrorBody returns nothing for bodies that are not JSON", () => {
  for (const body of [
    "",
    " ",
    "<html><body>502 Bad Gateway</body></html>",
    "Service Unavailable",
    "{",
    '{"error_code": "X"',
    "\u0000\u00ff",
  ]) {
    assert.deepEqual(parseErrorBody(body), {}, JSON.stringify(body));
  }
});

test("server text is flattened to one line", () => {
  const fields = parseErrorBody(
    JSON.stringify({ error_code: "X.1\n", error_msg: "line one\r\nline two\u001b[31m red\u2028end", request_id: "\trid\n" }),
  );
  // Escape sequences go whole (core/sanitize.ts), bidi controls too.
  assert.deepEqual(fields, { errorCode: "X.1", errorMessage: "line one line two red end", requestId: "rid" });
  assert.deepEqual(parseErrorBody(JSON.stringify({ error_code: "\u009b2KX.2\u202e" })), { errorCode: "X.2" });
});
