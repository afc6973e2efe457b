/**
 * Row types and document builders shared by the diagnostics tables (lib/testing/diagnostics/*.ts), which
 * diagnostics.test.ts runs. Each builder wraps a body in a config with one resource `posts`, laid out
 * the same way every time, so a case's line and column can be read off its body.
 */
import type { SourceFormat } from "../../formats";

/** An invalid config: [title, format, text, code, path, token at the range start, line, column] (1-based). */
export type Case = [string, SourceFormat, string, string, string, string, number, number];
/** A warning or info: [code, path, token at the range start, line, column]. */
export type Note = [string, string, string, number, number];
/** A valid config: no error, and exactly these warnings/infos in document order ([] = none at all). */
export type ValidCase = [string, SourceFormat, string, Note[]];

export const BASE = "https://api.example.com";
export const C = `"client": {"base_url": "${BASE}"}`;

/** JSON: the body's lines start on line 6, indented 6 spaces. */
export const res = (body: string) => `{
  ${C},
  "resources": [
    {
      "name": "posts",
${body}
    }
  ]
}`;

/** YAML: the body's lines start on line 5, indented 4 spaces. */
export const yres = (body: string) => `client:
  base_url: ${BASE}
resources:
  - name: posts
${body}
`;

/** Python: the body's lines start on line 6, indented 12 spaces. */
export const pres = (body: string) => `source = rest_api_source({
    ${C},
    "resources": [
        {
            "name": "posts",
${body}
        },
    ],
})
`;

/** Client auth, JSON: the auth value starts on line 4, column 13. */
export const jauth = (auth: string) => `{
  "client": {
    "base_url": "${BASE}",
    "auth": ${auth}
  },
  "resources": ["posts"]
}`;

/** Client auth, YAML: the auth lines start on line 4, indented 4 spaces. */
export const yauth = (lines: string) => `client:
  base_url: ${BASE}
  auth:
${lines}
resources: [posts]
`;

/** Client auth, Python: the auth value starts on line 4, column 17. */
export const pauth = (auth: string) => `source = rest_api_source({
    "client": {
        "base_url": "${BASE}",
        "auth": ${auth},
    },
    "resources": ["posts"],
})
`;
