import type { AppJob } from "../api/app-job";
import type { ImageJob } from "../api/image-job";
import type { ImsJob } from "../api/ims-job";
import { JobMismatchError } from "./errors";
import { JOB_KIND_SPECS, type JobKindName } from "./kinds";

/**
 * Checks that a Show answer is about the job asked for: the job's own id (`id` for the two
 * Workspace APP kinds, `job_id` for IMS) and, on Workspace sub-jobs, the parent id they carry in
 * `job_id`. An id the answer leaves out or sends empty is no evidence either way and passes; IMS
 * member jobs carry their own ids in `job_id`, so only the parent's is checked there.
 * @returns whether the job's own id was there to compare; false tells the caller to warn where
 *   the API always sends it (IMS `job_id`, required in the spec)
 * @throws JobMismatchError naming both ids and the field
 */
export function checkAnswerIdentity(kind: JobKindName, jobId: string, job: ImageJob | AppJob | ImsJob): boolean {
  const check = (answered: string | null | undefined, field: string): boolean => {
    if (answered === undefined || answered === null || answered === "") return false;
    if (answered !== jobId) throw new JobMismatchError(kind, jobId, answered, field);
    return true;
  };
  switch (JOB_KIND_SPECS[kind].family) {
    case "ims":
      return check((job as ImsJob).job_id, "job_id");
    case "workspace": {
      const workspace = job as ImageJob | AppJob;
      const own = check(workspace.id, "id");
      (workspace.sub_jobs ?? []).forEach((sub, i) => check(sub.job_id, `sub_jobs[${i}].job_id`));
      return own;
    }
  }
}
