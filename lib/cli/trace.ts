/** The live run trace for the terminal: requests, pages, retries, paginator decisions, warnings. */
import { isNoteCode, type EngineEvent } from "../engine";
import type { RunSummary } from "../run";
import type { PreviewTable } from "../preview";
import { cells, pad, type Style } from "./io";

type Request = Extract<EngineEvent, { type: "request" }>;
type PageEvent = Extract<EngineEvent, { type: "page" }>;

export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Events whose lines belong under their resource's header. */
const PRINTED_UNDER: ReadonlySet<EngineEvent["type"]> = new Set([
  "auth",
  "response",
  "page",
  "paginator",
  "retry",
  "warning",
  "limit",
  "error",
  "resource_done",
] as const);

/** Prints events as they arrive. A request is printed with its outcome (status and time). */
export class TracePrinter {
  private readonly pending = new Map<string, Request>();
  /** Pages whose records a `yield_map` is still giving, by request, with the count so far. */
  private readonly underWay = new Map<number, { readonly e: PageEvent; count: number }>();
  /** The resource the last lines were about: resources take turns (dlt's round robin), so lines say when it changes. */
  private current: string | null = null;

  constructor(
    private readonly write: (line: string) => void,
    private readonly style: Style,
  ) {}

  /** One trace line; a message's own further lines (an error's `Response: …`) indented under it. */
  private line(s: string): void {
    this.write(`${s.replace(/\n/g, "\n      ")}\n`);
  }

  private requestLine(r: Request, outcome: string): void {
    const attempt = r.attempt > 1 ? this.style.dim(` (attempt ${r.attempt})`) : "";
    const hop = r.redirect !== undefined ? this.style.dim(`↪ redirect ${r.redirect}: `) : "";
    this.line(`  ${hop}${this.style.bold(r.method)} ${r.url}  ${outcome}${attempt}`);
  }

  /** A request whose attempt ended without a response (network error, timeout, cancel). */
  private flush(resource: string | undefined, reason: string): void {
    for (const [key, r] of this.pending) {
      if (resource !== undefined && r.resource !== resource) continue;
      this.requestLine(r, this.style.red(reason));
      this.pending.delete(key);
    }
  }

  /** Lines under `resource` follow: its header again when the last lines were another's. */
  private under(resource: string): void {
    if (resource === this.current) return;
    this.current = resource;
    this.line("");
    this.line(`${this.style.bold(resource)} ${this.style.dim("(continued)")}`);
  }

  private pageLine(e: PageEvent, count: number): void {
    const s = this.style;
    const selector = e.selector_source === "configured" ? "" : s.dim(` (selector ${e.selector}, ${e.selector_source.replace("_", " ")})`);
    this.line(`  ${s.cyan(`page ${e.page}`)}: ${count} record${count === 1 ? "" : "s"}${selector}`);
  }

  /**
   * A page whose `yield_map` gives its records at later turns (`later`): its line waits for the last of them (`settled`),
   * or for the resource's end, and counts them.
   */
  private page(e: PageEvent): void {
    if (e.later) {
      this.underWay.set(e.request_id, { e, count: e.count });
      return;
    }
    const w = e.continued ? this.underWay.get(e.request_id) : undefined;
    if (w) w.count += e.count;
    if (e.continued && !(w && e.settled)) return;
    this.under(e.resource);
    if (w) this.underWay.delete(e.request_id);
    this.pageLine(w?.e ?? e, w?.count ?? e.count);
  }

  event(e: EngineEvent): void {
    const s = this.style;
    if (e.type === "page") return this.page(e);
    if (PRINTED_UNDER.has(e.type) && "resource" in e && e.resource !== undefined) this.under(e.resource);
    switch (e.type) {
      case "run_start":
        this.line(s.dim(`resources: ${e.resources.join(", ") || "(none)"}`));
        break;
      case "resource_start": {
        const key = e.primary_key?.length ? e.primary_key.join(", ") : "none";
        this.line("");
        this.line(`${s.bold(e.resource)}${e.parent ? s.dim(` (child of ${e.parent})`) : ""}`);
        this.current = e.resource;
        const parallel =
          e.parallelized === "concurrent"
            ? " · parallelized (concurrent)"
            : e.parallelized === "in_order"
              ? " · parallelized (in order against the mock)"
              : "";
        this.line(
          s.dim(
            `  paginator ${e.paginator} · data_selector ${e.data_selector ?? "(detected)"} · primary_key ${key} · ${e.write_disposition}${e.merge_strategy !== null ? ` (${e.merge_strategy})` : ""}${parallel}`,
          ),
        );
        break;
      }
      case "auth":
        this.line(`  ${s.cyan("auth")} ${e.step.replace("_", " ")}: ${e.detail}`);
        break;
      case "request":
        this.pending.set(`${e.request_id}:${e.attempt}`, e);
        break;
      case "response": {
        const key = `${e.request_id}:${e.attempt}`;
        const r = this.pending.get(key);
        this.pending.delete(key);
        const status = e.status < 300 ? s.green(String(e.status)) : e.status < 400 ? s.yellow(String(e.status)) : s.red(String(e.status));
        const outcome = `${status}  ${e.duration_ms} ms  ${s.dim(formatSize(e.size))}`;
        if (r) this.requestLine(r, outcome);
        else this.line(`  response ${outcome}`);
        break;
      }
      case "paginator":
        this.line(s.dim(`  paginator: ${e.decision} — ${e.reason}`));
        break;
      case "retry":
        if (e.status === null) this.flush(e.resource, e.reason);
        this.line(
          `  ${s.yellow("retry")} ${e.attempt}: ${e.reason} — waiting ${formatWait(e.wait_ms)}${e.virtual ? " (virtual)" : ""}, ${e.wait_source === "retry-after" ? "from Retry-After" : "backoff"}`,
        );
        break;
      case "warning":
        this.line(`  ${isNoteCode(e.code) ? s.cyan("note") : s.yellow("warning")} ${s.dim(e.code)}: ${e.message}`);
        break;
      case "limit":
        this.line(`  ${s.yellow("limit")} ${s.dim(e.limit)}: ${e.message}`);
        break;
      case "error":
        this.flush(e.resource, e.error.code);
        this.line(`  ${s.red("error")} ${s.dim(e.error.code)}: ${e.error.message}`);
        if (e.error.code === "missing_secret")
          this.line(s.dim("  give the run its value: --secret NAME=VALUE, or the environment variable"));
        break;
      case "resource_done":
        // Pages whose yield_map stopped before its last record (the resource closed, or a limit): what they gave.
        for (const [id, w] of this.underWay)
          if (w.e.resource === e.resource) {
            this.underWay.delete(id);
            this.pageLine(w.e, w.count);
          }
        this.line(
          s.dim(
            `  ${e.ok ? "done" : "failed"}: ${count(e.stats.pages, "page")}, ${count(e.stats.records_fetched, "record")}, ${count(e.stats.requests, "request")}, ${count(e.stats.retries, "retry", "retries")}`,
          ),
        );
        break;
      case "done":
        this.flush(undefined, "no response");
        break;
    }
  }
}

/** The closing table: one row per resource, then its warnings and the errors (`shown`: a resource name as printed, masked). */
export function formatRunSummary(
  summary: RunSummary,
  tables: readonly PreviewTable[],
  style: Style,
  shown = (name: string) => name,
): string {
  const byName = new Map(tables.map((t) => [t.resource, t]));
  // A resource cut short by a cancel (Ctrl-C) shows as such; one an error or a failing limit ended, as failed.
  const cancelled = summary.errors.some((e) => e.code === "cancelled");
  const cutShort = (name: string) =>
    summary.errors.every((e) => e.resource !== name || e.code === "cancelled") &&
    summary.limits.every((l) => l.resource !== name || !l.failed);
  const result = (r: RunSummary["resources"][number]) =>
    r.status === "ok" ? "ok" : r.status !== "failed" || (cancelled && cutShort(r.name)) ? "cancelled" : "failed";
  const head = ["resource", "fetched", "merged", "duplicates", "pages", "retries", "result"];
  const rows = summary.resources.map((r) => [
    shown(r.name), // masked before the columns are measured
    String(r.stats.records_fetched),
    String(r.stats.records_merged),
    String(byName.get(r.name)?.stats.duplicates_collapsed ?? 0),
    String(r.stats.pages),
    String(r.stats.retries),
    result(r),
  ]);
  const widths = head.map((h, i) => Math.max(cells(h), ...rows.map((r) => cells(r[i] ?? ""))));
  const cell = (v: string, i: number) => pad(v, widths[i] ?? 0, i !== 0 && i !== head.length - 1);
  const out = ["", style.bold(head.map(cell).join("  ").trimEnd())];
  for (const r of rows) {
    const text = r.map(cell).join("  ").trimEnd();
    out.push(r[r.length - 1] === "ok" ? text : style.red(text));
  }
  // A warning that names its table already (`contacts: …`) is not named again when the table is the resource's.
  for (const r of summary.resources) {
    const named = (w: string) => (w.startsWith(`${r.name}: `) ? w : `${r.name}: ${w}`);
    for (const w of r.warnings) out.push(`${style.yellow("⚠")} ${named(w)}`);
    for (const n of r.notes) out.push(`${style.cyan("ℹ")} ${named(n)}`);
  }
  for (const l of summary.limits.filter((x) => x.failed))
    out.push(`${style.red("✖")} ${l.resource} ${style.dim(`[${l.limit}]`)}: ${l.message}`);
  for (const e of summary.errors)
    out.push(`${style.red("✖")} ${e.resource ?? "run"} ${style.dim(`[${e.code}]`)}: ${e.message.replace(/\n/g, "\n  ")}`);
  const n = summary.resources.length;
  const resources = `${n} resource${n === 1 ? "" : "s"}`;
  const bad = summary.resources.filter((r) => r.status !== "ok").length;
  if (summary.ok) out.push(style.green(`✔ ${resources} ran`));
  else if (cancelled) out.push(style.red("✖ the run was cancelled: nothing was loaded"));
  else if (summary.refusal !== null)
    // Every resource ran, and dlt's load fails on the data (the warning above says where).
    out.push(style.red(`✖ ${resources} ran, but dlt fails the load on ${summary.refusal} (above): nothing was loaded`));
  else if (summary.errors.length === 0 && summary.limits.every((l) => !l.failed))
    out.push(style.red("✖ the run was cancelled: nothing was loaded"));
  else out.push(style.red(bad ? `✖ ${bad} of ${resources} failed: nothing was loaded` : "✖ the run failed: nothing was loaded"));
  return out.join("\n") + "\n";
}
