import { stringify } from "yaml";
import type { PlainValue } from "./types";

type Obj = { readonly [key: string]: PlainValue };
const isObj = (v: PlainValue): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function writeJson(value: PlainValue): string {
  return JSON.stringify(value, null, 2) + "\n";
}

export function writeYaml(value: PlainValue): string {
  return stringify(value, { indent: 2, lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
}

function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

function pyNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? 'float("inf")' : n < 0 ? 'float("-inf")' : 'float("nan")';
  const s = String(n);
  return /[.e]/.test(s) ? s : s + ".0";
}

/** A Python literal (4-space indent like the seeds); references become `dlt.secrets["x"]`, `$python` stays code. */
export function writePythonLiteral(value: PlainValue, indentLevel = 0): string {
  const pad = (n: number) => "    ".repeat(n);
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return pyString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => pad(indentLevel + 1) + writePythonLiteral(v, indentLevel + 1)).join(",\n")}\n${pad(indentLevel)}]`;
  }
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const v = value[keys[0] ?? ""];
      if (typeof v === "string") {
        if (keys[0] === "$secret") return `dlt.secrets[${pyString(v)}]`;
        if (keys[0] === "$config") return `dlt.config[${pyString(v)}]`;
        if (keys[0] === "$python") return v;
      }
    }
    if (keys.length === 0) return "{}";
    const lines = keys.map((k) => `${pad(indentLevel + 1)}${pyString(k)}: ${writePythonLiteral(value[k] ?? null, indentLevel + 1)}`);
    return `{\n${lines.join(",\n")}\n${pad(indentLevel)}}`;
  }
  return "None";
}
