/**
 * Named time zones for a step (`zoneinfo.ZoneInfo("Europe/Berlin")`, pendulum's `timezone(…)`), their offsets and DST
 * from the zone database built into the JavaScript engine (`Intl`, full ICU in Node 20 and browsers), resolved as CPython
 * 3.11's zoneinfo resolves them: a wall time in a gap or an overlap takes the offset before the change with `fold=0`
 * and the one after with `fold=1`; an instant converted into the zone gets `fold=1` on the second pass of an overlap.
 * Abbreviations (`tzname()`, `%Z`) are ICU's English short names where it has them, the database's numeric ones
 * (`-03`) otherwise, with the zones whose names differ listed (ZONE_NAMES, recorded from CPython 3.11 for 2024's rules).
 */
import { ZONE_NAMES } from "./zone-names";
import { PyTimezone } from "./dates";
import { args } from "./dates";
import { PyModule } from "./module";
import { PyError, PyObject, type PyVal } from "./values";

const DAY_S = 86_400;

/** `Intl.DateTimeFormat` of a zone (wall time fields), or null when the engine does not know it. */
const formats = new Map<string, Intl.DateTimeFormat | null>();
function format(key: string): Intl.DateTimeFormat | null {
  if (!formats.has(key)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: key,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
      // The engine finds keys whatever their case; Python's (a file name) must match: `europe/berlin` is none.
      const resolved = f.resolvedOptions().timeZone;
      if (resolved !== key && resolved.toLowerCase() === key.toLowerCase()) f = null;
    } catch {
      f = null;
    }
    formats.set(key, f);
  }
  return formats.get(key)!;
}

/** The zone's offset (seconds) at the instant `s` (seconds since the epoch). */
function offsetAt(f: Intl.DateTimeFormat, s: number): number {
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(s * 1000))) parts[p.type] = p.value;
  const year = parts.era === "BC" || parts.era === "B" ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall.getTime() / 1000 - s;
}

export class PyZoneInfo extends PyTimezone {
  override readonly type: string = "zoneinfo.ZoneInfo";
  constructor(
    readonly key: string,
    private readonly f: Intl.DateTimeFormat,
  ) {
    super(0, key);
  }
  override repr(): string {
    return `zoneinfo.ZoneInfo(key='${this.key}')`;
  }
  override str(): string {
    return this.key;
  }
  override hash(): string {
    return `ZI${this.key}`;
  }
  override equals(o: PyVal): boolean {
    return o === this;
  }
  override method(): PyVal | undefined {
    return undefined;
  }
  override fixedUs(): number | null {
    return null;
  }
  /** Formats of the zone's short names, by locale (made when a name is first asked for). */
  private readonly names = new Map<string, Intl.DateTimeFormat>();
  private at(s: number): number {
    return offsetAt(this.f, s);
  }
  /** The offset (µs) of wall time `wallUs` (µs since 1970-01-01 as if UTC) with `fold`, as zoneinfo's `_find_trans`. */
  override offsetFor(wallUs: bigint, fold: number): number {
    const wall = Number(wallUs / 1_000_000n) - (wallUs < 0n && wallUs % 1_000_000n !== 0n ? 1 : 0);
    const before = this.at(wall - DAY_S);
    const after = this.at(wall + DAY_S);
    if (before === after) return this.at(wall - before) * 1e6;
    // The change between: the first second of the new offset, by halving (changes fall on whole seconds).
    let lo = wall - DAY_S;
    let hi = wall + DAY_S;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.at(mid) === before) lo = mid;
      else hi = mid;
    }
    const local = hi + (fold ? Math.min(before, after) : Math.max(before, after));
    return (wallUs < BigInt(local) * 1_000_000n ? before : after) * 1e6;
  }
  /** The wall time and fold of the instant `instantUs` here (zoneinfo's `fromutc`). */
  override localize(instantUs: bigint): { wallUs: bigint; fold: number } {
    const s = Number(instantUs / 1_000_000n) - (instantUs < 0n && instantUs % 1_000_000n !== 0n ? 1 : 0);
    const off = this.at(s) * 1e6;
    const wallUs = instantUs + BigInt(off);
    return { wallUs, fold: this.offsetFor(wallUs, 0) === off ? 0 : 1 };
  }
  override nameFor(wallUs: bigint, fold: number): string {
    const off = this.offsetFor(wallUs, fold);
    const listed = Object.hasOwn(ZONE_NAMES, this.key) ? ZONE_NAMES[this.key]!.find(([o]) => o * 1e6 === off) : undefined;
    if (listed) return listed[1];
    const instant = new Date(Number((wallUs - BigInt(off)) / 1000n));
    for (const locale of NAME_LOCALES) {
      const f = this.names.get(locale) ?? new Intl.DateTimeFormat(locale, { timeZone: this.key, timeZoneName: "short" });
      this.names.set(locale, f);
      const name = f.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "";
      if (/^[A-Z]{2,5}$/.test(name)) return name;
    }
    const s = Math.abs(off / 1e6);
    // Local mean time before a zone's standard time: an offset of odd seconds (Berlin's +00:53:28).
    if (s % 60) return "LMT";
    const hm = Math.floor(s / 60);
    return `${off < 0 ? "-" : "+"}${String(Math.floor(hm / 60)).padStart(2, "0")}${hm % 60 ? String(hm % 60).padStart(2, "0") : ""}`;
  }
}

/** Locales whose short names are the database's abbreviations for their regions (ICU gives `GMT+1` elsewhere). */
const NAME_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU", "en-NZ", "en-CA", "en-ZA", "en-IE", "en-SG", "en-HK", "en-PH", "en-PK"].concat([
  "en-NG",
  "en-KE",
]);

/**
 * `ZoneInfo(key)`: one object per key (Python caches them, so `is` and same-zone arithmetic hold); `make` builds a class
 * of its own (pendulum's `Timezone`). Python's errors for an unknown or malformed key.
 */
export function zoneInfo<T extends PyZoneInfo>(
  key: PyVal,
  cache: Map<string, T>,
  make: (key: string, f: Intl.DateTimeFormat) => T,
  unknown: (key: string) => PyError = notFound,
): T {
  if (typeof key !== "string") throw new PyError("TypeError", `expected str, bytes or os.PathLike object, not ${typeof key}`);
  const known = cache.get(key);
  if (known) return known;
  if (key === "" || key.startsWith("/") || key.split("/").some((p) => p === ".." || p === "."))
    throw new PyError("ValueError", `ZoneInfo keys must be normalized relative paths, got: ${key}`);
  const f = format(key);
  if (!f) throw unknown(key);
  const made = make(key, f);
  cache.set(key, made);
  return made;
}
const notFound = (key: string) =>
  new PyError("ZoneInfoNotFoundError", `'No time zone found with key ${key}'`, [`No time zone found with key ${key}`]);

const zones = new Map<string, PyZoneInfo>();
/** `zoneinfo.ZoneInfo(key)`. */
export const pyZoneInfo = (key: PyVal): PyZoneInfo => zoneInfo(key, zones, (k, f) => new PyZoneInfo(k, f));

/** The class `zoneinfo.ZoneInfo`: called with a key. */
class ZoneInfoClass extends PyObject {
  readonly type = "type";
  repr(): string {
    return "<class 'zoneinfo.ZoneInfo'>";
  }
  hash(): string {
    return "CZoneInfo";
  }
  equals(o: PyVal): boolean {
    return o === this;
  }
  override call(a: PyVal[], kw: ReadonlyMap<string, PyVal>): PyVal {
    return pyZoneInfo(args("ZoneInfo", ["key"], a, kw, 1).get("key")!);
  }
  override isInstance(v: PyVal): boolean {
    return v instanceof PyZoneInfo;
  }
}

/** `import zoneinfo` / `from zoneinfo import ZoneInfo`. */
export function zoneinfoModule(): PyModule {
  return new PyModule("zoneinfo", {}, { ZoneInfo: new ZoneInfoClass() });
}
