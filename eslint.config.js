import js from "@eslint/js";
import tseslint from "typescript-eslint";

// A capability's index.ts is the only import other capabilities use (issue 15): a file in src/ outside the folder may
// not reach past the index. Adapters and tests are not capabilities and may import a specific file.
const BARRELLED = ["partnerships", "chat"];
const deepImportOf = (capability) => ({
  regex: `^(\\.\\./)+${capability}/(?!index\\.ts$)`,
  message: `Import from ${capability}/index.ts: a capability's index is the only import other capabilities use.`,
});
const noDeepImports = (capabilities) => ({ "no-restricted-imports": ["error", { patterns: capabilities.map(deepImportOf) }] });
const barrelRules = [
  { files: ["src/**/*.ts"], rules: noDeepImports(BARRELLED) },
  // Inside its own folder a capability imports its files directly (the later entry wins for those files).
  ...BARRELLED.map((own) => ({ files: [`src/${own}/**/*.ts`], rules: noDeepImports(BARRELLED.filter((c) => c !== own)) })),
];

export default tseslint.config(
  { ignores: ["node_modules/", ".data/", "dist/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // STYLE.md: migrations take Kysely<any> so they stay frozen in time, independent of the app's types.
    files: ["migrations/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Fakes at the platform edge implement async ports without awaiting anything.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  ...barrelRules,
  {
    // Plain JavaScript outside the TypeScript project: this file, and the compile cache `npm start` preloads.
    files: ["eslint.config.js", "src/compile-cache.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
