/**
 * A Python regular expression (jsonpath-ng's `sub(/…/, …)` and `=~`) as JavaScript reads it, after
 * Python's own spellings are rewritten (`(?P<n>…)`, `(?P=n)`, leading inline flags, `\Z`): close, not
 * exact. `null`: not a regular expression.
 */
export function pyRegExp(pattern: string): RegExp | null {
  const js = pattern
    .replace(/^\(\?[aiLmsux]+\)/, "")
    .replace(/\(\?P</g, "(?<")
    .replace(/\(\?P=(\w+)\)/g, "\\k<$1>")
    .replace(/\\Z/g, "$");
  try {
    return new RegExp(js);
  } catch {
    return null;
  }
}
