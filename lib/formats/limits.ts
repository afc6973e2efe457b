/**
 * What one config text may hold before restplay stops reading it (issue #13, docs/security.md). Each
 * limit is far above a real config and low enough that the worst 1 MB text is read or refused, with
 * a located diagnostic, in well under 2 s on a small server (`npm run bench -- --only hostile`).
 * The one home of these numbers: parsers, messages, tests and docs read them from here.
 */

/**
 * Levels of nested lists and dicts (and, in Python, of prefix operators such as `not`/`-`/`lambda`).
 * A real config nests about 8 deep (resources > [i] > endpoint > json > …); 64 leaves room for deep
 * JSON bodies. Deeper text is not handed to the parsers (theirs and ours recurse per level).
 */
export const MAX_DEPTH = 64;

/**
 * Values in one text: keys, strings, numbers, lists and dicts (in Python, also operators). A
 * 6,000-line config holds about 20,000, the bench's 300-resource config (10,600 JSON lines) 14,500
 * (800 such resources fit). The YAML and Python parsers need 5–10 µs per value, several times that
 * on a busy machine, so this bounds their time too: a YAML text just under the limit takes about
 * 0.4 s on 2 idle cores, and stays under 2 s with five other processes on them.
 */
export const MAX_VALUES = 40_000;

/**
 * Values that YAML aliases may add when they are expanded (`*a` repeats everything `&a` holds, so
 * aliases of aliases multiply: the "billion laughs"). Anchors shared by many resources (a paginator,
 * an auth block) add a few thousand.
 */
export const MAX_ALIAS_VALUES = 30_000;

/**
 * Characters in one dict key. Keys become JSON pointers in every diagnostic below them, so a
 * megabyte key would make each of those a megabyte; real keys (params, headers, fields) are short.
 */
export const MAX_KEY_LENGTH = 256;

/** Syntax errors reported per text (JSON, YAML): garbage yields one per character, and the first say what is wrong. */
export const MAX_SYNTAX_ERRORS = 100;
