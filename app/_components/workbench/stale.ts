/**
 * Honest state: what changed since the results on screen were produced. The run's inputs are kept
 * in memory when it starts (never stored: they include the secret values) and compared with the
 * current ones; each resource that ran is reported as changed, renamed or removed.
 */
import type { PlainValue } from "@/lib/formats";

/** What a run was started with. */
export interface RunBasis {
  /** The document as a plain value (`null` when it could not be read). */
  readonly value: PlainValue | null;
  readonly target: string;
  readonly maxPages: string;
  readonly secrets: Readonly<Record<string, string>>;
}

export type ResourceChange =
  { readonly kind: "changed"; readonly why: string } | { readonly kind: "renamed"; readonly to: string } | { readonly kind: "removed" };

export interface Staleness {
  /** Reasons that concern every resource (target, limits, secrets, `client`…). */
  readonly global: readonly string[];
  /** Per resource that ran: how it differs now. Absent: unchanged. */
  readonly resources: ReadonlyMap<string, ResourceChange>;
}

/** JSON with sorted keys: equal for equal values whatever the key order. */
export function canonical(v: PlainValue | undefined): string {
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as { readonly [k: string]: PlainValue };
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

interface Entry {
  readonly name: string;
  readonly index: number;
  /** The entry without its name (a rename alone keeps it equal). */
  readonly body: string;
}

function entries(value: PlainValue | null): Entry[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const list = (value as { readonly [k: string]: PlainValue }).resources;
  if (!Array.isArray(list)) return [];
  const out: Entry[] = [];
  list.forEach((r: PlainValue, index: number) => {
    if (typeof r === "string") out.push({ name: r, index, body: "{}" });
    else if (typeof r === "object" && r !== null && !Array.isArray(r)) {
      const { name, ...rest } = r as { readonly [k: string]: PlainValue };
      if (typeof name === "string" && name !== "") out.push({ name, index, body: canonical(rest) });
    }
  });
  return out;
}

/** Everything but `resources`: `client`, `resource_defaults`… */
function shared(value: PlainValue | null): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as { readonly [k: string]: PlainValue })) if (k !== "resources") out.set(k, canonical(v));
  return out;
}

const sameSecrets = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  const filled = (r: Readonly<Record<string, string>>) => Object.entries(r).filter(([, v]) => v !== "");
  return canonical(Object.fromEntries(filled(a))) === canonical(Object.fromEntries(filled(b)));
};

/**
 * How the current inputs differ from the run's. `ran` names the resources that ran, with the parent
 * each one read from (from the trace), so a child whose parent changed is reported too.
 */
export function staleness(
  before: RunBasis,
  now: RunBasis,
  ran: readonly { readonly name: string; readonly parent: string | null }[],
): Staleness {
  const global: string[] = [];
  if (before.target !== now.target) global.push(`the target is now ${now.target === "live" ? "Live" : "Mock"}`);
  if (before.maxPages.trim() !== now.maxPages.trim()) global.push("the page limit changed");
  if (!sameSecrets(before.secrets, now.secrets)) global.push("secret values changed");
  if (now.value === null && before.value !== null) global.push("the config cannot be read now");
  else {
    const a = shared(before.value);
    const b = shared(now.value);
    const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
    if (keys.length > 0) global.push(`${keys.join(", ")} changed`);
  }

  const old = new Map(entries(before.value).map((e) => [e.name, e]));
  const current = entries(now.value);
  const currentNames = new Set(current.map((e) => e.name));
  const added = current.filter((e) => !old.has(e.name));
  const resources = new Map<string, ResourceChange>();
  if (now.value !== null) {
    for (const { name } of ran) {
      const was = old.get(name);
      if (!was) continue;
      if (!currentNames.has(name)) {
        // Renamed: a new name with the same entry, else a new name at the same place in the list.
        const to = added.find((e) => e.body === was.body) ?? added.find((e) => e.index === was.index);
        resources.set(name, to ? { kind: "renamed", to: to.name } : { kind: "removed" });
      } else if (current.find((e) => e.name === name)?.body !== was.body)
        resources.set(name, { kind: "changed", why: "its entry changed" });
    }
  }
  // A child reads its parent's records: a changed parent makes the child's results stale too.
  let grew = true;
  while (grew) {
    grew = false;
    for (const { name, parent } of ran) {
      if (resources.has(name) || parent === null || !resources.has(parent)) continue;
      resources.set(name, { kind: "changed", why: `its parent ${parent} changed` });
      grew = true;
    }
  }
  return { global, resources };
}

/** Whether anything on screen is stale. */
export const isStale = (s: Staleness | null): s is Staleness => s !== null && (s.global.length > 0 || s.resources.size > 0);

/** One resource's label ("changed since the run", "renamed to `x`", "removed from the config"), or null. */
export function changeLabel(s: Staleness | null, resource: string): string | null {
  if (!s) return null;
  const c = s.resources.get(resource);
  if (c?.kind === "renamed") return `renamed to ${c.to} since the run`;
  if (c?.kind === "removed") return "removed from the config since the run";
  if (c?.kind === "changed") return `changed since the run (${c.why})`;
  return s.global.length > 0 ? "stale: the run's inputs changed" : null;
}
