/**
 * Numbers the engine sends as Python holds them. JavaScript reads `1.0` as 1 and an integer beyond
 * 2^53 rounded, where dlt keeps the float (`v=1.0` in the query, `{"ver": 1.0}` in the body) and the exact
 * digits; YAML 1.1 reads `1e3` as text. In what a request carries — `params` (and the path params among
 * them), `json` and `data` — such a number becomes `{"$number": text}` (Python's `str()` / `json.dumps`
 * of it), which the engine sends as it is (lib/shared/py-numbers.ts); YAML's text becomes the text. A
 * paginator's integers beyond 2^53 (`limit`, `maximum_offset`…) become their digits' marker: dlt pages with them.
 * Every other number is sent the same either way and stays a number.
 */
import { findNode, type DocNode, type SourceFormat } from "../../formats";
import type { Locator, Path } from "../located";
import type { AuthTypedConfig } from "../schema";
import type {
  ConfigDict,
  ConfigValue,
  LayeredDict,
  ResolvedAuth,
  ResolvedEndpoint,
  ResolvedIncremental,
  ResolvedPaginator,
  ResolvedResource,
} from "../resolved";
import { setOwn } from "../../shared";
import { asPython } from "../python-numbers";

/** The value of `key` in an object node (formats' indexed lookup: a config may hold thousands of params). */
const entry = (node: DocNode | undefined, key: string): DocNode | undefined =>
  node?.kind === "object" ? findNode(node, [key]) : undefined;

class Marker {
  /** Marked layers by identity: the defaults' layer is one object shared by every resource, and stays one. */
  private readonly done = new Map<object, ConfigValue>();
  private readonly defaults: DocNode | undefined;
  constructor(
    private readonly loc: Locator,
    private readonly format: SourceFormat,
  ) {
    this.defaults = loc.node(["resource_defaults", "endpoint"]);
  }

  /** `value` with its numbers as Python holds them (the same object when none changes). */
  value(value: ConfigValue, node: DocNode | undefined): ConfigValue {
    if (node === undefined) return value;
    if (typeof value === "number" && node.kind === "number") return this.number(value, node);
    if (typeof value !== "object" || value === null) return value;
    const known = this.done.get(value);
    if (known !== undefined) return known;
    let out: ConfigValue = value;
    if (Array.isArray(value)) {
      const items = node.kind === "array" ? node.items : [];
      const marked = value.map((x, i) => this.value(x, items[i]));
      if (marked.some((x, i) => x !== value[i])) out = marked;
    } else {
      let copy: { [key: string]: ConfigValue } | null = null;
      for (const [k, x] of Object.entries(value)) {
        const m = this.value(x, entry(node, k));
        if (m !== x) copy ??= { ...value };
        if (copy) setOwn(copy, k, m);
      }
      if (copy) out = copy;
    }
    this.done.set(value, out);
    return out;
  }

  private number(value: number, node: DocNode): ConfigValue {
    return asPython(this.format, this.loc.doc.text.slice(node.range.start, node.range.end).trim(), value);
  }

  dict(d: ConfigDict | null, node: DocNode | undefined): ConfigDict | null {
    return d === null ? null : (this.value(d as ConfigValue, node) as ConfigDict);
  }

  layers(l: LayeredDict, own: DocNode | undefined, defaults: DocNode | undefined): LayeredDict {
    const marked = { ...l, defaults: this.dict(l.defaults, defaults), own: this.dict(l.own, own) };
    return marked.defaults === l.defaults && marked.own === l.own ? l : marked;
  }

  /** A key of the merged params: the resource's own, else the defaults'. */
  merged(d: ConfigDict, own: DocNode | undefined, defaults: DocNode | undefined): ConfigDict {
    let copy: { [key: string]: ConfigValue } | null = null;
    for (const [k, x] of Object.entries(d)) {
      const m = this.value(x, entry(own, k) ?? entry(defaults, k));
      if (m !== x) copy ??= { ...d };
      if (copy) setOwn(copy, k, m);
    }
    return copy ?? d;
  }

  endpoint(ep: ResolvedEndpoint, at: Path): ResolvedEndpoint {
    const own = this.loc.node([...at, "endpoint"]);
    const defaults = this.defaults;
    const params = this.layers(ep.params, entry(own, "params"), entry(defaults, "params"));
    const json = ep.json === null ? null : this.layers(ep.json, entry(own, "json"), entry(defaults, "json"));
    const path_params = this.merged(ep.path_params, entry(own, "params"), entry(defaults, "params"));
    const data = this.value(ep.data, entry(own, "data") ?? entry(defaults, "data"));
    const incremental = this.incremental(ep.incremental, own);
    const auth = this.auth(ep.auth, own);
    const paginator = this.paginator(ep.paginator, own);
    const same = params === ep.params && json === ep.json && path_params === ep.path_params && data === ep.data;
    if (same && incremental === ep.incremental && auth === ep.auth && paginator === ep.paginator) return ep;
    return { ...ep, params, json, path_params, data, incremental, auth, paginator };
  }

  /** The paginator's node by precedence (endpoint > resource_defaults > client, as resolve/endpoint.ts picks it). */
  private paginator(p: ResolvedPaginator, own: DocNode | undefined): ResolvedPaginator {
    const written = entry(own, "paginator") ?? entry(this.defaults, "paginator");
    const typed = (n: DocNode | undefined) => {
      const type = entry(n, "type");
      return n?.kind === "object" && !(type?.kind === "string" && type.value === "auto");
    };
    const node = typed(written) ? written : this.loc.node(["client", "paginator"]);
    return this.value(p as ConfigValue, node) as ResolvedPaginator;
  }

  /** An OAuth auth's `access_token_request_data`: the token request's form, sent as Python holds it (`v=1.0`). */
  private auth(auth: ResolvedAuth | null, own: DocNode | undefined): ResolvedAuth | null {
    if (auth?.kind !== "config" || !("access_token_request_data" in auth.config)) return auth;
    const data = auth.config.access_token_request_data as ConfigValue | undefined;
    if (data === undefined) return auth;
    const node = auth.where === "client.auth" ? this.loc.node(["client", "auth"]) : (entry(own, "auth") ?? entry(this.defaults, "auth"));
    const marked = this.value(data, entry(node, "access_token_request_data"));
    return marked === data ? auth : { ...auth, config: { ...auth.config, access_token_request_data: marked } as AuthTypedConfig };
  }

  /** An incremental's `initial_value` and `end_value`: compared with the records' cursors and sent as Python holds them. */
  private incremental(inc: ResolvedIncremental | null, own: DocNode | undefined): ResolvedIncremental | null {
    if (inc === null) return inc;
    const param = inc.start_param;
    const inParams = (ep: DocNode | undefined) => (param === undefined ? undefined : entry(entry(ep, "params"), param));
    const node = entry(own, "incremental") ?? inParams(own) ?? entry(this.defaults, "incremental") ?? inParams(this.defaults);
    const initial = inc.initial_value === undefined ? undefined : this.value(inc.initial_value, entry(node, "initial_value"));
    const end = inc.end_value === undefined ? undefined : this.value(inc.end_value, entry(node, "end_value"));
    if (initial === inc.initial_value && end === inc.end_value) return inc;
    return { ...inc, ...(initial !== undefined ? { initial_value: initial } : {}), ...(end !== undefined ? { end_value: end } : {}) };
  }
}

/** The resources with what their requests carry as Python holds it (see above). */
export function withPythonNumbers(resources: ResolvedResource[], loc: Locator): ResolvedResource[] {
  const marker = new Marker(loc, loc.doc.format);
  return resources.map((r) => {
    const endpoint = marker.endpoint(r.endpoint, ["resources", r.index]);
    return endpoint === r.endpoint ? r : { ...r, endpoint };
  });
}
