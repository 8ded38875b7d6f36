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
}

/**
 * The job data source of a WaitForJob (its scope), read after the wait. Internal: the kind may be
 * a token, and the props are already validated.
 */
export class WaitJobDataSource extends HwjobsJobDataSource {
  constructor(scope: Construct, id: string, spec: WaitJobDataSourceSpec) {
    super(scope, id, { operation: spec.operation, jobId: spec.jobId }, spec.settings, failFor("WaitForJob", scope.node.id));
  }
}
