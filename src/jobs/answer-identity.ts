import type { AppJob } from "../api/app-job";
import type { ImageJob } from "../api/image-job";
import type { ImsJob } from "../api/ims-job";
import { JobMismatchError } from "./errors";
import type { JobKindName } from "./kinds";

/**
 * Checks that a Show answer is about the job asked for: the job's own id (`id` for the two
 * Workspace APP kinds, `job_id` for IMS) and, on Workspace sub-jobs, the parent id they carry in
 * `job_id`. An id the answer leaves out or sends empty is no evidence either way and passes; IMS
 * member jobs carry their own ids in `job_id`, so only the parent's is checked there.
 * @throws JobMismatchError naming both ids and the field
 */
export function checkAnswerIdentity(kind: JobKindName, jobId: string, job: ImageJob | AppJob | ImsJob): void {
  const check = (answered: string | null | undefined, field: string) => {
    if (answered !== undefined && answered !== null && answered !== "" && answered !== jobId) throw new JobMismatchError(kind, jobId, answered, field);
  };
  if (kind === "ims-job") {
    check((job as ImsJob).job_id, "job_id");
    return;
  }
  const workspace = job as ImageJob | AppJob;
  check(workspace.id, "id");
  (workspace.sub_jobs ?? []).forEach((sub, i) => check(sub.job_id, `sub_jobs[${i}].job_id`));
}
