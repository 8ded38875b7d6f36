// ESLint: typescript-eslint's recommended rules for all code, and for src/ a doc comment on every
// export (the project's standard: concise TSDoc on every export). Formatting is Prettier's
// (.prettierrc.json), so no stylistic rule is enabled here.
import jsdoc from "eslint-plugin-jsdoc";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["lib/", "docs/", "node_modules/", "scenarios/", "**/cdktf.out/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // tsc (noUnusedLocals, noUnusedParameters) already reports these, with the same exceptions.
      "@typescript-eslint/no-unused-vars": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { jsdoc },
    rules: {
      "jsdoc/require-jsdoc": [
        "error",
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true },
          contexts: [
            "TSInterfaceDeclaration",
            "TSTypeAliasDeclaration",
            "TSEnumDeclaration",
            "ExportNamedDeclaration > VariableDeclaration",
          ],
        },
      ],
    },
  },
);
