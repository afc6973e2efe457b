/** curl commands (as API docs and DevTools' "Copy as cURL" print them) → captured requests. */
import type { Captured } from "./request";
import { splitCommands } from "./shell";

const VALUE_OPTIONS = new Set([
  "-X",
  "--request",
  "-H",
  "--header",
  "-d",
  "--data",
  "--data-raw",
  "--data-binary",
  "--data-ascii",
  "--data-urlencode",
  "--json",
  "-u",
  "--user",
  "--url",
  "-b",
  "--cookie",
  "-A",
  "--user-agent",
  "-e",
  "--referer",
  "-o",
  "--output",
  "-m",
  "--max-time",
  "--connect-timeout",
  "-x",
  "--proxy",
  "-F",
  "--form",
  "--retry",
  "-w",
  "--write-out",
  "-c",
  "--cookie-jar",
  "--cert",
  "--key",
  "--cacert",
  "-T",
  "--upload-file",
  "--oauth2-bearer",
]);

export type CurlParse = { readonly requests: Captured[]; readonly notes: string[] } | { readonly error: string };

/** Every `curl …` command in the text as a request; other commands are skipped. */
export function parseCurl(text: string): CurlParse {
  const notes: string[] = [];
  const requests: Captured[] = [];
  for (const words of splitCommands(text)) {
    if (words[0] !== "curl") continue;
    let method: string | null = null;
    let url: string | null = null;
    let get = false;
    const headers: [string, string][] = [];
    const data: string[] = [];
    let json = false;
    for (let i = 1; i < words.length; i++) {
      const w = words[i] ?? "";
      const eq = w.startsWith("--") ? w.indexOf("=") : -1;
      const opt = eq > 0 ? w.slice(0, eq) : /^-[A-Za-z]./.test(w) && VALUE_OPTIONS.has(w.slice(0, 2)) ? w.slice(0, 2) : w;
      const inline = eq > 0 ? w.slice(eq + 1) : opt !== w ? w.slice(2) : null;
      const value = () => inline ?? words[++i] ?? "";
      if (!opt.startsWith("-")) url ??= w;
      else if (opt === "-X" || opt === "--request") method = value().toUpperCase();
      else if (opt === "-H" || opt === "--header") {
        const h = value();
        const colon = h.indexOf(":");
        if (colon > 0) headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
      } else if (opt === "--json") {
        data.push(value());
        json = true;
      } else if (opt.startsWith("--data") || opt === "-d") data.push(value());
      else if (opt === "-u" || opt === "--user") {
        value();
        headers.push(["Authorization", "Basic (from -u)"]);
      } else if (opt === "--oauth2-bearer") {
        value();
        headers.push(["Authorization", "Bearer (from --oauth2-bearer)"]);
      } else if (opt === "-b" || opt === "--cookie") {
        value();
        notes.push("Cookies (-b) are not imported: dlt's rest_api has no cookie auth.");
      } else if (opt === "-F" || opt === "--form") {
        value();
        notes.push("Multipart form fields (-F) are not imported: dlt sends JSON or form-encoded bodies.");
      } else if (opt === "--url") url = value();
      else if (opt === "-G" || opt === "--get") get = true;
      else if (VALUE_OPTIONS.has(opt)) value();
    }
    if (!url) {
      notes.push("A curl command without a URL was skipped.");
      continue;
    }
    let parsed: URL;
    try {
      parsed = new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`);
    } catch {
      notes.push(`\`${url}\` is not a URL: that command was skipped.`);
      continue;
    }
    let body: string | null = data.length ? data.join("&") : null;
    if (get && body !== null) {
      for (const [k, v] of new URLSearchParams(body)) parsed.searchParams.append(k, v);
      body = null;
    }
    if (json) headers.push(["Content-Type", "application/json"]);
    const contentType =
      headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? (body !== null ? "application/x-www-form-urlencoded" : null);
    requests.push({ method: method ?? (body !== null ? "POST" : "GET"), url: parsed, headers, body, contentType, response: null });
  }
  if (requests.length === 0)
    return {
      error: "No curl command found: expected text like `curl 'https://api.example.com/items?page=1' -H 'Authorization: Bearer …'`.",
    };
  return { requests, notes };
}
