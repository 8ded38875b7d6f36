// Realistic response bodies: the reference examples (docs/reference/huawei-api.md §2.5, §2.8, §3) and
// failure / in-progress variants with the nulls, empty strings and missing fields the APIs send.
import { appJobSchema, type AppJob } from "../../src/api/app-job";
import { imageJobSchema, type ImageJob } from "../../src/api/image-job";
import { imsJobSchema, type ImsJob } from "../../src/api/ims-job";

export const PROJECT = "a4da8115c9d8464ead3a38309130523f";

/** §2.5 ShowImageJob SUCCESS example (job_execute_info holds empty strings). */
export const IMAGE_JOB_SUCCESS = {
  id: "702364883651395584",
  job_type: "CREATE_SERVER_IMAGE",
  status: "SUCCESS",
  begin_time: "2024-05-20T10:39:49.61Z",
  end_time: "2024-05-20T11:03:24.206Z",
  sub_jobs_total: 1,
  sub_jobs: [
    {
      id: "702364884037271552",
      job_id: "702364883651395584",
      job_type: "CREATE_SERVER_IMAGE",
      status: "SUCCESS",
      begin_time: "2024-05-20T10:39:50.723Z",
      end_time: "2024-05-20T11:03:24.194Z",
      job_execute_info: { error_code: "", error_message: "" },
      job_resource_info: { resource_id: "f5d443de-a623-4950-a74d-569fe63c1f7a", resource_name: "123" },
      project_id: PROJECT,
    },
  ],
};

/** A FAILED image job: one sub-job failed (WKS.00129901 as a sub-job failure), one succeeded. */
export const IMAGE_JOB_FAILED = {
  id: "702364883651391552",
  job_type: "CREATE_SERVER",
  status: "FAILED",
  begin_time: "2024-05-21T08:00:00.1Z",
  end_time: "2024-05-21T08:05:12Z",
  sub_jobs_total: 2,
  sub_jobs: [
    {
      id: "702364884037271553",
      job_id: "702364883651391552",
      job_type: "CREATE_SERVER",
      status: "SUCCESS",
      begin_time: "2024-05-21T08:00:01.2Z",
      end_time: "2024-05-21T08:04:00Z",
      job_execute_info: { error_code: "", error_message: "" },
      job_resource_info: { resource_id: "0b3c3bb0-7a6f-4f4e-8d6e-8b7a1f6d2c11", resource_name: "APS-1" },
      project_id: PROJECT,
    },
    {
      id: "702364884037271554",
      job_id: "702364883651391552",
      job_type: "CREATE_SERVER",
      status: "FAILED",
      begin_time: "2024-05-21T08:00:01.3Z",
      end_time: "2024-05-21T08:05:12Z",
      job_execute_info: { error_code: "WKS.00129901", error_message: "The service is now unavailable to process the request." },
      job_resource_info: { resource_id: "", resource_name: "" },
      project_id: PROJECT,
    },
  ],
};

/** A RUNNING image job with 3 announced sub-jobs, 2 listed; nulls and a missing end_time. */
export const IMAGE_JOB_RUNNING = {
  id: "702364883651395999",
  job_type: "CREATE_SERVER_IMAGE",
  status: "RUNNING",
  begin_time: "2024-05-20T10:39:49Z",
  sub_jobs_total: 3,
  sub_jobs: [
    {
      id: "702364884037270001",
      status: "SUCCESS",
      job_execute_info: null,
      job_resource_info: { resource_id: "img-1", resource_name: null },
    },
    { id: "702364884037270002", status: "RUNNING", begin_time: "2024-05-20T10:40:00Z", job_resource_info: null },
  ],
};

/** §2.8 ShowJobDetail SUCCESS example (flat error fields, empty strings). */
export const APP_JOB_SUCCESS = {
  id: "575768277444198400",
  job_type: "CREATE_SERVER",
  status: "SUCCESS",
  begin_time: "2023-06-06T02:30:06.836Z",
  end_time: "2023-06-06T02:45:49.577Z",
  sub_jobs_total: 1,
  sub_jobs: [
    {
      id: "575768277481947136",
      job_id: "575768277444198400",
      job_type: "CREATE_SERVER",
      status: "SUCCESS",
      begin_time: "2023-06-06T02:30:06.902Z",
      end_time: "2023-06-06T02:45:49.564Z",
      error_code: "",
      error_message: "",
      job_resource_info: { resource_id: "a2a6f5af-cbf7-4242-8988-109426870886", resource_name: "APS-20230606023006-YM08IXT04C" },
      project_id: PROJECT,
    },
  ],
};

/** A FAILED app job whose failed sub-job reports its error flat. */
export const APP_JOB_FAILED_FLAT = {
  id: "575768277444190001",
  job_type: "CREATE_SERVER",
  status: "FAILED",
  begin_time: "2023-06-06T02:30:06Z",
  end_time: "2023-06-06T02:31:00Z",
  sub_jobs_total: 1,
  sub_jobs: [
    {
      id: "575768277481940001",
      status: "ABNORMAL",
      error_code: "WKS.00211401",
      error_message: "The requested operation failed. Please try again later.",
      job_resource_info: { resource_id: "" },
    },
  ],
};

/** A FAILED app job whose failed sub-job uses the older nested `job_execute_info`. */
export const APP_JOB_FAILED_NESTED = {
  id: "575768277444190002",
  job_type: "REINSTALL_OS",
  status: "FAILED",
  begin_time: "2023-06-06T02:30:06Z",
  end_time: null,
  sub_jobs_total: 1,
  sub_jobs: [
    {
      id: "575768277481940002",
      status: "FAILED",
      error_code: "",
      error_message: null,
      job_execute_info: { error_code: "WKS.00050902", error_message: "The service is now unavailable to process the request." },
    },
  ],
};

/** §3 IMS ShowJob SUCCESS example (imsCreateImageByInstance; null error fields). */
export const IMS_JOB_SUCCESS = {
  job_id: "9a175ac792fa12d20193002100dd2762",
  job_type: "imsCreateImageByInstance",
  begin_time: "2024-11-06T06:19:43.195Z",
  end_time: "2024-11-06T06:23:25.158Z",
  status: "SUCCESS",
  error_code: null,
  fail_reason: null,
  entities: { image_name: "test", image_id: "3f7185de-b59a-4bb8-aa1d-7a513528b0e9" },
};

/** §3 IMS imsImportOvaImageJob example: the image id only in a member job. */
export const IMS_JOB_OVA = {
  job_id: "9a175ac892fa13420193006a49173317",
  job_type: "imsImportOvaImageJob",
  begin_time: "2024-11-06T07:39:45.814Z",
  end_time: "2024-11-06T07:49:45.814Z",
  status: "SUCCESS",
  error_code: null,
  fail_reason: null,
  entities: {
    sub_jobs_result: [
      {
        job_id: "9a175ac892fa13420193006c29e133f0",
        job_type: "imsImportImageJob",
        begin_time: "2024-11-06T07:41:48.896Z",
        end_time: "2024-11-06T07:49:45.814Z",
        status: "SUCCESS",
        error_code: null,
        fail_reason: null,
        entities: { image_name: "test", image_id: "fc496c19-40c2-4220-8b1a-eba9d53fca7b" },
      },
    ],
    sub_jobs_list: ["9a175ac892fa13420193006c29e133f0"],
  },
};

/** A FAILed IMS job with its own error fields. */
export const IMS_JOB_FAILED = {
  job_id: "ff8080814dbd65d7014dbe0d84db0013",
  job_type: "imsCreateImageByInstance",
  begin_time: "2024-11-06T06:19:43.195Z",
  end_time: "2024-11-06T06:20:01Z",
  status: "FAIL",
  error_code: "IMG.0044",
  fail_reason: "The ECS is not stopped.",
  entities: {},
};

/** A RUNNING IMS volumes job: 2 of 3 member jobs done, end_time null, no own image yet. */
export const IMS_JOB_RUNNING = {
  job_id: "9a175ac692fa125401930037d9e3ffff",
  job_type: "imsVolumesToSysDataImagesJob",
  begin_time: "2024-11-06T06:44:40.545Z",
  end_time: null,
  status: "RUNNING",
  error_code: null,
  fail_reason: null,
  entities: {
    sub_jobs_result: [
      { job_id: "m1", status: "SUCCESS", entities: { image_id: "img-a" } },
      { job_id: "m2", status: "SUCCESS", entities: { image_id: "img-b" } },
      { job_id: "m3", status: "RUNNING", error_code: null, fail_reason: null, entities: null },
    ],
    sub_jobs_list: ["m1", "m2", "m3"],
  },
};

/** An INIT IMS job: no end_time, no entities at all. */
export const IMS_JOB_INIT = {
  job_id: "9a175ac692fa125401930037d9e30000",
  job_type: "imsImportImageJob",
  begin_time: "2024-11-06T06:44:40Z",
  status: "INIT",
};

/** Parses a body the way the client does, so fixtures are typed exactly like real answers. */
export const parseImageJob = (body: unknown): ImageJob => imageJobSchema.parse(body);
/** See {@link parseImageJob}. */
export const parseAppJob = (body: unknown): AppJob => appJobSchema.parse(body);
/** See {@link parseImageJob}. */
export const parseImsJob = (body: unknown): ImsJob => imsJobSchema.parse(body);
