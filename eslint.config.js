// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".tmp-*", ".eslint-tmp-*", "dist/**", "node_modules/**", "out/**", "coverage/**", "notebooks/**", ".deno/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Randomness is seeded: use src/random/rng.ts." }],
    },
  },
  {
    files: ["src/cli/**/*.ts", "bench/**/*.ts", "bin/**/*.js", "scripts/**/*.{js,ts,mjs}"],
    rules: { "no-console": "off" },
  },
  {
    files: ["bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
