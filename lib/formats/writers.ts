/** Deterministic JSON and YAML writers (2-space indent); see python-writer.ts for Python. */
import { Document, isMap, isScalar, visit } from "yaml";
import type { PlainValue } from "./types";

export function writeJson(value: PlainValue): string {
  // References read best on one line, as in the examples: `"token": {"$secret": "token"}`.
  return JSON.stringify(value, null, 2).replace(/\{\n\s*"(\$secret|\$config|\$python)": ("(?:[^"\\]|\\.)*")\n\s*\}/g, '{"$1": $2}') + "\n";
}

const SPECIAL_KEYS = new Set(["$secret", "$config", "$python"]);

/** YAML with references as flow maps (`token: {$secret: token}`), strings quoted only where needed. */
export function writeYaml(value: PlainValue): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Map(_, node) {
      const only = node.items.length === 1 ? node.items[0] : undefined;
      if (
        only &&
        isScalar(only.key) &&
        SPECIAL_KEYS.has(String(only.key.value)) &&
        isScalar(only.value) &&
        typeof only.value.value === "string"
      ) {
        node.flow = true;
        // Multi-line code reads better as one double-quoted line than as a folded flow scalar.
        if (only.value.value.includes("\n")) only.value.type = "QUOTE_DOUBLE";
      }
      if (isMap(node) && node.items.length === 0) node.flow = true;
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 });
}
