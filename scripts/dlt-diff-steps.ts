/**
 * The processing-step cases of scripts/dlt-diff.ts (`--steps`): one resource with 1–3 `processing_steps` drawn from
 * what users write (filters on a field, maps that rename, add or drop keys, arithmetic, str methods, f-strings and
 * `str.format`/`%`, comprehensions, `.get` with defaults, conditional expressions, `int()`/`float()`/`str()`/`round()`,
 * nested dicts and lists, `datetime` parsing returning `datetime`/`date` objects, a map returning `None`, a filter that
 * drops everything, `yield_map`s of several records), as lambdas or module-level `def`s, over generated records: a few
 * fields steps read (`id`, `name`, `price`, `qty`, `status`, `created`, `tags`, `meta`) plus the plain mode's drifting
 * keys and values (./dlt-diff-cases.ts). The case is a whole Python file; dlt imports it (./record-steps.py).
 */
import type { Json } from "../lib/engine";
import { KEYS, KINDS, rng, value, type Gen, type Rng } from "./dlt-diff-cases";
import { familyShapeOf, shapeOf } from "./dlt-diff-steps-shapes";

export interface StepsCase {
  /** The Python file both sides read: `config` and `source = rest_api_source(config)`. */
  readonly python: string;
  readonly records: Gen[];
  /** The steps' code, one line each (what a difference prints). */
  readonly summary: string;
  /** The API's answer to a URL (pages, a child's records). */
  serve(url: URL): { body: string; headers: Record<string, string> };
}

type Kind = "filter" | "map" | "yield_map";
/** A step: its code (a lambda, or the name of a `def` in `defs`). */
interface Step {
  readonly kind: Kind;
  readonly code: string;
  readonly defs?: string;
}

const lambda = (kind: Kind, code: string): Step => ({ kind, code });
const def = (kind: Kind, name: string, body: string): Step => ({ kind, code: name, defs: `def ${name}(item):\n${body}\n` });

const FILTERS: Step[] = [
  lambda("filter", 'lambda x: x["id"] % 2 == 0'),
  lambda("filter", 'lambda x: x.get("status") == "active"'),
  lambda("filter", 'lambda x: (x.get("price") or 0) > 50'),
  lambda("filter", "lambda x: False"),
  lambda("filter", 'lambda x: "a" in (x.get("name") or "").lower()'),
  lambda("filter", 'lambda x: x.get("id") not in {2, 3}'),
  lambda("filter", 'lambda x: x.get("status") is not None and x.get("qty", 0) >= 1'),
  def("filter", "keep_tagged", '    tags = item.get("tags") or []\n    return len(tags) > 1'),
  def("filter", "recent", '    c = item.get("created")\n    return isinstance(c, str) and c[:4] >= "2024"'),
];

const MAPS: Step[] = [
  lambda("map", 'lambda x: {**{k: v for k, v in x.items() if k != "name"}, "title": x.get("name")}'),
  def("map", "total", '    item["total"] = round((item.get("price") or 0) * (item.get("qty") or 1), 2)\n    return item'),
  def("map", "drop_keys", '    item.pop("meta", None)\n    item.pop("tags", None)\n    return item'),
  lambda("map", 'lambda x: {**x, "slug": (x.get("name") or "").strip().lower().replace(" ", "-")}'),
  lambda("map", "lambda x: {**x, \"label\": f\"{x['id']:04d}-{x.get('name')!r}\"}"),
  lambda("map", 'lambda x: {**x, "price_text": "{:.2f}".format(x.get("price") or 0), "pct": "%d%%" % x["id"]}'),
  lambda("map", 'lambda x: {**x, "extra": {"pair": [x["id"], x["id"] * 2], "info": {"ok": True, "n": None}}}'),
  lambda("map", 'lambda x: {**x, "size": "big" if (x.get("price") or 0) > 100 else "small"}'),
  lambda("map", 'lambda x: {**x, "id_text": str(x["id"]), "price_int": int(x.get("price") or 0), "ratio": float(x["id"]) / 3}'),
  lambda("map", "lambda x: {k.upper(): v for k, v in x.items() if not isinstance(v, (dict, list))}"),
  lambda("map", 'lambda x: {**x, "tags": [t.upper() for t in x.get("tags", []) if isinstance(t, str)]}'),
  lambda("map", 'lambda x: {"id": x["id"], "owner": (x.get("meta") or {}).get("owner", "nobody"), "n": len(x)}'),
  lambda("map", 'lambda x: {**x, "half": x["id"] / 2, "floor": x["id"] // 2, "sq": x["id"] ** 2, "neg": -x["id"] % 3}'),
  lambda("map", "lambda x: None"),
  def("map", "some_none", '    if item["id"] > 2:\n        return item'),
  lambda("map", 'lambda x: x["id"]'),
  lambda("map", 'lambda x: [x, {"id": x["id"] + 100}]'),
  lambda("map", 'lambda x: (x["id"], "t")'),
  def(
    "map",
    "parse_created",
    '    c = item.get("created")\n    if isinstance(c, str) and len(c) > 10:\n' +
      '        item["created_at"] = datetime.fromisoformat(c.replace("Z", "+00:00"))\n    return item',
  ),
  def(
    "map",
    "day_of",
    '    c = item.get("created")\n    if isinstance(c, str):\n        item["day"] = datetime.strptime(c[:10], "%Y-%m-%d").date()\n' +
      "    return item",
  ),
  lambda("map", 'lambda x: {**x, "due": date(2024, 1, 1 + x["id"] % 28), "at": datetime(2024, 5, 1, 12, x["id"] % 60)}'),
  lambda("map", 'lambda x: {**x, "when": {"d": date(2023, 12, 31), "list": [date(2024, 2, 29)]}}'),
  def(
    "map",
    "shift",
    '    c = item.get("created")\n    if isinstance(c, str) and len(c) == 10:\n' +
      '        item["created"] = date.fromisoformat(c) + timedelta(days=1)\n    return item',
  ),
  lambda("map", 'lambda x: {**x, "d": date(2024, 1, x["id"] % 28 + 1) if x["id"] % 2 else "abc"}'),
  lambda("map", 'lambda x: {**x, "d": date(2024, 1, 2) if x["id"] > 1 else "2024-01-01T10:00:00Z"}'),
  lambda("map", 'lambda x: {**x, "d": "text first" if x["id"] == 1 else date(2024, 2, 1)}'),
  lambda("map", 'lambda x: {**x, "created": date(2024, 3, 1) if x["id"] % 2 == 0 else x.get("created")}'),
  lambda("map", 'lambda x: {**x, "qty": date(2024, 1, 1) if x["id"] == 2 else x.get("qty")}'),
  lambda("map", 'lambda x: {**x, "who": "{name}/{id:>3}".format(**{"name": x.get("name"), "id": x["id"]}), "pc": "%(id)05.1f" % x}'),
  lambda("map", 'lambda x: {**x, "stats": [sum(range(x["id"])), min(x["id"], 3), max([1, x["id"]]), round(x["id"] / 7, 2)]}'),
  lambda("map", 'lambda x: {**x, "pairs": {f"k{i}": t for i, t in enumerate(sorted(x.get("tags") or []))}}'),
  lambda("map", 'lambda x, meta=None: {**x, "meta_is_none": meta is None, "parts": (x.get("name") or "a b").split()}'),
  def(
    "map",
    "safe_int",
    '    try:\n        item["n"] = int(item.get("name") or "x")\n    except ValueError as e:\n' +
      '        item["n"] = str(e)\n    return item',
  ),
  def(
    "map",
    "stamp_text",
    '    c = item.get("created")\n    if isinstance(c, str) and len(c) >= 19:\n' +
      '        item["s"] = datetime.fromisoformat(c[:19]).strftime("%d/%m/%Y %H:%M")\n    return item',
  ),
  def("filter", "mutating", '    item["seen"] = True\n    return item["id"] != 2'),
  lambda("map", 'lambda x: {**x, "t": time(10, x["id"] % 60)}'),
  lambda("map", 'lambda x: {**x, "t": "abc" if x["id"] == 1 else time(1, 2, 3, 4)}'),
  lambda("map", 'lambda x: {**x, "t": time.fromisoformat("10:11:12") if x["id"] % 2 else "10:00"}'),
  def(
    "map",
    "time_of",
    '    c = item.get("created")\n    if isinstance(c, str) and len(c) > 10:\n' +
      '        item["at"] = datetime.fromisoformat(c.replace("Z", "+00:00")).time()\n    return item',
  ),
  lambda("map", 'lambda x: {**x, "stamp": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc).isoformat()}'),
  // The standard modules the subset has (copy, json, hashlib, base64), as dlt's docs and users write them.
  lambda("map", 'lambda x: {**x, "meta_json": json.dumps(x.get("meta"), sort_keys=True), "tags_json": json.dumps(x.get("tags") or [])}'),
  lambda("map", 'lambda x: {**x, "h": hashlib.sha256(str(x.get("name")).encode()).hexdigest()[:12]}'),
  lambda("map", 'lambda x: {**x, "back": json.loads(json.dumps(x, default=str)), "md5": hashlib.md5(json.dumps(x).encode()).hexdigest()}'),
  // `re` and named time zones (twenty-ninth session).
  lambda(
    "map",
    'lambda x: {**x, "slug": re.sub(r"[^a-z0-9]+", "-", str(x.get("name")).lower()).strip("-"), "n": re.findall(r"\\d+", str(x))}',
  ),
  def(
    "map",
    "words",
    '    m = re.search(r"(?P<first>\\w+)\\W*(\\w*)", str(item.get("name")))\n' +
      '    item["first"] = m.group("first") if m else None\n    item["parts"] = re.split(r"[\\s_-]+", str(item.get("name")))\n' +
      '    item["caps"] = re.sub(r"\\b(\\w)", lambda g: g.group(1).upper(), str(item.get("name")))\n    return item',
  ),
  def(
    "map",
    "berlin",
    '    c = item.get("created")\n    if isinstance(c, str) and len(c) > 10:\n' +
      '        local = datetime.fromisoformat(c.replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/Berlin"))\n' +
      '        item["local"] = local\n        item["local_text"] = local.isoformat()\n        item["zone"] = local.tzname()\n' +
      "    return item",
  ),
  def(
    "map",
    "pseudonymize",
    '    sh = hashlib.sha256()\n    sh.update((str(item.get("name")) + "WI@N57%zZ").encode())\n' +
      '    item["name"] = base64.b64encode(sh.digest()).decode("ascii")\n    return item',
  ),
  def(
    "map",
    "copied",
    '    c = copy.deepcopy(item)\n    item["touched"] = 1\n    c["orig_meta"] = copy.copy(item.get("meta"))\n    return c',
  ),
];

const YIELDS: Step[] = [
  lambda("yield_map", 'lambda x: [{"id": x["id"], "tag": t} for t in x.get("tags") or []]'),
  lambda("yield_map", 'lambda x: ({"id": x["id"], "n": n} for n in range(x["id"] % 3))'),
  lambda("yield_map", 'lambda x: [x, {**x, "copy": True}]'),
  lambda("yield_map", 'lambda x: [None, x] if x["id"] % 2 else [x]'),
  def("yield_map", "split_meta", '    meta = item.pop("meta", None) or {}\n    return [item, {"id": item["id"], **meta}]'),
  // Generator functions (dlt's docs' `flatten_reactions`).
  def(
    "yield_map",
    "each_tag",
    '    for t in item.get("tags") or []:\n        yield {"id": item["id"], "tag": t}\n    if not item.get("tags"):\n        yield item',
  ),
  def(
    "yield_map",
    "flatten_tags",
    '    rest = copy.deepcopy(item)\n    tags = rest.pop("tags", None) or []\n    yield from ({"tag": t, **rest} for t in tags)',
  ),
];

const NAMES = ["Alpha widget", "beta", " Gamma Ray ", "ünï code", "", "delta-a"];

/** A record: the fields steps read (drifting, missing or null now and then) and the plain mode's generated keys. */
function record(r: Rng, i: number, extra: readonly string[]): Record<string, Gen> {
  const rec: Record<string, Gen> = { id: i + 1 };
  const maybe = (k: string, v: () => Gen) => {
    if (r.next() < 0.85) rec[k] = r.next() < 0.1 ? null : v();
  };
  maybe("name", () => r.pick(NAMES));
  maybe("price", () => (r.next() < 0.5 ? Math.round(r.next() * 20000) / 100 : r.int(200)));
  maybe("qty", () => r.int(5));
  maybe("status", () => r.pick(["active", "inactive", "Active"]));
  maybe("created", () => value(r, r.pick(["timestamp", "timestamp_offset", "date"] as const), 0));
  maybe("tags", () => Array.from({ length: r.int(4) }, () => r.pick(["red", "Blue", "green"])));
  maybe("meta", () => ({ owner: r.pick(["ann", "bob"]), code: r.int(100) }));
  for (const k of extra) if (r.next() < 0.8) rec[k] = value(r, r.pick(KINDS), 0);
  return rec;
}

/** A JSON value as a Python literal. */
function py(v: Json): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return `[${v.map(py).join(", ")}]`;
  if (typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`)}}`;
  return JSON.stringify(v);
}

/** `family`: a shape of `familyShapeOf` (`--steps --family`) instead of `shapeOf`'s. */
export function makeStepsCase(seed: number, baseUrl: string, family = false): StepsCase {
  const r = rng(seed * 7919 + 13);
  const taken = new Set(["id", "name", "price", "qty", "status", "created", "tags", "meta"]);
  const extra = [...new Set(Array.from({ length: r.int(3) }, () => r.pick(KEYS)))].filter((k) => !taken.has(k));
  const records = Array.from({ length: 3 + r.int(6) }, (_, i) => record(r, i, extra));
  const steps: Step[] = Array.from({ length: 1 + r.int(3) }, () => {
    const roll = r.next();
    return roll < 0.3 ? r.pick(FILTERS) : roll < 0.85 ? r.pick(MAPS) : r.pick(YIELDS);
  });
  const unique = [...new Map(steps.map((s) => [s.code, s])).values()];
  const defs = [...new Set(unique.flatMap((s) => (s.defs ? [s.defs] : [])))].join("\n");
  // The resource's shape (pages, an incremental, a child), from an rng of its own: a seed's records and steps stay.
  const shaped = (family ? familyShapeOf : shapeOf)(rng(seed * 104729 + 7), records);
  const codes = unique.map((s) => `{"${s.kind}": ${s.code}}`);
  if (shaped.cursorStep) codes.splice(r.int(codes.length + 1), 0, shaped.cursorStep);
  // Each step in a dict of its own (a dict's own keys run filter, map, yield_map whatever their order).
  const list = codes.join(",\n        ");
  const [resource, ...others] = shaped.resources as [Record<string, Json>, ...Record<string, Json>[]];
  if (r.next() < 0.2) resource.max_table_nesting = r.int(3);
  const body = py(resource).slice(0, -1);
  const child = others.map(
    (o) => `,\n        ${py(o).slice(0, -1)}${shaped.childSteps ? `, "processing_steps": [${shaped.childSteps}]` : ""}}`,
  );
  const python =
    "import base64\nimport copy\nimport hashlib\nimport json\nimport re\nfrom zoneinfo import ZoneInfo\n" +
    "from datetime import datetime, date, time, timedelta, timezone\n" +
    "from dlt.sources.rest_api import rest_api_source\n\n" +
    `${defs}${defs ? "\n" : ""}` +
    `config = {\n    "client": {"base_url": ${JSON.stringify(baseUrl)}},\n` +
    `    "resources": [${body}, "processing_steps": [\n        ${list},\n    ]}${child.join("")}],\n}\n\n` +
    "source = rest_api_source(config)\n";
  const summary = [shaped.shape === "page" ? "" : `[${shaped.shape}: ${JSON.stringify(shaped.resources)}]`, ...codes];
  if (shaped.childSteps) summary.push(`child: ${shaped.childSteps}`);
  return { python, records, summary: summary.filter(Boolean).join(" | "), serve: (url) => shaped.serve(url) };
}

/**
 * What a `--steps` case's comparison says: a step restplay refuses to run (`python_not_executed` when the config is
 * checked, or a `step_failed` naming what it does not model) is a difference unless listed in `REFUSED` (said in the
 * note, never skipped silently); where dlt's extract fails, restplay's failure must carry dlt's message.
 */
export function stepsVerdict(r: { problems: string[]; error: string | null; warnings: string[]; diagnostics: string[] }): {
  problems: string[];
  note?: string;
} {
  const refused = [
    ...r.diagnostics.filter((d) => d.startsWith("python_not_executed")),
    ...r.warnings.filter((w) => /does not model/.test(w)),
  ];
  const known = refused.filter((w) => REFUSED.some((x) => x.test(w)));
  if (refused.length > 0 && known.length === refused.length)
    return { problems: [], note: `not compared, restplay refuses by design: ${known[0]}` };
  const problems = [...r.problems, ...refused.map((w) => `restplay refuses: ${w}`)];
  if (r.error !== null) {
    // dlt's message names the pipe and the exception: `In processing pipe `items`: … caused an exception: KeyError 'x'`.
    const said = /In processing pipe[^\n]*/.exec(r.error)?.[0]?.replace(/\s+$/, "");
    // Every failure restplay names: dlt stops at its first, restplay names each it sees (a child's error and a parent
    // record's integer beyond 64 bits both, where dlt's iterator met the child's first).
    const ours = r.warnings.filter((w) => w.includes("dlt's extract step fails"));
    // A child's own generator failing (`paginate_dependent_resource`): restplay's message explains dlt's exception.
    const child = said && /`paginate_dependent_resource` caused an exception: (.*)$/.exec(said)?.[1];
    if (said && !ours.some((w) => w.includes(said) || (child && w.includes(child))))
      problems.push(`dlt's message: ${said}\n    restplay's: ${ours.join("\n    ")}`);
    return { problems, note: `dlt fails: ${(said ?? r.error).slice(0, 100)}; restplay fails alike` };
  }
  return { problems };
}

/** What restplay deliberately does not run, with the located message that says so (`python_not_executed`). */
const REFUSED: RegExp[] = [];
