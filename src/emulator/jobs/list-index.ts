import { newestFirst, type Listed } from "./list-order";
import type { EmulatedJob } from "./store";

/** A job in a list order, with what it sorts by (its creation time and id). */
export interface ListedJob extends Listed {
  readonly job: EmulatedJob;
}

/** A sub-job in a list order: its job, its position among the job's sub-jobs, its parent's creation time and its own id. */
export interface ListedSubJob extends Listed {
  readonly job: EmulatedJob;
  readonly index: number;
}

function listedJob(job: EmulatedJob): ListedJob[] {
  return [{ beginMs: job.createdAt, id: job.id, job }];
}

function listedSubJobs(job: EmulatedJob): ListedSubJob[] {
  // Sub-jobs begin with their parent.
  return job.subJobIds.map((id, index) => ({ beginMs: job.createdAt, id, job, index }));
}

/** Both sorted by {@link newestFirst}; on a tie the entry of `older` comes first, as a stable sort of `older` then `newer` puts it. */
function merge<T extends Listed>(older: readonly T[], newer: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < older.length && j < newer.length) out.push(newestFirst(older[i]!, newer[j]!) <= 0 ? older[i++]! : newer[j++]!);
  while (i < older.length) out.push(older[i++]!);
  while (j < newer.length) out.push(newer[j++]!);
  return out;
}

/** One list order per job type, each sorted on first use and then kept, later jobs merged in. */
class OrdersByType<T extends Listed> {
  private readonly orders = new Map<string, T[]>();

  constructor(private readonly entriesOf: (job: EmulatedJob) => T[]) {}

  /** The entries of the jobs of `jobType` among `jobs` (in insertion order), sorted stably. */
  private sorted(jobs: readonly EmulatedJob[], jobType: string): T[] {
    return jobs
      .filter((job) => job.jobType === jobType)
      .flatMap(this.entriesOf)
      .sort(newestFirst);
  }

  of(jobType: string, jobs: readonly EmulatedJob[]): readonly T[] {
    let order = this.orders.get(jobType);
    if (!order) this.orders.set(jobType, (order = this.sorted(jobs, jobType)));
    return order;
  }

  add(jobs: readonly EmulatedJob[]): void {
    for (const [jobType, order] of this.orders) {
      const added = this.sorted(jobs, jobType);
      if (added.length > 0) this.orders.set(jobType, merge(order, added));
    }
  }
}

/**
 * The jobs of one kind in one project, in insertion order, and their list orders per job type
 * (jobs/list-order.ts; every list names one type). The order depends only on creation times and
 * ids, which never change, so it is kept; statuses move with the clock and are not. The sorts are
 * stable over insertion order, as the full sort of every request was, so even exact ties come
 * out as they did.
 */
export class ListIndex {
  private readonly inserted: EmulatedJob[] = [];
  private readonly jobOrders = new OrdersByType(listedJob);
  private readonly subJobOrders = new OrdersByType(listedSubJobs);

  /** Appends `jobs` (in their order) and merges them into the orders already built. */
  add(jobs: readonly EmulatedJob[]): void {
    for (const job of jobs) this.inserted.push(job);
    this.jobOrders.add(jobs);
    this.subJobOrders.add(jobs);
  }

  /** The jobs in insertion order. */
  jobs(): readonly EmulatedJob[] {
    return this.inserted;
  }

  /** The jobs of `jobType`, newest first. */
  jobsNewestFirst(jobType: string): readonly ListedJob[] {
    return this.jobOrders.of(jobType, this.inserted);
  }

  /** Every sub-job of the jobs of `jobType`, newest first. */
  subJobsNewestFirst(jobType: string): readonly ListedSubJob[] {
    return this.subJobOrders.of(jobType, this.inserted);
  }
}
