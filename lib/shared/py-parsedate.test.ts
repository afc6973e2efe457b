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
    // calendar.timegm raises ValueError for a year past 9999: no date for the retry either.
    ["Wed, 21 Oct 99999 07:28:00 GMT", null],
  ])("%j → %j", (text, seconds) => {
    expect(pyParsedateSeconds(text)).toBe(seconds);
  });
});
