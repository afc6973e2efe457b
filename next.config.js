// @ts-check
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS, as Next loads it
const { API_HEADERS } = require("./security-headers.js");

const monacoAliases = { "monaco-editor/esm/vs/editor/editor.worker.js": "monaco-editor/editor/editor.worker.js" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The API routes' security headers: proxy.ts, which sets them on everything else, does not run for them.
  headers: async () => [{ source: "/api/:path*", headers: [...API_HEADERS] }],
  // The CLI and the route share lib/; msw's node entry must stay external on the server, and so does
  // undici (lib/net's live transport), and DuckDB's native binding (lib/duck): required from node_modules as is, never bundled.
  serverExternalPackages: ["msw", "undici", "@duckdb/node-api", "@duckdb/node-bindings"],
  // monaco-yaml's worker imports monaco's pre-0.56 deep path (STACK-NOTES P12/P13).
  turbopack: { resolveAlias: monacoAliases },
  webpack: (config) => {
    config.resolve.alias = { ...config.resolve.alias, ...monacoAliases };
    return config;
  },
};
module.exports = nextConfig;
