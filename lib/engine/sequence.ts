/**
 * One request sequence (dlt's paging loop, §7.3): the first request, then a page per paginator
 * decision until it says stop, a limit cuts it, or the same page is asked for twice. Paginator state
 * is a value owned by this loop; data selection is compiled once per resource.
 */
import { EngineError, type DataRecord, type Json, type ResourceStats } from "./types";
import { LimitReached, type RunContext } from "./context";
import { send } from "./http";
import { fullUrl, type RequestSpec } from "./request";
import { trustedOrigins } from "./credentials";
import { applySelector, detectedKeys, detectSelector } from "./select";
import { jsonPathOf, shownPath } from "../shared/jsonpath-ng";
import { compilePath, type CompiledPath } from "./jsonpath";
import { cancelledError } from "./attempt";
import { maskedRecord, pageKeyOrder, pageNumberText, wrapNumberText, type NumberTexts } from "./number-text";
import type { AuthRuntime } from "./auth";
import type { PreparedResource } from "./prepare";
import { defect } from "./defect";
import { depthAtLeast, ORJSON_DEPTH, PYTHON_JSON_DEPTH } from "../shared";

/** Per-resource state shared by its sequences (one per parent record for children). */
export interface ResourceRun {
  readonly r: PreparedResource;
  readonly stats: ResourceStats;
  readonly auth: AuthRuntime | undefined;
  /** Compiled selectors by path (the configured one, and the ones detection picked). */
  readonly selectors: Map<string, CompiledPath>;
  /** Set once a `max_pages` limit event was emitted (children would repeat it per parent). */
  pagesLimitReported: boolean;
  secretWarned: boolean;
}

/** A page the sequence yields: its records, and whether the sequence ends after it (the paginator stopped). */
export interface SequencePage {
  readonly records: DataRecord[];
  readonly last: boolean;
}

export interface SequenceHooks {
  /** Records after selection → records to emit (incremental filter, include_from_parent). */
  /** A promise only when processing steps ran (they may breathe): a page without them costs no await. */
  /** `more`: another page of this sequence follows (the steps keep a page's `yield_map`s going into it). */
  /** `later` (with `hooks.later`): emits records the page's steps give at later turns (a `yield_map`'s items). */
  readonly transform: (records: DataRecord[], more: boolean, later?: Later) => DataRecord[] | Promise<DataRecord[]>;
  /** For children: the parent record's interpolated values. */
  readonly parent?: Record<string, Json>;
  /** For children: the parent's values or included columns hold a secret, so every page's records are shown masked. */
  readonly parentSecret?: boolean;
  /** After a page is emitted: a reason to stop paging now (incremental `row_order`), or null. */
  readonly stopAfterPage?: () => string | null;
  /** The steps hold a `yield_map` (its items go on into the next page): `transform` is told whether a page follows. */
  readonly lookAhead?: boolean;
  /** The steps' `yield_map`s are sources of the round robin (a child's): `transform` is given `later`. */
  readonly later?: boolean;
}

/**
 * A page's records its steps give after the page, at turns of its `yield_map`s' generators (sources of the round robin):
 * the page's event says so (`later`), each `give` comes as a `page` event marked `continued` under the page's request,
 * and once nothing more can come one marked `settled` follows.
 */
export interface Later {
  /** Emits them, counting them as the page's; `capped`: `max_records` was reached (`maxRecordsReached`). */
  give(records: DataRecord[]): { readonly kept: DataRecord[]; readonly capped: boolean };
  /** One more source of the page's records (a generator, or records waiting for their fork's turn). */
  open(): void;
  /** One of them ended: after the last, the `settled` event. */
  close(): void;
}

/** The playground's `max_records` limit, reached. */
export const maxRecordsReached = (ctx: RunContext) =>
  new LimitReached("max_records", `stopped: ${ctx.limits.maxRecords} records reached (playground limit max_records); the API has more`);

/** Records that were a bare value in the response (`{value: …}` here, as dlt's normaliser loads them): no parent of a child in dlt. */
export const wrappedValues = new WeakMap<DataRecord, Json>();
export function asRecord(v: Json): DataRecord {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return v;
  const record = { value: v };
  wrappedValues.set(record, v);
  return record;
}
/**
 * Whether a record of a page nests `ORJSON_DEPTH - 1` levels deep or more (in the page's list: orjson's
 * limit). Such a record holds that many of the page's `openers` brackets, and — when the selector's
 * matches cannot overlap or repeat (`disjoint`) — every other container record one more at least, so a
 * page with fewer brackets (the common page) is not walked.
 */
function tooDeepForOrjson(openers: number, records: readonly Json[], disjoint: boolean): boolean {
  const deep = ORJSON_DEPTH - 1;
  if (openers < deep) return false;
  let containers = 0;
  if (disjoint) for (const x of records) if (typeof x === "object" && x !== null) containers++;
  // `openers` stops counting at PYTHON_JSON_DEPTH: a page with as many may hold more.
  const enough = openers >= PYTHON_JSON_DEPTH || openers >= deep + containers - 1;
  return enough && records.some((x) => depthAtLeast(x, deep));
}

/**
 * A selector of names, `*` and single indexes only (`data`, `$.results[*]`, `items[0].rows`): its matches
 * are disjoint parts of the body. `..`, unions, filters and `parent` may match one value twice or one inside another.
 */
// A name is taken whole (`(?![\w-])`): with the dot optional, `aaaa…` could otherwise be split into names every possible
// way, and a long name before something else (`..`, `@`) backtracked exponentially.
const DISJOINT = /^\$?(?:\.?(?:[A-Za-z_][\w-]*(?![\w-])|\*)|\[(?:\*|\d+|'[^'\\]*'|"[^"\\]*")\])*$/;

/** Stops that the data explains: no "full page, then stopped" warning for these. */
const EXPLAINED = new Set(["empty_page", "total", "has_more"]);
/** Characters of a response value quoted in a paginator message. */
const SNIPPET = 200;

function selectorFor(run: ResourceRun, path: string): CompiledPath {
  let compiled = run.selectors.get(path);
  if (!compiled) run.selectors.set(path, (compiled = compilePath(path)));
  return compiled;
}

/** A detected selector: dlt joins the list's keys with dots and reads that as a JSONPath, which can fail. */
function detectedSelector(run: ResourceRun, path: string, body: Json | undefined, texts: NumberTexts): CompiledPath {
  try {
    return selectorFor(run, path);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const quoted = jsonPathOf(detectedKeys(body, texts) ?? []);
    const fix = `set \`data_selector\` to \`${shownPath(quoted)}\`, which quotes the names`;
    throw new EngineError(e.code, `${e.message} dlt detected this selector from the first response (no \`data_selector\`): ${fix}.`);
  }
}

/**
 * Yields each emitted page's records once the paginator has decided on the page (dlt's
 * `RESTClient.paginate` yields after `update_state`), so the round robin (./round-robin.ts) takes one
 * page per turn and the records feed the children; `last` when nothing follows it.
 */
export async function* runSequence(
  ctx: RunContext,
  run: ResourceRun,
  first: RequestSpec,
  hooks: SequenceHooks,
): AsyncGenerator<SequencePage, void, void> {
  const { r, stats } = run;
  const impl = r.paginator;
  /** The paginator's last decision on a sequence that ends here (its reason masked: it may quote a response). */
  const stop = (page: number, paginator: string, reason: string) =>
    ctx.emit({
      type: "paginator",
      resource: r.name,
      page,
      paginator: ctx.masker.text(paginator),
      decision: "stop",
      reason: ctx.masker.text(reason),
    });
  if (!impl) throw defect("a resource without a paginator and without a problem", r.name);
  /** Whether a response of the sequence held a secret (the records a yield_map still had may come from it). */
  let secretBefore = false;
  /** The `page` event of a page's records. Only what is shown is masked: children and the incremental read the values the API sent. */
  /** `part`: a page whose steps give records later, or some of them (`continued`), or the end of them (`settled`). */
  const emitPage = (page: number, requestId: number, records: DataRecord[], secret: boolean, part?: "later" | "continued" | "settled") => {
    const mask = secret || hooks.parentSecret === true;
    const shown = mask ? records.map((x) => maskedRecord(ctx.numberText, ctx.masker, x)) : records;
    const numberText = pageNumberText(ctx.numberText, shown);
    const keyOrder = pageKeyOrder(ctx.numberText, shown);
    ctx.emit({
      type: "page",
      resource: r.name,
      page,
      request_id: requestId,
      records: shown,
      count: shown.length,
      selector: selector?.path ?? "",
      selector_source: selector?.source ?? "configured",
      ...(hooks.parent ? { parent: mask ? (ctx.masker.record(hooks.parent, undefined).value as Record<string, Json>) : hooks.parent } : {}),
      ...(numberText ? { number_text: numberText } : {}),
      ...(keyOrder ? { key_order: keyOrder } : {}),
      ...(part === "later" ? { later: true as const } : part ? { continued: true as const } : {}),
      ...(part === "settled" ? { settled: true as const } : {}),
    });
  };
  let state = impl.init(first);
  const seen = new Set<string>([fullUrl(first)]);
  // Credentials belong to base_url's origin and to the configured URL's (decision 0014).
  const trust = trustedOrigins([r.baseUrl, fullUrl(first)]);
  // `disjoint`: whether its matches cannot overlap or repeat (`DISJOINT`), for the orjson-depth gate.
  let selector: {
    path: string;
    compiled: CompiledPath;
    source: "configured" | "detected" | "single_entity";
    disjoint: boolean;
  } | null =
    r.data_selector !== null
      ? {
          path: r.data_selector,
          compiled: selectorFor(run, r.data_selector),
          source: r.selector_source,
          disjoint: DISJOINT.test(r.data_selector),
        }
      : null;
  for (let page = 1; ; page++) {
    if (ctx.signal.aborted) throw cancelledError(r.name);
    // A `yield_map`'s item (a source of the round robin, `later`) met by a `row_order` incremental past its end closed the
    // resource after the paginator chose this page: dlt's iterator drops the closed page generator at its next turn.
    const closed = page > 1 && hooks.later ? (hooks.stopAfterPage?.() ?? null) : null;
    if (closed !== null) {
      stop(page - 1, impl.label(state), `stopped: ${closed} (dlt closes the resource)`);
      return;
    }
    if (ctx.deps.now() - ctx.startedAt > ctx.limits.maxDurationMs) {
      throw new LimitReached("max_duration", `stopped: the run took longer than ${ctx.limits.maxDurationMs / 1000} s (playground limit)`);
    }
    const request = impl.apply(first, state);
    const auth = run.auth ? { auth: run.auth } : {};
    const sent = await send(ctx, request, { resource: r.name, page, policy: r.retry, ...auth, actions: r.actions, trust });
    if (sent.kind === "ignored") {
      stop(page, impl.label(state), `stopped: ${sent.reason} (status ${sent.status}); nothing from this response is kept`);
      // The items a `yield_map` of the pages before still had (the look ahead said this page would follow): dlt's
      // iterator reads them to their end once the page generator ended. They come as this request's page.
      if (hooks.lookAhead) {
        const left = hooks.transform([], false);
        const records = left instanceof Promise ? await left : left;
        if (records.length > 0) {
          stats.pages += 1;
          stats.records_fetched += records.length;
          emitPage(page, sent.requestId, records, secretBefore);
          await ctx.drained();
          yield { records, last: true };
        }
      }
      return;
    }
    if (!selector) {
      const path = detectSelector(sent.body, ctx.numberText);
      selector = {
        path,
        compiled: detectedSelector(run, path, sent.body, ctx.numberText),
        source: "detected",
        disjoint: DISJOINT.test(path),
      };
    }
    const selection = applySelector(selector.compiled, sent.body, ctx.numberText);
    // dlt's extract writes the page's records as one list with orjson, which stops at 255 levels.
    if (tooDeepForOrjson(sent.openers, selection.records, selector.disjoint))
      throw new EngineError(
        "invalid_json",
        `A record of page ${page} nests arrays and objects ${ORJSON_DEPTH - 1} levels deep or more: dlt's extract step writes ` +
          `records with orjson, which stops at ${ORJSON_DEPTH} levels (\`TypeError: Recursion limit reached\`), so it fails on it.`,
        { resource: r.name, url: sent.url },
      );
    if (selection.nullMatch)
      ctx.emit({
        type: "warning",
        resource: r.name,
        code: "selector_null",
        message: `\`${selector.path}\` is null in the response to page ${page}: an empty page (as in dlt).`,
      });
    const raw = selection.records.map(asRecord);
    wrapNumberText(ctx.numberText, selection.records, raw);
    if (sent.secret && !run.secretWarned) {
      run.secretWarned = true;
      ctx.emit({
        type: "warning",
        resource: r.name,
        code: "secret_in_response",
        message:
          `The response to page ${page} contains a secret value; it is masked in the records. ` +
          "(A value that is not secret, such as an account id, belongs in dlt.config, whose values are shown as they are.)",
      });
    }
    // Whether a page follows, as dlt's paginator decides before the page's steps run (`update_state` before the yield): a
    // pure look ahead, the decision itself made below as before. A stop the steps' records decide (`row_order`) is the
    // transform's to see (the resource's incremental, fed as the steps' pipe asks for this next page).
    let more = false;
    if (hooks.lookAhead && page < ctx.limits.maxPages) {
      try {
        const res = { status: sent.status, headers: sent.headers, url: request.url, body: sent.body, texts: ctx.numberText, show: String };
        const peek = impl.update(state, res, selection.records);
        more = peek.decision === "next" && !(peek.loopKey !== undefined && seen.has(peek.loopKey));
      } catch {
        more = false;
      }
    }
    let sources = 0;
    let opened = false;
    const later: Later | undefined = hooks.later
      ? {
          give: (given) => {
            const room = ctx.limits.maxRecords - stats.records_fetched;
            const capped = given.length > room;
            const kept = capped ? given.slice(0, Math.max(0, room)) : given;
            stats.records_fetched += kept.length;
            emitPage(page, sent.requestId, kept, sent.secret, "continued");
            return { kept, capped };
          },
          open: () => {
            sources++;
            opened = true;
          },
          close: () => {
            if (--sources === 0) emitPage(page, sent.requestId, [], sent.secret, "settled");
          },
        }
      : undefined;
    const transformed = hooks.transform(raw, more, later);
    let records = transformed instanceof Promise ? await transformed : transformed;
    const room = ctx.limits.maxRecords - stats.records_fetched;
    const capped = records.length > room;
    if (capped) records = records.slice(0, Math.max(0, room));
    stats.pages += 1;
    stats.records_fetched += records.length;
    emitPage(page, sent.requestId, records, sent.secret, opened ? "later" : undefined);
    secretBefore ||= sent.secret;
    await ctx.drained();
    if (capped) {
      // The capped page still feeds the children (a limit is not a failure of the records).
      yield { records, last: false };
      throw maxRecordsReached(ctx);
    }
    const early = hooks.stopAfterPage?.() ?? null;
    if (early !== null) {
      stop(page, impl.label(state), `stopped: ${early} (dlt closes the resource)`);
      yield { records, last: true };
      return;
    }

    let u;
    try {
      const show = (value: Json | undefined) => {
        const cut = ctx.masker.excerpt(JSON.stringify(value) ?? "None", SNIPPET);
        return cut.truncated ? `${cut.text}…` : cut.text;
      };
      const res = { status: sent.status, headers: sent.headers, url: request.url, body: sent.body, texts: ctx.numberText, show };
      u = impl.update(state, res, selection.records);
    } catch (e) {
      if (e instanceof EngineError) throw new EngineError(e.code, e.message, { ...e.details, resource: r.name });
      throw e;
    }
    if (u.decision === "next" && u.loopKey !== undefined) {
      if (seen.has(u.loopKey)) {
        const what = u.loopKey.startsWith("cursor:") ? `cursor ${u.loopKey.slice("cursor:".length)}` : u.loopKey;
        stop(page, impl.label(u.state), `stopped: the paginator asked for the same page again (${what})`);
        ctx.emit({
          type: "warning",
          resource: r.name,
          code: "paginator_loop",
          message: ctx.masker.text(
            `The paginator repeated itself after page ${page} (${what}): paging stopped to avoid an endless loop. Check the paginator's settings against the API.`,
          ),
        });
        yield { records, last: true };
        return;
      }
      seen.add(u.loopKey);
    }
    ctx.emit({
      type: "paginator",
      resource: r.name,
      page,
      // A paginator's settings may hold a secret's value (`"limit": dlt.secrets["page_size"]`): masked as its reason is.
      paginator: ctx.masker.text(impl.label(u.state)),
      decision: u.decision,
      reason: ctx.masker.text(u.reason),
    });
    if (u.decision === "stop") {
      const size = impl.pageSize;
      if (size !== undefined && size > 0 && selection.records.length >= size && !EXPLAINED.has(u.stop)) {
        ctx.emit({
          type: "warning",
          resource: r.name,
          code: "full_page_then_stop",
          message: `Page ${page} was full (${selection.records.length} records, page size ${size}) but paging stopped (${u.reason}): records may be missing.`,
        });
      }
      yield { records, last: true };
      return;
    }
    state = u.state;
    if (page >= ctx.limits.maxPages) {
      if (!run.pagesLimitReported) {
        run.pagesLimitReported = true;
        ctx.emit({
          type: "limit",
          resource: r.name,
          limit: "max_pages",
          message:
            `stopped after ${ctx.limits.maxPages} page${ctx.limits.maxPages === 1 ? "" : "s"} ` +
            `(playground limit max_pages${r.parent ? ", per parent record" : ""}); the paginator had more`,
        });
      }
      yield { records, last: true };
      return;
    }
    yield { records, last: false };
  }
}
