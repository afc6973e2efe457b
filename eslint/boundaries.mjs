/**
 * The import boundaries of the house (shared/design/ARCHITECTURE.md, rules 3, 4, 7 and 10), as one
 * table and one local ESLint rule. Each import's target is resolved against the importing file, so a
 * module's own files (lib/engine/preview.ts) never look like another module (lib/preview).
 *
 * `lib` says which lib modules a module may import at run time and which only as types; `packages`
 * which packages it must not import. app/ may import lib modules only through their index.ts.
 */
import path from "node:path";

const ALL_LIB = [
  "shared",
  "formats",
  "config",
  "engine",
  "mocks",
  "preview",
  "net",
  "run",
  "duck",
  "examples",
  "importers",
  "share",
  "cli",
  "testing",
];
const UI = ["react", "react-dom", "next", "monaco-editor", "@monaco-editor/react", "monaco-yaml"];
const NODE = [
  "node:",
  "fs",
  "path",
  "http",
  "https",
  "url",
  "os",
  "child_process",
  "net",
  "dns",
  "crypto",
  "stream",
  "util",
  "zlib",
  "worker_threads",
  "undici",
];

/** Per lib module: `runtime` and `types` are the lib modules it may import; `banned` are packages (prefixes). */
export const LAYERS = {
  shared: {
    runtime: [],
    types: [],
    banned: [...UI, ...NODE, "msw", "zod"],
    why: "lib/shared is the zod-free vocabulary every module may use; it imports nothing.",
  },
  formats: { runtime: ["shared"], types: [], banned: [...UI, ...NODE, "msw"], why: "lib/formats only parses and writes text." },
  config: {
    runtime: ["formats", "shared"],
    types: [],
    banned: [...UI, ...NODE, "msw"],
    why: "lib/config knows the config language; it never runs anything.",
  },
  engine: {
    runtime: ["shared"],
    types: ["config"],
    banned: [...UI, ...NODE, "msw", "zod"],
    why: "lib/engine is pure: config types only, everything else through EngineDeps (rule 3).",
  },
  mocks: {
    runtime: ["shared"],
    types: [],
    banned: [...UI, ...NODE],
    why: "lib/mocks implement the APIs on their own, never with the engine (rule 4).",
  },
  preview: {
    runtime: ["shared"],
    types: ["engine", "config"],
    banned: [...UI, ...NODE, "msw"],
    why: "lib/preview folds engine events; it needs their types only.",
  },
  net: { runtime: ["engine", "shared"], types: ["config"], banned: [...UI, "msw"], why: "lib/net is the live network (Node only)." },
  duck: {
    runtime: ["preview", "shared"],
    types: ["engine"],
    banned: [...UI, "msw"],
    why: "lib/duck is the real DuckDB (Node only: @duckdb/node-api); the browser imports its types only.",
  },
  run: {
    runtime: ["config", "engine", "formats", "mocks", "preview", "shared"],
    types: [],
    banned: [...UI, ...NODE],
    why: "lib/run is shared by the route, the CLI and the browser: no Node APIs.",
  },
  examples: { runtime: ["config", "formats", "shared"], types: ["engine"], banned: [...UI, ...NODE, "msw"], why: "lib/examples are data." },
  importers: {
    runtime: ["config", "formats", "shared"],
    types: ["mocks"],
    banned: [...UI, ...NODE, "msw"],
    why: "lib/importers turn API descriptions into configs, in the browser too: no Node APIs, the mocks' plan types only.",
  },
  share: {
    runtime: ["config", "formats", "shared"],
    types: [],
    banned: [...UI, ...NODE, "msw"],
    why: "lib/share puts configs into links, in the browser: no Node APIs.",
  },
  cli: { runtime: ALL_LIB.filter((m) => m !== "testing"), types: [], banned: UI, why: "lib/cli is a Node front end." },
  testing: { runtime: ALL_LIB, types: [], banned: UI, why: "lib/testing holds test helpers." },
};

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** `lib/<module>`, `app`, or null for a path outside both. */
function moduleOf(abs) {
  const rel = path.relative(root, abs).split(path.sep);
  if (rel[0] === "lib" && rel.length > 1) return { area: "lib", name: rel[1].replace(/\.[cm]?[jt]sx?$/, ""), rest: rel.slice(2) };
  if (rel[0] === "app") return { area: "app", name: "app", rest: rel.slice(1) };
  return null;
}

function target(file, spec) {
  if (spec.startsWith(".")) return moduleOf(path.resolve(path.dirname(file), spec));
  if (spec.startsWith("@/")) return moduleOf(path.resolve(root, spec.slice(2)));
  return { area: "package", name: spec };
}

const isBanned = (spec, banned) => banned.some((b) => spec === b || spec.startsWith(b.endsWith(":") ? b : `${b}/`));

const boundaries = {
  meta: { type: "problem", schema: [], messages: { bad: "{{why}}" } },
  create(context) {
    const file = context.filename;
    const from = moduleOf(file);
    if (!from) return {};
    const isTest = /\.test\.tsx?$/.test(file);
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== "string") return;
      const to = target(file, spec);
      if (!to) return;
      const report = (why) => context.report({ node, messageId: "bad", data: { why } });
      if (from.area === "lib") {
        const layer = LAYERS[from.name];
        if (!layer) return report(`lib/${from.name} is not in eslint/boundaries.mjs: add it to LAYERS with what it may import.`);
        if (to.area === "app") return report("lib/ never imports app/ (rule 7).");
        if (to.area === "package") {
          if (!isTest && !typeOnly && isBanned(to.name, layer.banned)) report(`${layer.why} (\`${to.name}\` is not allowed here.)`);
          return;
        }
        if (to.name === from.name || isTest) return;
        const allowed = typeOnly ? [...layer.runtime, ...layer.types] : layer.runtime;
        if (!allowed.includes(to.name)) {
          const asTypes = layer.types.includes(to.name) ? " (its types only: `import type`)" : "";
          report(`${layer.why} lib/${from.name} may not import lib/${to.name}${asTypes}.`);
        }
        return;
      }
      // app/: lib modules through their index only; monaco only in the editor component.
      if (to.area === "lib" && to.rest.length > 0 && !(to.rest.length === 1 && /^index\.[jt]sx?$/.test(to.rest[0]))) {
        report(`app/ imports lib modules through their index.ts only (\`@/lib/${to.name}\`).`);
      }
      if (to.area === "lib" && to.name === "duck" && !typeOnly && from.rest[0] !== "api") {
        report(
          "lib/duck is Node only (@duckdb/node-api): app/ imports it at run time only in app/api route handlers; elsewhere its types.",
        );
      }
      if (
        to.area === "package" &&
        /^(monaco-editor|monaco-yaml)(\/|$)/.test(to.name) &&
        !typeOnly &&
        from.rest[0] === "_components" &&
        from.rest[1] !== "editor"
      ) {
        report("Only app/_components/editor imports monaco (rule 8).");
      }
    };
    return {
      ImportDeclaration: (n) =>
        check(
          n,
          n.source.value,
          n.importKind === "type" || (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === "type")),
        ),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === "type"),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === "type"),
      ImportExpression: (n) => n.source.type === "Literal" && check(n, n.source.value, false),
    };
  },
};

export const boundariesPlugin = { rules: { boundaries } };
