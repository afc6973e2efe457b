// Import boundaries (shared/design/ARCHITECTURE.md, rule 7) are enforced here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Bare builtin names are matched exactly (`paths`), so a local module such as ./http is not caught.
const nodeBuiltinPaths = ["fs", "path", "http", "https", "url", "os", "child_process", "net", "dns", "crypto", "stream", "util", "zlib", "undici"].map((name) => ({ name, message: "Only lib/cli and lib/net may touch node APIs; the engine receives them through EngineDeps." }));
// lib/net is the live network (node:*, undici): the pure modules get a fetch passed in instead.
const noNet = { group: ["@/lib/net", "@/lib/net/*", "../net", "../net/*", "../../net", "../../net/*"], message: "lib/net is Node-only: pure modules receive a fetch (EngineDeps / RunEnv) instead of importing it." };

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JS config files and scripts run in Node.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { module: "writable", require: "readonly", process: "readonly", console: "readonly", __dirname: "readonly", URL: "readonly", AbortController: "readonly" } },
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@/app/*", "../app/*", "../../app/*", "../../../app/*"], message: "lib/ must never import app/." },
        { group: ["monaco-editor", "monaco-editor/*", "@monaco-editor/*"], message: "Only the editor component imports monaco." },
      ] }],
    },
  },
  {
    files: ["lib/engine/**/*.ts"],
    ignores: ["lib/engine/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: nodeBuiltinPaths, patterns: [
        { group: ["react", "react-*", "next", "next/*", "msw", "msw/*", "monaco-editor", "monaco-editor/*", "node:*"], message: "lib/engine is pure: no react/next/msw/monaco/node APIs. Receive them through EngineDeps." },
        { group: ["@/app/*", "../../app/*"], message: "lib/ must never import app/." },
        noNet,
      ] }],
      "no-restricted-globals": ["error",
        { name: "process", message: "The engine never reads process.env; pass settings in." },
        { name: "window", message: "The engine never touches window." },
        { name: "setTimeout", message: "Use deps.sleep." },
        { name: "fetch", message: "Use deps.fetch." },
      ],
    },
  },
  {
    files: ["lib/config/**/*.ts", "lib/formats/**/*.ts", "lib/preview/**/*.ts", "lib/mocks/**/*.ts", "lib/examples/**/*.ts", "lib/run/**/*.ts", "lib/shared/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: nodeBuiltinPaths, patterns: [
        { group: ["react", "react-*", "next", "next/*", "monaco-editor", "monaco-editor/*", "@/app/*", "../app/*", "../../app/*"], message: "lib/ modules stay UI-free." },
        { group: ["node:*"], message: "Only lib/cli and lib/net may touch node:* APIs." },
        noNet,
      ] }],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@/lib/*/*", "!@/lib/*/index"], message: "app/ imports lib modules through their index.ts only." },
        { group: ["monaco-editor", "monaco-editor/*"], message: "Only app/_components/editor imports monaco-editor.", allowTypeImports: true },
      ] }],
    },
  },
  {
    files: ["app/_components/editor/**/*.ts", "app/_components/editor/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["@/lib/*/*", "!@/lib/*/index"], message: "app/ imports lib modules through their index.ts only." },
      ] }],
    },
  },
);
