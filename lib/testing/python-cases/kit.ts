/**
 * The Python table (issue 9): whole files and fragments in the styles dlt users write, each with every
 * diagnostic it gets ([code, JSON pointer, the text at the range's start]) and the config restplay
 * reads from it (the document's plain value; null when there is none). Run by lib/config/python.test.ts;
 * their downloads are executed by python3 against the stub dlt package (lib/testing/python-stub.test.ts).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { PlainValue } from "../../formats";

export type PyNote = readonly [code: string, path: string, token: string];

export interface PyCase {
  readonly title: string;
  readonly text: string;
  /** Every diagnostic, in document order. */
  readonly notes: readonly PyNote[];
  /** The config read (the active one), references as `{"$secret": name}`. */
  readonly value: PlainValue | null;
}

export const row = (title: string, text: string, notes: readonly PyNote[], value: PlainValue | null): PyCase => ({
  title,
  text,
  notes,
  value,
});

export const FIXTURES = resolve(__dirname, "../fixtures/python");
export const fixture = (name: string): string => readFileSync(resolve(FIXTURES, name), "utf8");

export const BASE = "https://api.example.com";
/** The imports of a complete file. */
export const H = "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\n";
/** A whole file around one config dict (written after `source = rest_api_source(`). */
export const file = (dict: string, before = "", imports = H) => `${imports}${before}source = rest_api_source(${dict})\n`;
/** A config with one resource `posts` whose endpoint is `endpoint`. */
export const posts = (endpoint: string, client = `{"base_url": "${BASE}"}`) =>
  `{\n    "client": ${client},\n    "resources": [{"name": "posts", "endpoint": ${endpoint}}],\n}`;
export const P = "/resources/0/endpoint/paginator";
export const plain = (paginatorOrEndpoint: PlainValue, key: "paginator" | "endpoint" = "paginator"): PlainValue => ({
  client: { base_url: BASE },
  resources: [{ name: "posts", endpoint: key === "paginator" ? { paginator: paginatorOrEndpoint } : paginatorOrEndpoint }],
});
export const PAG = "from dlt.sources.helpers.rest_client.paginators import";
export const AUTH = "from dlt.sources.helpers.rest_client.auth import";
