/**
 * Python restplay does not evaluate (`settings.BASE_URL`, `build_path()`) where dlt's config wants a
 * plain value: dlt evaluates it and goes on, so it must not block Run (decision 0022). Such values are
 * left out before the schema sees them, with an info saying so (a playground run goes without them);
 * where the schema takes Python (callables, paginator and auth objects, dlt resources) they stay.
 */
import type { PlainValue } from "../formats";
import { RestApiConfigSchema } from "./schema";
import { schemaAt } from "./schema-walk";
import { where, type Locator } from "./located";
import type { DiagnosticOut } from "./sink";

type Path = (string | number)[];
const isPython = (v: unknown): v is { readonly $python: string } =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as { $python?: unknown }).$python === "string" &&
  Object.keys(v).length === 1;

/** Every `{"$python": …}` in the value (not inside another), with its path. */
function pythonValues(value: PlainValue): [Path, string][] {
  const out: [Path, string][] = [];
  const stack: [unknown, Path][] = [[value, []]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, path] = top;
    if (isPython(v)) out.push([path, v.$python]);
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, [...path, k]]);
  }
  return out;
}

export function withoutUnreadPython(value: PlainValue, loc: Locator, out: DiagnosticOut): PlainValue {
  // A lambda, a set or comprehension, bytes or a complex number is surely the wrong type: the schema says so.
  const found = pythonValues(value).filter(([path, text]) => {
    if (/^(lambda\b|[[{(]|[bB][rR]?['"]|[\d.]+[jJ]$)/.test(text.trim())) return false;
    const schema = path.length ? schemaAt(RestApiConfigSchema, value, path) : null;
    return schema !== null && !schema.safeParse({ $python: "x" }).success;
  });
  if (found.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const [path, text] of found.sort((a, b) => b[0].length - a[0].length)) {
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((o, k) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined), copy);
    const last = path[path.length - 1];
    // An unknown base URL stays a key (its resources are not "missing base_url"); the run then fails to build their URLs.
    if (last === "base_url" && typeof parent === "object" && parent !== null) (parent as Record<string, unknown>)[last] = "";
    else if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
    else if (typeof parent === "object" && parent !== null && last !== undefined) delete (parent as Record<string, unknown>)[last];
    const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
    out.push({
      severity: "info",
      code: "python_not_executed",
      path: loc.pointer(path),
      range: loc.value(path),
      message:
        `${where(path)} is Python that restplay does not evaluate (\`${shown}\`): dlt evaluates it when it runs. restplay leaves it out ` +
        "of its checks and runs; write a literal or a module-level constant here to have it checked and run in the playground.",
    });
  }
  return copy;
}
