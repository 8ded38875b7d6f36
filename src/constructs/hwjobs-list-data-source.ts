import type { Construct } from "constructs";
import { MAX_CONCURRENCY } from "../core/pagination";
import type { IResolvable } from "./framework-types";
import { HwjobsDataSource, type HwjobsDataSourceProps } from "./hwjobs-data-source";
import type { Fail } from "./fail";
import { contextFor, validatePositiveInteger } from "./validation";

/** Parameters of a list operation, on top of {@link HwjobsDataSourceProps}. */
export interface HwjobsListDataSourceProps extends HwjobsDataSourceProps {
  /**
   * How many page requests the CLI keeps in flight at once after the first page (1 to 16).
   * Lists always read every page.
   *
   * @default 4
   */
  readonly concurrency?: number;
}

/** Base of the list data sources (`list-*` operations). */
export abstract class HwjobsListDataSource extends HwjobsDataSource {
  /** Adds the validated `concurrency` prop, which every list takes, to the operation's parameters. */
  protected constructor(
    scope: Construct,
    id: string,
    operation: string,
    parameters: Record<string, string | undefined>,
    props: HwjobsListDataSourceProps,
    fail: Fail,
  ) {
    const concurrency =
      props.concurrency === undefined
        ? undefined
        : validatePositiveInteger(props.concurrency, "concurrency", MAX_CONCURRENCY, contextFor(scope, fail));
    super(scope, id, operation, { ...parameters, concurrency }, props, fail);
  }

  /** Number of matching items, as the API counts them. */
  public get count(): number {
    return this.numberValue("count");
  }

  /** The matching items from every page, as the API returns them (a decoded JSON list). */
  public get items(): IResolvable {
    return this.jsonValue("items");
  }

  /** The ids of the matching items, in the order of `items`. */
  public get ids(): string[] {
    return this.stringListValue("ids");
  }
}
