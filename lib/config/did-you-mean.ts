/**
 * "Did you mean …?" for keys and enum values: optimal string alignment distance (Levenshtein plus
 * adjacent transpositions, so `limt` -> `limit` and `pgae` -> `page` are one edit away).
 * Runs on every keystroke for every unknown key, so it uses two reusable rows and stops early.
 */

let prev2: number[] = [];
let prev: number[] = [];
let cur: number[] = [];

/** Edit distance between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (cur.length <= n) {
    prev2 = new Array<number>(n + 1).fill(0);
    prev = new Array<number>(n + 1).fill(0);
    cur = new Array<number>(n + 1).fill(0);
  }
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * The closest candidate: a case-insensitive match first (`get` -> `GET`), else the nearest within
 * distance 2 (1 for inputs of up to 4 characters, where 2 edits would match almost anything).
 */
export function didYouMean(input: string, candidates: readonly string[]): string | null {
  const lower = input.toLowerCase();
  for (const c of candidates) if (c.toLowerCase() === lower) return c;
  const limit = input.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), bestD - 1);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}
