import { uuid } from "../jobs/ids";
import { FAULT_ACCEPTS, faultSchema, toFault, type Fault, type FaultInput } from "./spec";
import { EMULATOR_LIMITS, LimitExceededError, limitLabel } from "../limits";
import { validate } from "../validation";

/** Injected faults, applied in FIFO order to matching API requests; at most `max_faults` queued. */
export class FaultQueue {
  private faults: Fault[] = [];

  /** @param maxFaults how many faults it queues at most (tests pass a small one). */
  constructor(private readonly maxFaults: number = EMULATOR_LIMITS.faults.value) {}

  /** Validates and queues a fault. @throws EmulatorValidationError for bad input; LimitExceededError when the queue is full */
  add(input: FaultInput): Fault {
    return this.push(validate(faultSchema, input, FAULT_ACCEPTS));
  }

  /** Queues already-validated fault input. @throws LimitExceededError when the queue is full */
  push(input: Parameters<typeof toFault>[1]): Fault {
    if (this.faults.length >= this.maxFaults) {
      const limit = { ...EMULATOR_LIMITS.faults, value: this.maxFaults };
      throw new LimitExceededError(limit, `faults: at most ${limitLabel(limit)} can be queued (DELETE /_emulator/faults clears them)`);
    }
    const fault = toFault(uuid(), input);
    this.faults.push(fault);
    return fault;
  }

  /**
   * Takes the oldest fault matching `method` and the decoded `path`, counting one use of it;
   * `undefined` when none matches.
   */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => path.startsWith(f.pathPrefix) && (f.method === undefined || f.method === method));
    if (!fault) return undefined;
    if (fault.remaining > 0 && --fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  /** The queued faults, oldest first. */
  list(): readonly Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }
}
