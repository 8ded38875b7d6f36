// A CDKTF app for bench/synth.ts, run as `node bench/synth-app.mjs <shape> <count> <outdir>` on
// the compiled library (lib/), as a user's `cdktf synth` runs a program.
import { App, TerraformResource, TerraformStack } from "cdktf";
import { DataImsJob, JobKind, WaitForJob } from "../lib/index.js";

const [shape, count, outdir] = process.argv.slice(2);
const app = new App({ outdir });
const stack = new TerraformStack(app, "bench");
for (let i = 0; i < Number(count); i++) {
  if (shape === "gates") {
    new WaitForJob(stack, `wait-${i}`, { kind: JobKind.IMS_JOB, jobId: `job-${i}` });
    new DataImsJob(stack, `job-${i}`, { jobId: `job-${i}` });
  } else {
    new TerraformResource(stack, `plain-${i}`, { terraformResourceType: "terraform_data" });
  }
}
app.synth();
