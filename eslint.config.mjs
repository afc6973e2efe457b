// Lint rules of the house. Import boundaries (shared/design/ARCHITECTURE.md, rules 3, 4, 7, 10) live
// in one table, eslint/boundaries.mjs, checked by one local rule; eslint/boundaries.test.ts proves
// that every forbidden import is refused.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { boundariesPlugin } from "./eslint/boundaries.mjs";
import regexpPlugin from "eslint-plugin-regexp";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JS config files and scripts run in Node.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        URL: "readonly",
        AbortController: "readonly",
      },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx"],
    plugins: { restplay: boundariesPlugin },
    rules: { "restplay/boundaries": "error" },
  },
  {
    // Patterns that can backtrack super-linearly on text we are given (config text, API responses, headers).
    files: ["lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts", "lib/testing/**"],
    plugins: { regexp: regexpPlugin },
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },
  {
    files: ["lib/engine/**/*.ts"],
    ignores: ["lib/engine/**/*.test.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "process", message: "The engine never reads process.env; pass settings in." },
        { name: "window", message: "The engine never touches window." },
        { name: "setTimeout", message: "Use deps.sleep." },
        { name: "fetch", message: "Use deps.fetch." },
      ],
    },
  },
);
