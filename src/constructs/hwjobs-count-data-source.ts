import { HwjobsDataSource } from "./hwjobs-data-source";

/** Base of the count data sources (`count-*` operations). */
export abstract class HwjobsCountDataSource extends HwjobsDataSource {
  /** Number of matching sub-jobs. */
  public get count(): number {
    return this.numberValue("count");
  }
}
