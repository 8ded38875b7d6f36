import type { Service } from "../core/config";

/** Where one API operation lives: its service (which endpoint) and its path template. */
export interface ApiOperation {
  /** The operation's name in the API reference (docs/reference/huawei-api.md), used in messages and logs. */
  readonly operation: string;
  readonly service: Service;
  /** `{project_id}` and any other `{name}` are filled in by the client, percent-encoded. */
  readonly path: string;
}

/**
 * The API operations this package calls, each defined once (docs/reference/huawei-api.md §2, §3).
 * The `api/` functions send their requests from here; the job-kind registry (`jobs/kinds.ts`) and
 * the query registry (`jobs/queries.ts`) name them. All are `GET`s. Pure data, so that the
 * constructs may import it.
 */
export const API_OPERATIONS = {
  ShowImageJob: { operation: "ShowImageJob", service: "appstream", path: "/v1/{project_id}/image-server-jobs/{job_id}" },
  ShowJobDetail: { operation: "ShowJobDetail", service: "appstream", path: "/v2/{project_id}/job/{job_id}" },
  ShowJob: { operation: "ShowJob", service: "ims", path: "/v1/{project_id}/jobs/{job_id}" },
  ListImageJobs: { operation: "ListImageJobs", service: "appstream", path: "/v1/{project_id}/image-server-jobs" },
  ListImageSubJobs: { operation: "ListImageSubJobs", service: "appstream", path: "/v1/{project_id}/image-server-sub-jobs" },
  CountImageSubJobs: { operation: "CountImageSubJobs", service: "appstream", path: "/v1/{project_id}/image-server-sub-jobs/actions/count" },
  ListSubJobs: { operation: "ListSubJobs", service: "appstream", path: "/v1/{project_id}/app-server-sub-jobs" },
  CountSubJobs: { operation: "CountSubJobs", service: "appstream", path: "/v1/{project_id}/app-server-sub-jobs/actions/count" },
} as const satisfies { readonly [name: string]: ApiOperation };

/** The name of one of {@link API_OPERATIONS}. */
export type ApiOperationName = keyof typeof API_OPERATIONS;
