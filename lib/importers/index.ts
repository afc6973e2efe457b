/**
 * lib/importers: start from the API — an OpenAPI/Swagger document, curl commands, a HAR file or a
 * sample response becomes a draft of guesses with evidence, then a dlt rest_api config (and, where the
 * source describes the data, a mock API it runs against offline). Pure TypeScript, no node:*: the
 * browser's Import dialog and the CLI's `restplay import` run the same code.
 */
import { parseCurl } from "./curl";
import { importHar } from "./har";
import { importOpenApi } from "./openapi";
import { draftFromRequests } from "./request";
import { importSample } from "./sample";
import type { ImportResult, ImportSource } from "./types";

export type * from "./types";
export { IMPORT_SOURCES } from "./types";
export { buildConfig, renderConfig, type BuiltConfig, type EndpointChoice, type ImportChoices, type RenderedConfig } from "./build";

/** The kind of text: an OpenAPI/Swagger document, curl commands, a HAR file, or (any other JSON) a sample response. */
export function detectSource(text: string): ImportSource | null {
  const t = text.trimStart();
  if (/^curl\s/m.test(t.slice(0, 2000))) return "curl";
  if (/^(openapi|swagger)\s*:/m.test(t.slice(0, 5000)) || /^\{[\s\S]{0,2000}"(openapi|swagger)"\s*:/.test(t)) return "openapi";
  if (/^\{[\s\S]{0,200}"log"\s*:/.test(t) && /"entries"\s*:/.test(t)) return "har";
  if (t.startsWith("{") || t.startsWith("[")) return "sample";
  return null;
}

export interface ImportOptions {
  /** Default: detected from the text. */
  readonly source?: ImportSource;
  /** Where a sample response came from. */
  readonly url?: string;
}

/**
 * API descriptions restplay does not read, which would otherwise pass for a sample response (they are
 * JSON): said so, with what to give instead.
 */
function unsupported(text: string): string | null {
  const head = text.trimStart().slice(0, 4000);
  if (!head.startsWith("{")) return null;
  if (/"_postman_id"\s*:|"schema"\s*:\s*"https:\/\/schema\.getpostman\.com/.test(head))
    return (
      "This is a Postman collection, which restplay does not read: export the API's OpenAPI document, " +
      "or paste its requests as curl commands (Postman: Code → cURL)."
    );
  if (/"swaggerVersion"\s*:\s*"1\./.test(head))
    return (
      "This is a Swagger 1.x document, which restplay does not read: " +
      "convert it to OpenAPI 2 or 3 (the Swagger converter does), then import that."
    );
  return null;
}

/** Reads the text as `source` (or what it looks like); never throws. */
export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const refused = options.source === undefined || options.source === "sample" ? unsupported(text) : null;
  if (refused) return { ok: false, message: refused };
  const source = options.source ?? detectSource(text);
  try {
    switch (source) {
      case "openapi":
        return importOpenApi(text);
      case "har":
        return importHar(text);
      case "sample":
        return importSample(text, options.url);
      case "curl": {
        const parsed = parseCurl(text);
        return "error" in parsed ? { ok: false, message: parsed.error } : draftFromRequests("curl", parsed.requests, parsed.notes);
      }
      default:
        return {
          ok: false,
          message:
            "Cannot tell what this is: expected an OpenAPI/Swagger document (JSON or YAML), curl commands, a HAR file or a JSON response.",
        };
    }
  } catch (e) {
    return { ok: false, message: `restplay could not import this (${e instanceof Error ? e.message : String(e)}). Please report it.` };
  }
}
