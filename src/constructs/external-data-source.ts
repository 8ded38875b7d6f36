// The `data "external"` (provider `hashicorp/external`) behind every data source. Internal.
import type { Construct } from "constructs";
import type { ITerraformDependable } from "./framework-types";
import { type Framework, type TerraformDataSource, perFramework } from "./framework";

/** The constructor of {@link externalDataSourceClass}'s classes. */
export type ExternalDataSourceClass = new (
  scope: Construct,
  id: string,
  program: string[],
  query: Record<string, string>,
  dependsOn: ITerraformDependable[] | undefined,
) => TerraformDataSource;

/**
 * A `data "external"` with a fixed `program` and `query` (no provider construct needed), as a
 * class of the given framework.
 */
export const externalDataSourceClass = perFramework(
  (framework: Framework): ExternalDataSourceClass =>
    class ExternalDataSource extends framework.TerraformDataSource {
      constructor(
        scope: Construct,
        id: string,
        private readonly program: string[],
        private readonly query: Record<string, string>,
        dependsOn: ITerraformDependable[] | undefined,
      ) {
        // No terraformGeneratorMetadata: the framework would then insist on a provider construct in
        // the stack (ValidateProviderPresence), i.e. on a prebuilt `external` provider package. The
        // requirement is declared on the stack instead (provider-requirements.ts).
        super(scope, id, { terraformResourceType: "external", dependsOn });
      }

      protected override synthesizeAttributes(): Record<string, unknown> {
        return { program: this.program, query: this.query };
      }

      protected override synthesizeHclAttributes(): Record<string, unknown> {
        return {
          program: { value: this.program, isBlock: false, type: "list", storageClassType: "stringList" },
          query: { value: this.query, isBlock: false, type: "map", storageClassType: "stringMap" },
        };
      }
    },
);

/** Reads `key` of an external data source's `result` map, e.g. `data.external.x.result.count`. */
export function resultAttribute(dataSource: TerraformDataSource, key: string): string {
  const path = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `result.${key}` : `result[${JSON.stringify(key)}]`;
  return dataSource.getStringAttribute(path);
}
