/**
 * What `resource_defaults` adds to every resource, worked out once. dlt merges the defaults into each
 * resource (`{**defaults, **resource}`; `params` and `json` one level deep); a resource's cost here is
 * its own size, never the defaults' size times the number of resources (issue #13: that product took
 * minutes). Values are stripped of Python once, and the defaults' placeholders scanned once.
 */
import type { ConfigValue } from "../resolved";
import type { Path } from "../located";
import type { RuleContext } from "../rules/context";
import { scanValue, type Parents, type Scope } from "../rules/placeholders";
import { checkParam } from "./params";
import { setOwn } from "../../shared";
import { checkIncrementalBlock } from "./incremental";
import { child, isObj, strip, type Obj, type Stripped } from "./values";

/** Typed params of the defaults looked at per resource: a real config has one or two. */
const DEFAULT_TYPED_PARAMS = 32;

export const DEF_AT: Path = ["resource_defaults", "endpoint"];
export const BODY_KEYS = ["params", "json", "data", "headers"] as const;
export type BodyKey = (typeof BODY_KEYS)[number];

export interface TypedParam {
  readonly key: string;
  readonly value: Obj;
  readonly at: Path;
  /** Position in the merged params (a resource's own key that overrides a default keeps its place). */
  readonly order: number;
}

export const typedKind = (v: unknown): "resolve" | "incremental" | null =>
  isObj(v) && (v.type === "resolve" || v.type === "incremental") ? v.type : null;

export class DefaultsPlan {
  /** `resource_defaults` (resource-level keys). */
  readonly resource: Obj | null;
  /** `resource_defaults.endpoint`. */
  readonly endpoint: Obj | null;
  private readonly params: Obj;
  private readonly order = new Map<string, number>();
  readonly typed: readonly TypedParam[];
  private readonly scanned = new Map<string, Parents>();
  private readonly stripped = new Map<string, Stripped>();
  private plain: { value: Record<string, ConfigValue>; python: Map<string, readonly string[]> } | null = null;

  constructor(
    private readonly ctx: RuleContext,
    defaults: unknown,
  ) {
    this.resource = isObj(defaults) ? defaults : null;
    this.endpoint = this.resource && isObj(this.resource.endpoint) ? this.resource.endpoint : null;
    this.params = isObj(this.endpoint?.params) ? this.endpoint.params : {};
    const typed: TypedParam[] = [];
    let i = 0;
    for (const [key, value] of Object.entries(this.params)) {
      this.order.set(key, i++);
      const at = [...DEF_AT, "params", key];
      if (!ctx.full) checkParam(ctx, key, value, at);
      if (typedKind(value) && isObj(value) && typed.length < DEFAULT_TYPED_PARAMS) typed.push({ key, value, at, order: i - 1 });
    }
    this.typed = typed;
    if (this.endpoint && isObj(this.endpoint.incremental))
      checkIncrementalBlock(ctx, this.endpoint.incremental, [...DEF_AT, "incremental"]);
  }

  get size(): number {
    return this.order.size;
  }
  orderOf(key: string): number | undefined {
    return this.order.get(key);
  }
  param(key: string): { value: unknown; at: Path } | undefined {
    return Object.hasOwn(this.params, key) ? { value: this.params[key], at: [...DEF_AT, "params", key] } : undefined;
  }

  /** The parents in the defaults' `key` (findings reported the first time only: they are the same for every resource). */
  parents(key: BodyKey, hasIncremental: boolean): Parents {
    const id = `${key}:${hasIncremental}`;
    let found = this.scanned.get(id);
    if (!found) {
      found = new Map();
      const scope: Scope = { ctx: this.ctx, hasIncremental, parents: found };
      if (this.endpoint && key in this.endpoint) scanValue(scope, dropTyped(this.endpoint[key], key), [...DEF_AT, key], key);
      this.scanned.set(id, found);
    }
    return found;
  }

  /** `resource_defaults.endpoint[key]` without Python (paths as the merged endpoint's: `endpoint.<key>…`). */
  endpointValue(key: string): Stripped {
    return this.cached(`endpoint:${key}`, () => strip(this.endpoint?.[key], `endpoint.${key}`));
  }

  /** `resource_defaults[key]` without Python. */
  resourceValue(key: string): Stripped {
    return this.cached(`resource:${key}`, () => strip(this.resource?.[key], key));
  }

  /** The defaults' plain params (typed ones left out, Python left out), and the Python paths per key (typed params' too). */
  plainParams(): { value: Record<string, ConfigValue>; python: Map<string, readonly string[]> } {
    if (!this.plain) {
      const value: Record<string, ConfigValue> = {};
      const python = new Map<string, readonly string[]>();
      for (const key of Object.keys(this.params)) {
        const s = strip(this.params[key], child("endpoint.params", key));
        if (s.python.length > 0) python.set(key, s.python);
        if (s.value !== undefined && !typedKind(this.params[key])) setOwn(value, key, s.value);
      }
      this.plain = { value, python };
    }
    return this.plain;
  }

  private cached(id: string, make: () => Stripped): Stripped {
    let s = this.stripped.get(id);
    if (!s) this.stripped.set(id, (s = make()));
    return s;
  }
}

/** Typed params are not format strings (their `field` is a JSONPath). */
export const dropTyped = (v: unknown, key: string) =>
  key === "params" && isObj(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => !typedKind(x))) : v;

/** The typed params of the merged endpoint, in dlt's merge order (`own` null: the resource's `params: null` drops the defaults'). */
export function mergedTyped(plan: DefaultsPlan, own: Obj | null, ownAt: Path, dropDefaults: boolean): TypedParam[] {
  const out = dropDefaults ? [] : plan.typed.filter((t) => !own || !Object.hasOwn(own, t.key));
  if (own) {
    let extra = plan.size;
    for (const [key, value] of Object.entries(own)) {
      const order = plan.orderOf(key) ?? extra++;
      if (typedKind(value) && isObj(value)) out.push({ key, value, at: [...ownAt, "params", key], order });
    }
  }
  return out.sort((a, b) => a.order - b.order);
}
