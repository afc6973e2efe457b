/**
 * A whole number written as a float (`10.0`, `1e3`) where dlt's config validation wants an integer
 * (`limit`, `max_table_nesting`, a response action's `status_code`…): the value reads as 10 here, but
 * Python (`json.loads`, `yaml.safe_load`, a dict literal) makes it a float (or, in YAML, `1e3` text),
 * and dlt refuses it (probed:
 * `field \`limit=10.0\` has invalid type \`float\` while \`int\` is expected`). The document keeps the
 * spelling, so each number of the config is looked at where the schema says integer.
 */
import { RestApiConfigSchema } from "../schema";
import { isIntegerSchema, pickVariant, schemaAt, unwrap } from "../schema-walk";
import type { Path } from "../located";
import type { DocNode } from "../../formats";
import { pythonReading } from "../python-numbers";
import type { RuleContext } from "./context";

/** Whether the schema at `at` takes only integers. */
export function wantsInteger(plain: unknown, at: Path, value: number): boolean {
  const s = schemaAt(RestApiConfigSchema, plain, at);
  if (!s) return false;
  const variant = pickVariant(s, value) ?? unwrap(s);
  return isIntegerSchema(unwrap(variant));
}

/** Walks the document itself (its numbers keep their spelling): one pass, no look-up per number. */
export function checkIntegers(ctx: RuleContext, plain: unknown, node: DocNode | null = ctx.loc.root, at: Path = []): void {
  if (node === null || ctx.full) return;
  if (node.kind === "array") node.items.forEach((item, i) => checkIntegers(ctx, plain, item, [...at, i]));
  else if (node.kind === "object") for (const e of node.entries) checkIntegers(ctx, plain, e.value, [...at, e.key]);
  else if (node.kind === "number" && Number.isInteger(node.value)) {
    const value = node.value;
    const spelled = ctx.text.slice(node.range.start, node.range.end);
    const kind = pythonReading(ctx.format, spelled);
    if (kind === null || !wantsInteger(plain, at, value)) return;
    // Text where the schema takes text too (a response action's `status_code`): no type error (yaml_1_1_value says what dlt gets).
    if (kind === "text" && schemaAt(RestApiConfigSchema, plain, at)?.safeParse(spelled).success) return;
    const field = String(at[at.length - 1]);
    // Beyond 2^53 JavaScript spells the value as a float again (`1e+21`): no integer to write.
    const digits = Number.isSafeInteger(value) ? String(value) : null;
    ctx.add({
      at,
      severity: "error",
      code: "invalid_type",
      range: node.range,
      message:
        (kind === "float"
          ? `\`${spelled}\` is a float for Python, and dlt's config validation wants an integer for \`${field}\` ` +
            `(\`${field}=${value}.0\` has invalid type \`float\` while \`int\` is expected).`
          : `\`${spelled}\` is text for \`yaml.safe_load\` (YAML 1.1 reads an exponent without a fraction as a string), ` +
            `and dlt's config validation wants an integer for \`${field}\`.`) +
        (digits !== null ? ` Write ${digits}.` : " Write an integer."),
      ...(digits !== null ? { fixes: [{ title: `Write ${digits}`, edits: [{ range: node.range, newText: digits }] }] } : {}),
    });
  }
}
