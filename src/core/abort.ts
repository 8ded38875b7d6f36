/**
 * Settles with `promise`, or rejects with the signal's reason as soon as `signal` aborts, even
 * when the work behind `promise` ignores the signal: a stuck request or sleep can then never hold
 * its caller past a deadline or an interrupt. A later rejection of `promise` is handled (ignored).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Starts `start` unless `signal` has aborted, and settles as soon as it aborts (see {@link untilAborted}). */
export function startUnlessAborted<R>(start: () => Promise<R>, signal: AbortSignal): Promise<R> {
  return signal.aborted ? Promise.reject(signal.reason) : untilAborted(start(), signal);
}
