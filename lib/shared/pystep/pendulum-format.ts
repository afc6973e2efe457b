/**
 * pendulum 3's `DateTime.format(fmt)` in its default locale, `en` (pendulum/formatting/formatter.py): its tokens (`YYYY-MM-DD
 * HH:mm:ss Z`, `MMMM D, YYYY`, `Do`, `X`, `[escaped text]`, …); a token the formatter does not know stays as written, as
 * there. Week numbers and the locale's first weekday (`w`, `wo`, `e`, `eo`) are not modelled.
 */
import { daysFromCivil } from "../datetime";
import { DAY_NAMES, MONTH_NAMES, utcOffsetText, weekdayOf } from "./dates-text";
import { NotModelled } from "./values";

/** What a format reads of a date-time. */
export interface FormatFields {
  readonly ymd: readonly [number, number, number];
  readonly hms: readonly number[];
  readonly days: number;
  readonly offsetUs: number;
  /** `tzname()` (`zz`) and pendulum's `timezone_name` (`z`). */
  readonly zone: string;
  readonly zoneName: string;
  readonly timestamp: number;
}

const TOKEN_NAMES = "Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|eo?|E{1,4}|w[o|w]?|W[o|W]?|Qo?|YYYY|YY|Y|gg(?:ggg?)?|GG(?:GGG?)?".concat(
  "|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|LTS|LT|LL?L?L?",
);
/** `[escaped text]`, a backslash and a character, or a token (Formatter._TOKENS, in its order: the first that matches wins). */
const TOKENS = new RegExp(`\\[([^[]*)\\]|\\\\(.)|(${TOKEN_NAMES})`, "g");
const DATE_FORMATS: Readonly<Record<string, string>> = {
  LTS: "h:mm:ss A",
  LT: "h:mm A",
  L: "MM/DD/YYYY",
  LL: "MMMM D, YYYY",
  LLL: "MMMM D, YYYY h:mm A",
  LLLL: "dddd, MMMM D, YYYY h:mm A",
};
const pad = (n: number, w: number) => String(n).padStart(w, "0");
/** The `en` locale's ordinals: 1st, 2nd, 3rd, 4th, 11th–13th. */
const ordinal = (n: number) => {
  const last = n % 10;
  const tens = n % 100;
  return `${n}${tens >= 11 && tens <= 13 ? "th" : last === 1 ? "st" : last === 2 ? "nd" : last === 3 ? "rd" : "th"}`;
};

export function pendulumFormat(f: FormatFields, fmt: string): string {
  const [y, m, d] = f.ymd;
  const [H, M, S, us] = f.hms as [number, number, number, number];
  const yday = f.days - daysFromCivil(y, 1, 1) + 1;
  const wd = weekdayOf(f.days);
  const quarter = Math.floor((m - 1) / 3) + 1;
  const rules: Readonly<Record<string, () => string>> = {
    YYYY: () => String(y),
    YY: () => String(y).slice(2),
    Y: () => String(y),
    Q: () => String(quarter),
    MMMM: () => MONTH_NAMES[m - 1]!,
    MMM: () => MONTH_NAMES[m - 1]!.slice(0, 3),
    MM: () => pad(m, 2),
    M: () => String(m),
    DDDD: () => pad(yday, 3),
    DDD: () => String(yday),
    DD: () => pad(d, 2),
    D: () => String(d),
    dddd: () => DAY_NAMES[wd]!,
    ddd: () => DAY_NAMES[wd]!.slice(0, 3),
    dd: () => DAY_NAMES[wd]!.slice(0, 2),
    d: () => String((wd + 1) % 7),
    E: () => String(wd + 1),
    Do: () => ordinal(d),
    Mo: () => ordinal(m),
    Qo: () => ordinal(quarter),
    DDDo: () => ordinal(yday),
    do: () => ordinal((wd + 1) % 7),
    HH: () => pad(H, 2),
    H: () => String(H),
    hh: () => pad(H % 12 || 12, 2),
    h: () => String(H % 12 || 12),
    A: () => (H >= 12 ? "PM" : "AM"),
    mm: () => pad(M, 2),
    m: () => String(M),
    ss: () => pad(S, 2),
    s: () => String(S),
    X: () => String(f.timestamp),
    x: () => String(f.timestamp * 1000 + Math.floor(us / 1000)),
    zz: () => f.zone,
    z: () => f.zoneName,
    // pendulum's offset drops the seconds: whole minutes, as `+HH:MM` / `+HHMM`.
    Z: () => utcOffsetText(Math.trunc(f.offsetUs / 60e6) * 60e6, ":"),
    ZZ: () => utcOffsetText(Math.trunc(f.offsetUs / 60e6) * 60e6, ""),
  };
  return fmt.replace(TOKENS, (_, escaped: string | undefined, char: string | undefined, token: string) => {
    if (escaped) return escaped;
    if (char) return char;
    if (token === undefined) return "";
    if (Object.hasOwn(DATE_FORMATS, token)) return pendulumFormat(f, DATE_FORMATS[token]!);
    if (/^S{1,6}$/.test(token)) return pad(Math.floor(us / 10 ** (6 - token.length)), token.length);
    if (/^(wo|eo?)$/.test(token)) throw new NotModelled(`pendulum's \`format\` token \`${token}\``);
    return Object.hasOwn(rules, token) ? rules[token]!() : token;
  });
}
