// Realistic list bodies: the seed examples (docs/reference/huawei-api.md §2.1-§2.4) and variants with the
// nulls, empty strings, missing fields and newer enum values the APIs send.
import { PROJECT } from "./helpers";

/** [S1] ListImageJobs example: camelCase job_type, count 0 with one item (illustrative only). */
export const SEED_LIST_IMAGE_JOBS = {
  count: 0,
  items: [
    {
      id: "1",
      job_type: "createServer",
      begin_time: "2022-03-07T10:40:43.858Z",
      end_time: "2022-03-07T10:40:43.858Z",
      status: "WAITING",
      sub_jobs_total: 10,
    },
  ],
};

/** [S0] ListImageSubJobs example: failure nested in job_execute_info. */
export const SEED_LIST_IMAGE_SUB_JOBS = {
  count: 0,
  items: [
    {
      id: "1",
      job_type: "CREATE_SERVER",
      job_resource_info: { resource_id: "a1a1245-xxxx123d-1425af14", resource_name: "Image test" },
      begin_time: "2022-03-07T10:40:43.858Z",
      end_time: "2022-03-07T10:40:43.858Z",
      status: "WAITING",
      job_execute_info: { error_code: "WKS.00129901", error_message: "The service is now unavailable to process the request." },
      project_id: "325f2346-xxxx123d-1425af14",
      job_id: "1",
    },
  ],
};

/** [S2] ListSubJobs example: failure flat on the item. */
export const SEED_LIST_SUB_JOBS = {
  count: 0,
  items: [
    {
      id: "1",
      job_type: "CREATE_SERVER",
      job_resource_info: { resource_id: "a1a1245-xxxx123d-1425af14", resource_name: "APS-20220902093902-AYOASWQDEJ" },
      begin_time: "2022-03-07T10:40:43.858Z",
      end_time: "2022-03-07T10:40:43.858Z",
      status: "WAITING",
      error_code: "WKS.00129901",
      error_message: "The service is now unavailable to process the request.",
      project_id: "325f2346-xxxx123d-1425af14",
      job_id: "1",
    },
  ],
};

/** A ListSubJobs item in the older spec's shape: failure nested in job_execute_info. */
export const NESTED_APP_SUB_JOB = {
  id: "575768277481947137",
  job_id: "575768277444198401",
  job_type: "REINSTALL_OS",
  status: "FAILED",
  begin_time: "2023-06-06T02:30:06Z",
  end_time: "2023-06-06T02:31:00.5Z",
  job_execute_info: { error_code: "WKS.00169901", error_message: "The request message is invalid." },
  job_resource_info: { resource_id: "b2a6f5af-cbf7-4242-8988-109426870886", resource_name: "APS-2" },
  project_id: PROJECT,
};

/** Items with what real responses add: newer enum values, nulls, empty strings, no end_time, unknown fields. */
export const LENIENT_IMAGE_SUB_JOBS = {
  count: 3,
  items: [
    {
      id: "702364884037271560",
      job_id: "702364883651395590",
      job_type: "BUILD_IMAGE",
      status: "RUNNING",
      begin_time: "2026-06-12T01:00:00Z",
      project_id: PROJECT,
    },
    {
      id: "702364884037271561",
      job_id: "702364883651395590",
      job_type: "CREATE_SERVER_IMAGE",
      status: "SUCCESS",
      begin_time: "2026-06-12T01:00:00.1Z",
      end_time: "2026-06-12T01:20:00Z",
      job_execute_info: { error_code: "", error_message: "" },
      job_resource_info: { resource_id: "f5d443de-a623-4950-a74d-569fe63c1f7a", resource_name: "" },
      project_id: PROJECT,
      new_field_2027: { nested: true },
    },
    {
      id: "702364884037271562",
      job_id: null,
      job_type: null,
      status: "PAUSED",
      begin_time: "",
      end_time: null,
      job_execute_info: null,
      job_resource_info: null,
    },
  ],
};
