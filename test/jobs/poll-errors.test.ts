import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInputError, NetworkError, ResponseValidationError } from "../../src/core/errors";
import { RETRYABLE_ERROR_CODES } from "../../src/core/retry";
import { classifyPollError } from "../../src/jobs/poll-errors";
import { apiError } from "./scripted-poll";

const network = (code: string) => new NetworkError("ShowJob", "/v1/p/jobs/j", code, 5);

describe("classifyPollError", () => {
  test("every network error code the client retries is transient", () => {
    assert.ok(RETRYABLE_ERROR_CODES.size > 0);
    for (const code of RETRYABLE_ERROR_CODES) assert.equal(classifyPollError(network(code)).class, "transient", code);
  });

  test("network errors the client does not retry are fatal: they fail the same way on every poll", () => {
    for (const code of ["ERR_SSL_WRONG_VERSION_NUMBER", "UND_ERR_INVALID_ARG", "ERR_TLS_CERT_ALTNAME_INVALID", "Error"]) {
      const error = network(code);
      assert.deepEqual(classifyPollError(error), { class: "fatal", error }, code);
    }
  });

  test("404 is not-found; 429 and 5xx are transient; other statuses are fatal", () => {
    assert.equal(classifyPollError(apiError(404)).class, "not-found");
    for (const status of [429, 500, 502, 503, 504]) assert.equal(classifyPollError(apiError(status)).class, "transient", String(status));
    for (const status of [400, 401, 403, 409, 501]) assert.equal(classifyPollError(apiError(status)).class, "fatal", String(status));
  });

  test("a garbled body is transient; invalid input and bugs are fatal", () => {
    assert.equal(classifyPollError(new ResponseValidationError("ShowJob", "/p", "body is not JSON (3 bytes)")).class, "transient");
    assert.equal(classifyPollError(new InvalidInputError("job_id", "job_id: bad")).class, "fatal");
    assert.equal(classifyPollError(new TypeError("bug")).class, "fatal");
  });
});
