import * as z from "zod";
import { optionalText } from "./open-enum";

/** `job_resource_info` of a sub-job: the resource it created or changed. */
export const jobResourceInfoSchema = z.looseObject({
  resource_id: optionalText,
  resource_name: optionalText,
});

/** `job_execute_info` of an image sub-job: its error, empty strings on success. */
export const jobExecuteInfoSchema = z.looseObject({
  error_code: optionalText,
  error_message: optionalText,
});
