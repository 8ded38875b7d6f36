import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { HwJobsError, InvalidInputError } from "../../src/core/errors";
import { ListChangedError, ListTooLongError, MAX_LIST_ITEMS } from "../../src/core/list-errors";
import { checkConcurrency, fetchAllPages, MAX_CONCURRENCY, PAGINATION_DEFAULTS, type Page } from "../../src/core/pagination";

interface Item {
  readonly id: string;
}

const idOf = (item: Item) => item.id;
const itemsNamed = (n: number, prefix = "job-"): Item[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));

/** A deterministic pseudo-random source (mulberry32), so delays vary yet runs repeat. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An in-memory paged list. `beforePage` runs as each request arrives (to change the list
 * mid-read); `delayMs` says how long a page takes; the peak number of requests in flight and
 * every request are recorded. Requests honour their abort signal.
 */
class FakeSource {
  items: Item[];
  inFlight = 0;
  maxInFlight = 0;
  readonly calls: Array<{ offset: number; limit: number }> = [];
  readonly signals: AbortSignal[] = [];

  constructor(
    items: Item[],
    private readonly options: {
      delayMs?: (offset: number) => number;
      beforePage?: (call: number, offset: number, source: FakeSource) => void;
    } = {},
  ) {
    this.items = items;
  }

  readonly fetch = async (offset: number, limit: number, signal?: AbortSignal): Promise<Page<Item>> => {
    const call = this.calls.push({ offset, limit }) - 1;
    if (signal) this.signals.push(signal);
    this.options.beforePage?.(call, offset, this);
    // The page is cut when the request arrives, as a server would; the delay is transfer time.
    const page = { count: this.items.length, items: this.items.slice(offset, offset + limit) };
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await delay(this.options.delayMs?.(offset) ?? 1, undefined, { signal });
    } finally {
      this.inFlight--;
    }
    return page;
  };

  get offsets(): number[] {
    return this.calls.map((c) => c.offset);
  }
}

describe("fetchAllPages", () => {
  test("0 items: one request, an empty list", async () => {
    const source = new FakeSource([]);
    assert.deepEqual(await fetchAllPages(source.fetch, { idOf }), { count: 0, items: [] });
    assert.deepEqual(source.calls, [{ offset: 0, limit: 100 }]);
  });

  test("one page: one request", async () => {
    const source = new FakeSource(itemsNamed(57));
    const result = await fetchAllPages(source.fetch, { idOf });
    assert.deepEqual(result, { count: 57, items: itemsNamed(57) });
    assert.deepEqual(source.offsets, [0]);
  });

  test("pages overlap by one item, and no request reads only the overlap", async () => {
    const source = new FakeSource(itemsNamed(298));
    const result = await fetchAllPages(source.fetch, { idOf });
    assert.deepEqual(result.items, itemsNamed(298));
    // Page k starts at page k-1's last item: 0-99, 99-198, 198-297; 297 is the last item.
    assert.deepEqual(
      source.offsets.sort((a, b) => a - b),
      [0, 99, 198],
    );
    assert.ok(source.calls.every((c) => c.limit === 100));
  });

  test("a count that is only the size of the page: read on one page at a time until a short page", async () => {
    // If the API's count meant "items on this page" (UNCONFIRMED), trusting it would stop at 100.
    const all = itemsNamed(250);
    const calls: number[] = [];
    const result = await fetchAllPages(
      async (offset, limit) => {
        calls.push(offset);
        const items = all.slice(offset, offset + limit);
        return { count: items.length, items };
      },
      { idOf, concurrency: 8 },
    );
    assert.deepEqual(result, { count: 250, items: all });
    assert.deepEqual(calls, [0, 99, 198]);
  });

  test("exactly one full page: one more request of one item confirms the end", async () => {
    const source = new FakeSource(itemsNamed(100));
    const result = await fetchAllPages(source.fetch, { idOf });
    assert.deepEqual(result, { count: 100, items: itemsNamed(100) });
    assert.deepEqual(source.offsets, [0, 99]);
  });

  for (const concurrency of [1, 4, 16]) {
    test(`1,234 items with concurrency ${concurrency}: in order, and at most ${concurrency} in flight`, async () => {
      const random = seeded(concurrency);
      const source = new FakeSource(itemsNamed(1234), { delayMs: () => 1 + Math.floor(random() * 6) });
      const result = await fetchAllPages(source.fetch, { idOf, concurrency });
      assert.equal(result.count, 1234);
      assert.deepEqual(result.items, itemsNamed(1234));
      assert.equal(source.calls.length, 13);
      assert.ok(source.maxInFlight <= concurrency, `max in flight ${source.maxInFlight}`);
      if (concurrency > 1) assert.ok(source.maxInFlight > 1, `max in flight ${source.maxInFlight}`);
      assert.equal(source.offsets[0], 0, "the first page is read first");
    });
  }

  test("pages that resolve out of order still come back in API order", async () => {
    // Later pages answer first: offset 0 is slowest among the rest.
    const source = new FakeSource(itemsNamed(950), { delayMs: (offset) => (offset === 0 ? 1 : 2 + (1000 - offset) / 50) });
    const completion: number[] = [];
    const result = await fetchAllPages(
      async (offset, limit, signal) => {
        const page = await source.fetch(offset, limit, signal);
        completion.push(offset);
        return page;
      },
      { idOf, pageSize: 100, concurrency: 10 },
    );
    assert.deepEqual(result.items, itemsNamed(950));
    assert.notDeepEqual(
      completion.slice(1),
      [...completion.slice(1)].sort((a, b) => a - b),
      "pages did resolve out of order",
    );
  });

  test("a list that changes once mid-read is read again and comes back consistent", async () => {
    const source = new FakeSource(itemsNamed(450), {
      beforePage: (call, _offset, s) => {
        // A new job appears at the top while the third request is on its way.
        if (call === 2) s.items = [{ id: "new-job" }, ...s.items];
      },
    });
    const result = await fetchAllPages(source.fetch, { idOf, concurrency: 1 });
    assert.equal(result.count, 451);
    assert.deepEqual(result.items, [{ id: "new-job" }, ...itemsNamed(450)]);
    assert.equal(source.offsets.filter((o) => o === 0).length, 2, "read again from scratch");
  });

  test("a page with fewer items than its offset implies is a change", async () => {
    // A job leaves the list: count stays stale on the first page, the last page comes up short.
    let served = false;
    const result = await fetchAllPages<Item>(
      async (offset, limit) => {
        if (!served && offset === 200) {
          served = true;
          return { count: 250, items: itemsNamed(250).slice(201, 250) };
        }
        return { count: 250, items: itemsNamed(250).slice(offset, offset + limit) };
      },
      { idOf },
    );
    assert.deepEqual(result.items, itemsNamed(250));
  });

  test("a list that keeps changing ends in ListChangedError after the allowed re-reads", async () => {
    const source = new FakeSource(itemsNamed(250), {
      beforePage: (call, _offset, s) => {
        if (call % 2 === 1) s.items = [{ id: `new-${call}` }, ...s.items];
      },
    });
    await assert.rejects(fetchAllPages(source.fetch, { idOf, concurrency: 1 }), (error: unknown) => {
      assert.ok(error instanceof ListChangedError);
      assert.ok(error instanceof HwJobsError);
      assert.equal(error.exitCode, 4);
      assert.equal(error.attempts, PAGINATION_DEFAULTS.maxRereads + 1);
      assert.equal(error.firstCount, 250);
      assert.equal(error.lastCount, source.items.length);
      assert.match(
        error.message,
        /^the list changed while its pages were being read \(count went from \d+ to \d+ \(page at offset 99\)\); gave up after 4 reads \(count 250 at first, 254 last\)/,
      );
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
    assert.equal(source.offsets.filter((o) => o === 0).length, 4);
  });

  test("maxRereads 0 gives up at the first change", async () => {
    const source = new FakeSource(itemsNamed(150), { beforePage: (call, _o, s) => void (call === 1 && s.items.pop()) });
    await assert.rejects(fetchAllPages(source.fetch, { idOf, concurrency: 1, maxRereads: 0 }), (error: unknown) => {
      return error instanceof ListChangedError && error.attempts === 1 && error.firstCount === 150 && error.lastCount === 149;
    });
  });

  test("an item moved between pages (same count) is caught by its id and read again", async () => {
    // Between the first and second request, job-150 moves to the top: page 2 then repeats job-99
    // and job-150 would be lost. Only the ids reveal it.
    const source = new FakeSource(itemsNamed(300), {
      beforePage: (call, _offset, s) => {
        if (call === 1) s.items = [s.items[150]!, ...s.items.slice(0, 150), ...s.items.slice(151)];
      },
    });
    const result = await fetchAllPages(source.fetch, { idOf, concurrency: 1 });
    const expected = [{ id: "job-150" }, ...itemsNamed(300).filter((item) => item.id !== "job-150")];
    assert.deepEqual(result.items, expected);
    assert.equal(source.offsets.filter((o) => o === 0).length, 2);
  });

  test("without idOf, such a move is still caught by the shifted page boundary", async () => {
    const source = new FakeSource(itemsNamed(300), {
      beforePage: (call, _offset, s) => {
        if (call === 1) s.items = [s.items[150]!, ...s.items.slice(0, 150), ...s.items.slice(151)];
      },
    });
    const result = await fetchAllPages(source.fetch, { concurrency: 1 });
    assert.deepEqual(result.items, [{ id: "job-150" }, ...itemsNamed(300).filter((item) => item.id !== "job-150")]);
    assert.equal(source.offsets.filter((o) => o === 0).length, 2);
  });

  test("same total, one item leaves a page already read and another enters a later one: no gap", async () => {
    // A status filter while jobs change state: job-5 stops matching, a new job starts matching
    // further down. The count and the ids never repeat, yet job-100 would be skipped.
    const source = new FakeSource(itemsNamed(250), {
      beforePage: (call, _offset, s) => {
        if (call === 1) s.items = [...s.items.slice(0, 5), ...s.items.slice(6, 150), { id: "late" }, ...s.items.slice(150)];
      },
    });
    const result = await fetchAllPages(source.fetch, { idOf, concurrency: 1 });
    assert.deepEqual(result.items, source.items);
    assert.ok(result.items.some((item) => item.id === "job-100"));
    assert.ok(!result.items.some((item) => item.id === "job-5"));
    assert.equal(source.offsets.filter((o) => o === 0).length, 2, "the list was read again");
  });

  test("items without an id are never taken for duplicates", async () => {
    const result = await fetchAllPages<{ id?: string }>(
      async (offset, limit) => ({ count: 3, items: [{}, {}, { id: "x" }].slice(offset, offset + limit) }),
      {
        idOf: (item) => item.id,
        pageSize: 2,
      },
    );
    assert.equal(result.items.length, 3);
  });

  test("an error from a page propagates as is, and the other requests are aborted", async () => {
    const boom = new Error("HTTP 503");
    const source = new FakeSource(itemsNamed(1000), { delayMs: (offset) => (offset === 0 ? 1 : 2000) });
    const started = Date.now();
    await assert.rejects(
      fetchAllPages(
        async (offset, limit, signal) => {
          if (offset === 297) {
            await delay(5);
            throw boom;
          }
          return source.fetch(offset, limit, signal);
        },
        { idOf, concurrency: 4 },
      ),
      (error: unknown) => error === boom,
    );
    assert.ok(Date.now() - started < 1000, "did not wait for the slow pages");
    assert.ok(
      source.signals.slice(1).every((signal) => signal.aborted),
      "in-flight requests were aborted",
    );
    assert.ok(source.calls.length <= 4, `no new requests after the error (${source.calls.length})`);
  });

  test("an error on the first page propagates without a re-read", async () => {
    let calls = 0;
    const boom = new Error("first");
    await assert.rejects(
      fetchAllPages(() => {
        calls++;
        return Promise.reject(boom);
      }),
      (error: unknown) => error === boom,
    );
    assert.equal(calls, 1);
  });

  test("aborting rejects with the signal's reason and starts no more requests", async () => {
    const controller = new AbortController();
    const source = new FakeSource(itemsNamed(2000), {
      delayMs: () => 5,
      beforePage: (call) => {
        if (call === 3) controller.abort(new Error("stop"));
      },
    });
    await assert.rejects(fetchAllPages(source.fetch, { idOf, concurrency: 2, signal: controller.signal }), { message: "stop" });
    const calls = source.calls.length;
    await delay(30);
    assert.equal(source.calls.length, calls);
    assert.ok(calls <= 5);
  });

  test("aborting settles at once even when a request ignores its signal", async () => {
    const controller = new AbortController();
    const pending = fetchAllPages<Item>(
      async (offset) => {
        if (offset === 0) return { count: 500, items: itemsNamed(500).slice(0, 100) };
        return new Promise<Page<Item>>(() => undefined);
      },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(pending, { name: "AbortError" });
  });

  test("an already aborted signal sends nothing", async () => {
    let calls = 0;
    await assert.rejects(
      fetchAllPages(
        async () => {
          calls++;
          return { count: 0, items: [] };
        },
        { signal: AbortSignal.abort() },
      ),
      { name: "AbortError" },
    );
    assert.equal(calls, 0);
  });

  test("bad options are InvalidInputError, before any request", async () => {
    const never = () => Promise.reject(new Error("must not be called"));
    for (const [options, field] of [
      [{ concurrency: 0 }, "concurrency"],
      [{ concurrency: 17 }, "concurrency"],
      [{ concurrency: 1.5 }, "concurrency"],
      [{ pageSize: 0 }, "pageSize"],
      [{ maxRereads: -1 }, "maxRereads"],
    ] as const) {
      await assert.rejects(fetchAllPages(never, options), (error: unknown) => error instanceof InvalidInputError && error.field === field);
    }
  });
});

describe("fetchAllPages: at most MAX_LIST_ITEMS items", () => {
  /** A first page of 100 items claiming `count`; any other request fails the test. */
  const claiming = (count: number) => {
    const offsets: number[] = [];
    const fetch = async (offset: number): Promise<Page<Item>> => {
      offsets.push(offset);
      if (offset !== 0) throw new Error(`page at offset ${offset} must not be requested`);
      return { count, items: itemsNamed(100) };
    };
    return { fetch, offsets };
  };

  test("the cap is 100,000 items", () => {
    assert.equal(MAX_LIST_ITEMS, 100_000);
  });

  test("count 3e12 with a full first page: ListTooLongError (exit 4) at once, nothing more requested or allocated", async () => {
    const { fetch, offsets } = claiming(3e12);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    await assert.rejects(fetchAllPages(fetch, { idOf }), (error: unknown) => {
      assert.ok(error instanceof ListTooLongError && error instanceof HwJobsError);
      assert.equal(error.exitCode, 4);
      assert.equal(error.message, "the list has count 3000000000000, above the limit of 100000 items read at once; narrow the filter");
      assert.ok(!error.message.includes("\n"));
      return true;
    });
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, "no per-page allocation");
    assert.deepEqual(offsets, [0], "no re-read and no other page");
  });

  test("a count just above the cap is refused; one at the cap is read", async () => {
    const { fetch, offsets } = claiming(MAX_LIST_ITEMS + 1);
    await assert.rejects(fetchAllPages(fetch, { idOf }), {
      name: "ListTooLongError",
      message: /count 100001, above the limit of 100000 items/,
    });
    assert.deepEqual(offsets, [0]);
    const source = new FakeSource(itemsNamed(MAX_LIST_ITEMS));
    const result = await fetchAllPages(source.fetch, { idOf, concurrency: 16, pageSize: 1000 });
    assert.equal(result.count, MAX_LIST_ITEMS);
    assert.equal(result.items.length, MAX_LIST_ITEMS);
  });

  test("a count that is not a safe integer is refused, naming the count and the cap", async () => {
    for (const count of [2 ** 53, Number.POSITIVE_INFINITY, Number.NaN, -1, 1.5]) {
      const { fetch, offsets } = claiming(count);
      await assert.rejects(fetchAllPages(fetch, { idOf }), {
        name: "ListTooLongError",
        message: new RegExp(`count ${count}.*limit.*100000 items`),
      });
      assert.deepEqual(offsets, [0], `count ${count}`);
    }
  });

  test("sequential read (count = page size) of a server that returns full pages forever: ListTooLongError at the cap, no re-read", async () => {
    let calls = 0;
    const fetch = async (offset: number, limit: number): Promise<Page<Item>> => {
      calls++;
      return { count: 100, items: Array.from({ length: limit }, (_, i) => ({ id: `job-${offset + i}` })) };
    };
    await assert.rejects(fetchAllPages(fetch, { idOf }), (error: unknown) => {
      assert.ok(error instanceof ListTooLongError);
      assert.equal(error.exitCode, 4);
      assert.match(
        error.message,
        /^the list did not end within the limit of 100000 items \(count 100, yet its pages returned 100090 items\)/,
      );
      return true;
    });
    // 100 items, then 99 new ones a page: page 1,011 (100 + 1,010 × 99 = 100,090 items) is the last.
    assert.equal(calls, 1011);
  });

  test("a deadline still fires during a long read whose pages come quickly", async () => {
    const fetch = async (offset: number, limit: number, signal?: AbortSignal): Promise<Page<Item>> => {
      await delay(1, undefined, { signal });
      return { count: 100, items: Array.from({ length: limit }, (_, i) => ({ id: `job-${offset + i}` })) };
    };
    const started = Date.now();
    await assert.rejects(fetchAllPages(fetch, { idOf, signal: AbortSignal.timeout(50) }), { name: "TimeoutError" });
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});

describe("checkConcurrency", () => {
  test("accepts 1..16 and names the field otherwise", () => {
    assert.equal(checkConcurrency(1), 1);
    assert.equal(checkConcurrency(MAX_CONCURRENCY), 16);
    assert.throws(() => checkConcurrency(0), { message: "concurrency: must be an integer from 1 to 16 (got 0)" });
    assert.throws(
      () => checkConcurrency(Number.NaN, "--concurrency"),
      (error: unknown) => error instanceof InvalidInputError && error.field === "--concurrency",
    );
  });
});
