import type { Construct } from "constructs";
import type { Fail } from "./fail";
import type { IResolvable } from "./framework-types";
import { HwjobsDataSource, type HwjobsDataSourceProps } from "./hwjobs-data-source";

/** Properties of every single-job data source: the job to read. */
export interface HwjobsJobDataSourceProps extends HwjobsDataSourceProps {
  /** Id of the job to read, as returned by the API call that started it. */
  readonly jobId: string;
}

/** The job a single-job data source reads: the CLI operation (`get-<kind>`) and the job id. Internal. */
export interface JobToRead {
  readonly operation: string;
  readonly jobId: string;
  /** A 404 is an empty answer, not an error (query key `missing_ok`): WaitForJob's read after the wait. */
  readonly missingOk?: boolean;
}

/** Base of the single-job data sources (`get-*` operations). */
export abstract class HwjobsJobDataSource extends HwjobsDataSource {
  /**
   * @param job the job read (`jobOfKind` of `validation.ts` checks it)
   * @param props validated props of the subclass
   * @param fail reports invalid props, naming the construct (see `failFor`)
   */
  protected constructor(scope: Construct, id: string, job: JobToRead, props: HwjobsDataSourceProps, fail: Fail) {
    super(scope, id, job.operation, { job_id: job.jobId, missing_ok: job.missingOk ? "true" : undefined }, props, fail);
  }

  /** The job's status as the API reports it, e.g. `RUNNING`, `SUCCESS` (Workspace APP) or `FAIL` (IMS). */
  public get status(): string {
    return this.resultValue("status");
  }

  /** The status classified: `pending`, `succeeded` or `failed`. */
  public get phase(): string {
    return this.resultValue("phase");
  }

  /** The first resource the job produced (e.g. the image id), or an empty string. */
  public get resourceId(): string {
    return this.resultValue("resource_id");
  }

  /** Every resource the job produced (e.g. image ids), possibly empty. */
  public get resourceIds(): string[] {
    return this.stringListValue("resource_ids");
  }

  /** The job's error code, or an empty string. */
  public get errorCode(): string {
    return this.resultValue("error_code");
  }

  /** The job's error message, or an empty string. */
  public get errorMessage(): string {
    return this.resultValue("error_message");
  }

  /** The API's job object (a decoded JSON object). */
  public get job(): IResolvable {
    return this.jsonValue("job");
  }
}
