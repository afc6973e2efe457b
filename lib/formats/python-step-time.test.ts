/**
 * `datetime.time` in lib/shared/pystep (./dates-time.ts there), each answer recorded from CPython 3.11 (dlt 1.26.0's
 * here) with scripts/record-datetime-time.py: the `repr()` of the value, or the exception's class and message.
 */
import { describe, expect, it } from "vitest";
import { compileExpression } from "./python-step";
import { Interpreter, PyError, repr } from "../shared/pystep";

const IMPORTS = ["date", "datetime", "time", "timedelta", "timezone"]
  .map((c) => `from datetime import ${c}`)
  .concat("import datetime as dtmod");

function run(code: string): [string, string] {
  const compiled = compileExpression(code, IMPORTS);
  if (!compiled.ok) throw new Error(compiled.reason);
  const py = new Interpreter(200_000, () => Date.UTC(2026, 11, 5, 3, 17, 20, 880));
  try {
    return ["ok", repr(py.evaluate(compiled.value.expr, py.load(compiled.value.globals)))];
  } catch (e) {
    if (e instanceof PyError) return ["err", `${e.type}: ${e.message}`];
    throw e;
  }
}

describe("datetime.time in the Python subset", () => {
  it.each([
    ['time.fromisoformat("10:11")', "ok", "datetime.time(10, 11)"],
    ['time.fromisoformat("T10:11:12Z")', "ok", "datetime.time(10, 11, 12, tzinfo=datetime.timezone.utc)"],
    ['time.fromisoformat("101112")', "ok", "datetime.time(10, 11, 12)"],
    ['time.fromisoformat("10:11:12+0200")', "ok", "datetime.time(10, 11, 12, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))"],
    ['time.fromisoformat("10:11:12+02")', "ok", "datetime.time(10, 11, 12, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))"],
    ['time.fromisoformat("10")', "ok", "datetime.time(10, 0)"],
    ['time.fromisoformat("24:00")', "err", "ValueError: hour must be in 0..23"],
    ['time.fromisoformat("10:11:12.5")', "ok", "datetime.time(10, 11, 12, 500000)"],
    ['time.fromisoformat("10:11:12,123456789")', "ok", "datetime.time(10, 11, 12, 123456)"],
    ['time.fromisoformat("10:11:12Zx")', "err", "ValueError: Invalid isoformat string: '10:11:12Zx'"],
    ['time.fromisoformat("1011")', "ok", "datetime.time(10, 11)"],
    [
      'time.fromisoformat("10:11:12-05:30:15")',
      "ok",
      "datetime.time(10, 11, 12, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=66585)))",
    ],
    ['time.fromisoformat("")', "err", "ValueError: Invalid isoformat string: ''"],
    ['time.fromisoformat("10:1")', "err", "ValueError: Invalid isoformat string: '10:1'"],
    ["time.fromisoformat(5)", "err", "TypeError: fromisoformat: argument must be str"],
    ["time(24)", "err", "ValueError: hour must be in 0..23"],
    ["time(1, 60)", "err", "ValueError: minute must be in 0..59"],
    ["time(1, 2, 60)", "err", "ValueError: second must be in 0..59"],
    ["time(1, 2, 3, 1000000)", "err", "ValueError: microsecond must be in 0..999999"],
    ["time(-1)", "err", "ValueError: hour must be in 0..23"],
    ['time("1")', "err", "TypeError: 'str' object cannot be interpreted as an integer"],
    [
      "time(1,2,3,4, tzinfo=timezone(timedelta(hours=2)))",
      "ok",
      "datetime.time(1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))",
    ],
    ["time(1,2,3,4, tzinfo=5)", "err", "TypeError: tzinfo argument must be None or of a tzinfo subclass, not type 'int'"],
    ["time(1,0,3)", "ok", "datetime.time(1, 0, 3)"],
    ["time(1,0,0,5)", "ok", "datetime.time(1, 0, 0, 5)"],
    ["time(1,2) < time(1,2,tzinfo=timezone.utc)", "err", "TypeError: can't compare offset-naive and offset-aware times"],
    ["time(1,2) == time(1,2,tzinfo=timezone.utc)", "ok", "False"],
    ["time(3,2,tzinfo=timezone(timedelta(hours=2))) == time(1,2,tzinfo=timezone.utc)", "ok", "True"],
    ["time(3,2,tzinfo=timezone(timedelta(hours=2))) < time(1,3,tzinfo=timezone.utc)", "ok", "True"],
    ['time(1,2).isoformat(timespec="milliseconds")', "ok", "'01:02:00.000'"],
    ['time(1,2).isoformat(timespec="hours")', "ok", "'01'"],
    ['time(1,2).isoformat(timespec="minutes")', "ok", "'01:02'"],
    ['time(1,2,3,4).isoformat(timespec="seconds")', "ok", "'01:02:03'"],
    ['time(1,2,3,4).isoformat(timespec="microseconds")', "ok", "'01:02:03.000004'"],
    ['time(1,2).isoformat(timespec="foo")', "err", "ValueError: Unknown timespec value"],
    ['time(1,2,3,400).isoformat("seconds")', "ok", "'01:02:03'"],
    ["time(1,2,tzinfo=timezone(timedelta(hours=-5, minutes=-30))).isoformat()", "ok", "'01:02:00-05:30'"],
    ["str(time(1,2,3,400))", "ok", "'01:02:03.000400'"],
    ["str(time(1,2,tzinfo=timezone.utc))", "ok", "'01:02:00+00:00'"],
    ['time(1,2).strftime("%H %M %S %f %p %I %Y-%m-%d %a %j %z %Z %%")', "ok", "'01 02 00 000000 AM 01 1900-01-01 Mon 001   %'"],
    ['time(13,2,tzinfo=timezone.utc).strftime("%z %Z %p %I")', "ok", "'+0000 UTC PM 01'"],
    ['time(1,2,3).strftime("%c|%x|%X|%y|%w")', "ok", "'Mon Jan  1 01:02:03 1900|01/01/00|01:02:03|00|1'"],
    ['format(time(1,2), "%H")', "ok", "'01'"],
    ['format(time(1,2), "")', "ok", "'01:02:00'"],
    ['f"{time(1,2)}"', "ok", "'01:02:00'"],
    ['f"{time(1,2):%H.%M}"', "ok", "'01.02'"],
    ['time(1,2) < "a"', "err", "TypeError: '<' not supported between instances of 'datetime.time' and 'str'"],
    ['time(1,2) == "a"', "ok", "False"],
    ["bool(time(0))", "ok", "True"],
    ["time(1,2) + timedelta(1)", "err", "TypeError: unsupported operand type(s) for +: 'datetime.time' and 'datetime.timedelta'"],
    ["datetime(2024,1,2,3,4,5,6,tzinfo=timezone.utc).time()", "ok", "datetime.time(3, 4, 5, 6)"],
    ["datetime(2024,1,2,3,4,5,6,tzinfo=timezone.utc).timetz()", "ok", "datetime.time(3, 4, 5, 6, tzinfo=datetime.timezone.utc)"],
    ["datetime.combine(date(2024,1,2), time(3,4))", "ok", "datetime.datetime(2024, 1, 2, 3, 4)"],
    [
      "datetime.combine(date(2024,1,2), time(3,4,tzinfo=timezone.utc))",
      "ok",
      "datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)",
    ],
    [
      "datetime.combine(date(2024,1,2), time(3,4), tzinfo=timezone.utc)",
      "ok",
      "datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)",
    ],
    ["datetime.combine(datetime(2024,1,2,5), time(3,4))", "ok", "datetime.datetime(2024, 1, 2, 3, 4)"],
    ["datetime.combine(date(2024,1,2), 5)", "err", "TypeError: combine() argument 2 must be datetime.time, not int"],
    ["time(1,2).replace(hour=5, tzinfo=timezone.utc)", "ok", "datetime.time(5, 2, tzinfo=datetime.timezone.utc)"],
    ["time(1,2,tzinfo=timezone.utc).replace(tzinfo=None)", "ok", "datetime.time(1, 2)"],
    ["time(1,2).replace(minute=61)", "err", "ValueError: minute must be in 0..59"],
    ["time(1,2,tzinfo=timezone.utc).utcoffset()", "ok", "datetime.timedelta(0)"],
    ["time(1,2).utcoffset()", "ok", "None"],
    ["time(1,2,tzinfo=timezone.utc).tzname()", "ok", "'UTC'"],
    ["time(1,2).tzname()", "ok", "None"],
    ["time()", "ok", "datetime.time(0, 0)"],
    ["time(1,2) == datetime(2024,1,1,1,2)", "ok", "False"],
    ["date(2024,1,1) == time(0)", "ok", "False"],
    ["time(1,2,3,4).hour", "ok", "1"],
    ["time(1,2,3,4).minute", "ok", "2"],
    ["time(1,2,3,4).second", "ok", "3"],
    ["time(1,2,3,4).microsecond", "ok", "4"],
    ["time(1,2,3,4).tzinfo", "ok", "None"],
    ["time(1,2,tzinfo=timezone.utc).tzinfo", "ok", "datetime.timezone.utc"],
    ["time(True)", "ok", "datetime.time(1, 0)"],
    ["time(1.5)", "err", "TypeError: 'float' object cannot be interpreted as an integer"],
    ["sorted([time(3), time(1,5), time(1)])", "ok", "[datetime.time(1, 0), datetime.time(1, 5), datetime.time(3, 0)]"],
    ["time(1,2) > time(1,1)", "ok", "True"],
    ["time(1,2) >= time(1,2)", "ok", "True"],
    ["{time(1): 1}[time(1,0)]", "ok", "1"],
    ["len({time(1), time(1,0), time(2)})", "ok", "2"],
    ["isinstance(time(1), time)", "ok", "True"],
    ["isinstance(datetime(2024,1,1), time)", "ok", "False"],
    ["isinstance(time(1), date)", "ok", "False"],
    ["dtmod.time(5, 6)", "ok", "datetime.time(5, 6)"],
    ['dtmod.time.fromisoformat("05:06:07.123")', "ok", "datetime.time(5, 6, 7, 123000)"],
    ['datetime.fromisoformat("2024-01-02T03:04:05").time().isoformat()', "ok", "'03:04:05'"],
    ['datetime.strptime("10:20", "%H:%M").time()', "ok", "datetime.time(10, 20)"],
  ] as const)("%s", (code, kind, answer) => {
    expect(run(code)).toEqual([kind, answer]);
  });
});
