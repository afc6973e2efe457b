/** HAR files (DevTools "Save all as HAR"): the JSON API calls in the log → captured requests with their responses. */
import { draftFromRequests, type Captured } from "./request";
import type { ImportResult } from "./types";
import { arr, isObj, obj, own, str } from "./values";

const pairs = (v: unknown): [string, string][] =>
  arr(v)
    .filter(isObj)
    .map((h) => [str(own(h, "name")) ?? "", str(own(h, "value")) ?? ""] as [string, string])
    .filter(([k]) => k !== "");

function responseBody(content: unknown): unknown {
  const c = obj(content);
  let text = str(own(c, "text"));
  if (text === undefined) return undefined;
  if (own(c, "encoding") === "base64") {
    try {
      text = new TextDecoder().decode(Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0)));
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function importHar(text: string): ImportResult {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      message: `Not a HAR file: ${e instanceof Error ? e.message : String(e)}. Expected the JSON DevTools saves with "Save all as HAR".`,
    };
  }
  const entries = arr(own(obj(own(obj(har), "log")), "entries")).filter(isObj);
  if (entries.length === 0)
    return { ok: false, message: 'Not a HAR file: expected {"log": {"entries": [...]}} with at least one request.' };
  const notes: string[] = [];
  const requests: Captured[] = [];
  let skipped = 0;
  for (const entry of entries.slice(0, 2000)) {
    const req = obj(own(entry, "request"));
    const res = obj(own(entry, "response"));
    const mime = str(own(obj(own(res, "content")), "mimeType")) ?? "";
    const status = Number(own(res, "status") ?? 0);
    let url: URL;
    try {
      url = new URL(str(own(req, "url")) ?? "");
    } catch {
      skipped++;
      continue;
    }
    if (!/json/i.test(mime) || status < 200 || status >= 300) {
      skipped++;
      continue;
    }
    const post = obj(own(req, "postData"));
    const body =
      str(own(post, "text")) ?? (arr(own(post, "params")).length ? new URLSearchParams(pairs(own(post, "params"))).toString() : null);
    requests.push({
      method: (str(own(req, "method")) ?? "GET").toUpperCase(),
      url,
      headers: pairs(own(req, "headers")),
      body: body ?? null,
      contentType: str(own(post, "mimeType")) ?? null,
      response: { headers: pairs(own(res, "headers")).map(([k]) => k.toLowerCase()), body: responseBody(own(res, "content")) },
    });
  }
  if (skipped > 0)
    notes.push(`${skipped} entr${skipped === 1 ? "y" : "ies"} skipped: not a successful JSON response (pages, scripts, images, errors).`);
  if (requests.length === 0) return { ok: false, message: "The HAR file has no successful JSON API calls to import." };
  return draftFromRequests("har", requests, notes);
}
