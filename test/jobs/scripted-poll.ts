// A scripted `poll` for waiter tests: each call plays the next step (the last one repeats).
import { ApiError } from "../../src/core/errors";
import type { JobSnapshot } from "../../src/jobs/snapshot";
import type { FakeClock } from "../helpers/fake-clock";

/** A snapshot to return, an error to throw, or a custom behaviour. */
export type Step = JobSnapshot | Error | ((signal?: AbortSignal) => Promise<JobSnapshot>);

/** One poll made by the waiter. */
export interface PollCall {
  /** Virtual ms since the script was created. */
  readonly at: number;
  readonly signal?: AbortSignal;
}

/** A poll function that plays `steps`, and the calls it received. */
export function scriptedPoll(clock: FakeClock, steps: readonly Step[]) {
  const start = clock.now();
  const calls: PollCall[] = [];
  const poll = async (signal?: AbortSignal): Promise<JobSnapshot> => {
    const step = steps[Math.min(calls.length, steps.length - 1)];
    calls.push({ at: clock.now() - start, signal });
    if (step === undefined) throw new Error("empty script");
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(signal);
    return step;
  };
  return { poll, calls, times: () => calls.map((call) => call.at) };
}

/** An ApiError as the client throws it after its retries. */
export function apiError(status: number, errorCode?: string): ApiError {
  return new ApiError({ operation: "ShowJob", method: "GET", path: "/v1/p/jobs/j", status, errorCode, attempts: 5 });
}
