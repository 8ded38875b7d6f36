import type { Construct } from "constructs";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { HwjobsJobDataSource } from "./hwjobs-job-data-source";
import { failFor } from "./fail";

/** What a {@link WaitJobDataSource} reads: the operation, the job id and the wait's settings. */
export interface WaitJobDataSourceSpec {
  /** The CLI operation, `get-<kind>` (an interpolation for a token kind). */
  readonly operation: string;

  /** Id of the job, as the WaitForJob was given it. */
  readonly jobId: string;

  /** The WaitForJob's validated settings, with a dependency on its wait resource. */
  readonly settings: HwjobsDataSourceProps;

  /** A 404 answers empty (the read that feeds the stored result), not an error. */
  readonly missingOk: boolean;
}

/**
 * The job data source of a WaitForJob (its scope), read after the wait. Internal: the kind may be
 * a token, and the props are already validated.
 */
export class WaitJobDataSource extends HwjobsJobDataSource {
  constructor(scope: Construct, id: string, spec: WaitJobDataSourceSpec) {
    // A job record deleted after the wait must not fail every later plan (see WaitForJob's results).
    super(
      scope,
      id,
      { operation: spec.operation, jobId: spec.jobId, missingOk: true },
      spec.settings,
      failFor("WaitForJob", scope.node.id),
    );
  }
}
