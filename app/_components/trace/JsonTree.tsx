"use client";
import type { Json } from "@/lib/engine";

const MAX_CHILDREN = 200;

function Leaf({ value }: { value: Json }) {
  if (value === null) return <span className="text-muted">null</span>;
  if (typeof value === "string") return <span className="break-all text-ok">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-info">{value}</span>;
  if (typeof value === "boolean") return <span className="text-warning">{String(value)}</span>;
  return null;
}

function Node({ name, value, depth, openDepth }: { name: string | null; value: Json; depth: number; openDepth: number }) {
  const label = name === null ? null : <span className="text-fg">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <li className="pl-4">
        {label}
        <Leaf value={value} />
      </li>
    );
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const summary = Array.isArray(value)
    ? `${entries.length} item${entries.length === 1 ? "" : "s"}`
    : `${entries.length} key${entries.length === 1 ? "" : "s"}`;
  if (entries.length === 0) {
    return (
      <li className="pl-4">
        {label}
        <span className="text-muted">{open + close}</span>
      </li>
    );
  }
  return (
    <li className="pl-4">
      <details open={depth < openDepth}>
        <summary className="-ml-4 cursor-pointer select-none marker:text-muted">
          {label}
          <span className="text-muted">
            {open} {summary} {close}
          </span>
        </summary>
        <ul>
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > MAX_CHILDREN && <li className="pl-4 text-muted">… {entries.length - MAX_CHILDREN} more</li>}
        </ul>
      </details>
    </li>
  );
}

/** A JSON value as a tree of collapsible objects and lists (the first `openDepth` levels open). */
export function JsonTree({ value, openDepth = 2, label }: { value: Json; openDepth?: number; label: string }) {
  return (
    <ul className="font-mono text-xs leading-5" aria-label={label} data-testid="json-tree">
      <Node name={null} value={value} depth={0} openDepth={openDepth} />
    </ul>
  );
}
