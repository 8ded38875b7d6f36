import type { IResolvable } from "./framework-types";
import { HwjobsDataSource } from "./hwjobs-data-source";

/** Base of the single-job data sources (`get-*` operations). */
export abstract class HwjobsJobDataSource extends HwjobsDataSource {
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
