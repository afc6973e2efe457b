import { describe, expect, it } from "vitest";
import { pyParsedateSeconds } from "./py-parsedate";

describe("pyParsedateSeconds: mktime_tz(parsedate_tz(text)), recorded from Python 3.11 (dlt's retry reads Retry-After so)", () => {
  it.each([
    ["Wed, 21 Oct 2015 07:28:00 GMT", 1445412480],
    ["21 Oct 2015 07:28:00 GMT", 1445412480],
    ["Wednesday, 21-Oct-15 07:28:00 GMT", 1445412480],
    ["Sun Nov  6 08:49:37 1994", 784111777],
    ["Wed, 21 Oct 2015 07:28:00 -0530", 1445432280],
    ["Wed, 21 Oct 2015 07:28:00 EST", 1445430480],
    ["21 Oct 69 7:28 PDT", -6168720],
    ["Oct 21 2015 07.28.00", 1445412480],
    ["Wed, 31 Feb 2015 07:28:00 GMT", 1425367680],
    ["Wed, 21 Oct 2015 07:28:00 +0100 extra", 1445408880],
    ["1.5", null],
    ["-5", null],
    ["abc", null],
    ["2015-10-21T07:28:00Z", null],
    ["Wed, 21 Oct 2015 7 GMT", null],
  ])("%j → %j", (text, seconds) => {
    expect(pyParsedateSeconds(text)).toBe(seconds);
  });

  // calendar.timegm raises for a year past 9999 (the error dlt's retry fails the resource with), a C int's or long's past theirs.
  it.each([
    ["Wed, 21 Oct 99999 07:28:00 GMT", "ValueError: year 99999 is out of range"],
    ["Fri, 31 Dec 10000 23:59:59", "ValueError: year 10000 is out of range"],
    ["31 Dec 2147483647 23:59:59 +0100", "ValueError: year 2147483647 is out of range"],
    ["31 Dec 2147483648 23:59:59 GMT", "OverflowError: signed integer is greater than maximum"],
    ["31 Dec 9223372036854775808 23:59:59 GMT", "OverflowError: Python int too large to convert to C long"],
  ])("%j raises %j", (text, raised) => {
    expect(pyParsedateSeconds(text)).toEqual({ raised });
  });
});
