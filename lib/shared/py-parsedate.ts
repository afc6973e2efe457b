/**
 * Python 3.11's `email.utils.parsedate_tz` followed by `mktime_tz`: how dlt's retry reads a `Retry-After` that is not
 * whole seconds (dlt/sources/helpers/requests/retry.py, `_parse_retry_after`). A port of `email._parseaddr._parsedate_tz`,
 * branch for branch: what it takes (RFC 2822 and 850 dates, loosely) and what it refuses (`1.5`, `-5`, ISO 8601).
 */
import { pyIntFromText } from "./python";

const MONTHS = [
  ...["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
  ...["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
];
const DAYS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
/** RFC 822's zones Python knows, as `±hhmm` numbers. */
const ZONES: ReadonlyMap<string, number> = new Map(
  Object.entries({ UT: 0, UTC: 0, GMT: 0, Z: 0, AST: -400, ADT: -300, EST: -500, EDT: -400, CST: -600, CDT: -500 }).concat(
    Object.entries({ MST: -700, MDT: -600, PST: -800, PDT: -700 }),
  ),
);

/** The exception Python raises, as `Type: message` (`ValueError: year 10000 is out of range`). */
export type PyRaised = { readonly raised: string };

/**
 * The seconds since the epoch `text` names as an RFC 2822 date, as `mktime_tz(parsedate_tz(text))`; null where it gives
 * None; what `calendar.timegm` raises for a year past 9999 (`datetime.date`'s errors; dlt's retry fails the resource so).
 */
export function pyParsedateSeconds(text: string): number | null | PyRaised {
  let data = text.split(/\s+/).filter((s) => s !== "");
  if (data.length === 0) return null;
  const first = data[0]!;
  if (first.endsWith(",") || DAYS.has(first.toLowerCase())) data.shift();
  else if (first.includes(",")) data[0] = first.slice(first.lastIndexOf(",") + 1);
  if (data.length === 3) {
    const stuff = data[0]!.split("-");
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const s = data[3]!;
    let i = s.indexOf("+");
    if (i === -1) i = s.indexOf("-");
    if (i > 0) data.splice(3, 1, s.slice(0, i), s.slice(i));
    else data.push("");
  }
  if (data.length < 5) return null;
  let [dd, mm, yy, tm, tz] = data as [string, string, string, string, string];
  if (!dd || !mm || !yy) return null;
  mm = mm.toLowerCase();
  if (!MONTHS.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTHS.includes(mm)) return null;
  }
  const month = (MONTHS.indexOf(mm) % 12) + 1;
  if (dd.endsWith(",")) dd = dd.slice(0, -1);
  if (yy.indexOf(":") > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(",")) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!/^\p{Nd}/u.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(",")) tm = tm.slice(0, -1);
  let parts = tm.split(":");
  if (parts.length === 1 && tm.includes(".")) parts = tm.split(".");
  if (parts.length === 2) parts.push("0");
  if (parts.length !== 3) return null;
  const numbers = [yy, dd, ...parts].map((s) => pyIntFromText(s));
  if (numbers.some((n) => n === null)) return null;
  const [yyyy, day, hh, min, ss] = numbers.map(Number) as [number, number, number, number, number];
  const exactYear = numbers[0] as bigint;
  const year = yyyy < 100 ? yyyy + (yyyy > 68 ? 1900 : 2000) : yyyy;
  const zone = tz.toUpperCase();
  let offset = ZONES.get(zone) ?? (pyIntFromText(zone) === null ? 0 : Number(pyIntFromText(zone)));
  if (offset !== 0) {
    const sign = offset < 0 ? -1 : 1;
    offset = Math.abs(offset);
    offset = sign * (Math.floor(offset / 100) * 3600 + (offset % 100) * 60);
  }
  // calendar.timegm: days from the first of the month, by `datetime.date(year, month, 1)`, which takes a C int.
  if (exactYear > 9999n) {
    if (exactYear > 2n ** 63n - 1n) return { raised: "OverflowError: Python int too large to convert to C long" };
    if (exactYear > 2n ** 31n - 1n) return { raised: "OverflowError: signed integer is greater than maximum" };
    return { raised: `ValueError: year ${exactYear} is out of range` };
  }
  const start = new Date(0);
  start.setUTCFullYear(year, month - 1, 1);
  return start.getTime() / 1000 + (day - 1) * 86400 + hh * 3600 + min * 60 + ss - offset;
}
