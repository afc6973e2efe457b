/**
 * The order dlt extracts in (dlt/extract/pipe_iterator.py, `PipeIterator` in its default
 * `round_robin` mode): every resource's generator is a source, one page per turn; a parent's page is
 * forked to its children, each of which becomes a source of its own (one request per turn), so
 * children's requests interleave with their parent's pages and top-level resources take turns. The
 * order decides which requests are made when and the order of a child table's rows — and with it
 * the column order dlt stores.
 */
/** dlt's `max_parallel_items`: with this many sources added to the initial ones, the newest goes first. */
const MAX_PARALLEL_ITEMS = 20;

/**
 * The order dlt's `rest_api_source` lists its resources in (dlt/sources/rest_api: `graphlib`'s
 * `TopologicalSorter.static_order()` over the config): nodes in the order they are first named (a
 * resource, then its parent), every resource without a parent first, then each one as its parent is
 * done — level by level, not parents-just-before-children.
 */
export function staticOrder(resources: readonly { readonly name: string; readonly parent: string | null }[]): string[] {
  const nodes = new Map<string, { waiting: number; successors: string[] }>();
  const node = (name: string) => {
    let n = nodes.get(name);
    if (!n) nodes.set(name, (n = { waiting: 0, successors: [] }));
    return n;
  };
  for (const r of resources) {
    const n = node(r.name);
    if (r.parent === null) continue;
    n.waiting += 1;
    node(r.parent).successors.push(r.name);
  }
  const order: string[] = [];
  let ready = [...nodes].filter(([, n]) => n.waiting === 0).map(([name]) => name);
  while (ready.length) {
    order.push(...ready);
    const next: string[] = [];
    for (const name of ready)
      for (const s of nodes.get(name)!.successors) {
        const n = nodes.get(s)!;
        if (--n.waiting === 0) next.push(s);
      }
    ready = next;
  }
  return order;
}

/** A fork's target: a child resource, or `null` for the parent itself (its records go to its table). */
export type ForkTarget = string | null;

export interface PipeTopology {
  /** The initial sources, in dlt's list order (the first resource in the config is the last). */
  readonly heads: readonly string[];
  /** Where each parent's pages go, in order. */
  readonly forks: ReadonlyMap<string, readonly ForkTarget[]>;
}

/**
 * dlt's `PipeIterator.from_pipes`: the selected resources (`pipes`, in the source's order) walked in
 * reverse; a child forks its parent's pipe to itself, then the parent to itself when the parent is
 * selected, then the walk goes on to the parent; a resource without a parent is a head, once.
 */
export function pipeTopology(pipes: readonly string[], parentOf: (name: string) => string | null): PipeTopology {
  const selected = new Set(pipes);
  const heads: string[] = [];
  const forks = new Map<string, ForkTarget[]>();
  const fork = (parent: string, target: ForkTarget) => {
    let list = forks.get(parent);
    if (!list) forks.set(parent, (list = []));
    if (!list.includes(target)) list.push(target);
  };
  const walk = (name: string) => {
    const parent = parentOf(name);
    if (parent !== null) {
      fork(parent, name);
      if (selected.has(parent)) fork(parent, null);
      walk(parent);
    } else if (!heads.includes(name)) heads.push(name);
  };
  for (const name of [...pipes].reverse()) walk(name);
  return { heads, forks };
}

/** What one turn of a source gave: the source is exhausted, or it gave an item (and maybe a new source). */
export type Turn = { readonly done: true } | { readonly done: false; readonly spawn: Source | null };

export interface Source {
  /** `parallelized` work against a live API: its turns run in the background (dlt's futures pool; the run's pool bounds them). */
  readonly concurrent: boolean;
  /** One `next()` of dlt's generator. Never rejects: failures are the source's resource's business. */
  turn(): Promise<Turn>;
}

/**
 * dlt's `_get_source_item` loop: the index walks backwards over the sources, an exhausted source is
 * removed where it stood, and new sources are appended; once `MAX_PARALLEL_ITEMS` sources were added
 * to the initial ones, the newest is taken first. A concurrent source's turn is started and the walk
 * goes on (its work waits for the run's pool of workers); a source whose turn is under way is passed over.
 */
export async function roundRobin(initial: readonly Source[]): Promise<void> {
  const sources = [...initial];
  let base = sources.length;
  let index = 0;
  const busy = new Set<Source>();
  const settled: { source: Source; turn: Turn }[] = [];
  /** A turn that rejected (a defect): rethrown by the loop. */
  const failures: unknown[] = [];
  let wake: (() => void) | null = null;
  const apply = (source: Source, turn: Turn) => {
    if (turn.done) {
      const at = sources.indexOf(source);
      sources.splice(at, 1);
      if (at < base) base--;
      // dlt pops the current source and steps back from where it stood; a background turn that ended
      // elsewhere keeps the index on the source it was on.
      if (at < index) index--;
    } else if (turn.spawn) sources.push(turn.spawn);
  };
  const pickable = (s: Source) => !busy.has(s);
  for (;;) {
    if (failures.length) throw failures[0];
    for (let s = settled.shift(); s; s = settled.shift()) apply(s.source, s.turn);
    const n = sources.length;
    if (n === 0 && busy.size === 0) return;
    let pick = -1;
    if (n > 0) {
      index = n - base >= MAX_PARALLEL_ITEMS ? n - 1 : (((index - 1) % n) + n) % n;
      for (let tried = 0, i = index; tried < n; tried++, i = (i - 1 + n) % n) {
        if (pickable(sources[i]!)) {
          pick = i;
          break;
        }
      }
    }
    if (pick < 0) {
      // Every source's turn is under way: wait for one to end.
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    index = pick;
    const source = sources[pick]!;
    if (!source.concurrent) {
      apply(source, await source.turn());
      continue;
    }
    busy.add(source);
    source.turn().then(
      (turn) => {
        busy.delete(source);
        settled.push({ source, turn });
        wake?.();
      },
      (error: unknown) => {
        busy.delete(source);
        failures.push(error);
        wake?.();
      },
    );
  }
}
