/**
 * Share links: the config (already scrubbed of secret values) compressed into the URL fragment, which
 * browsers never send to a server; restored with its format and the example it came from. A link too
 * long for browsers and chat tools is offered as a `.restplay.json` file with the same envelope.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { z } from "zod";

/** Longest link offered (many tools cut URLs near 8 KB; Chrome allows 2 MB). */
export const MAX_LINK_LENGTH = 8000;
/** Longest config a link or file restores (the run request's own ceiling is 1 MB). */
export const MAX_SHARED_TEXT = 1024 * 1024;
export const SHARE_PREFIX = "#share=";
export const SHARE_FILENAME = "config.restplay.json";

export const SharedConfigSchema = z.strictObject({
  restplay: z.literal(1),
  format: z.enum(["python", "json", "yaml"]),
  text: z.string().max(MAX_SHARED_TEXT),
  example: z.string().max(100).optional(),
});
export type SharedConfig = z.infer<typeof SharedConfigSchema>;

export type ShareOffer =
  | { readonly kind: "link"; readonly url: string }
  | { readonly kind: "file"; readonly filename: string; readonly mime: string; readonly text: string; readonly linkLength: number };

/** A link to `pageUrl` (its own fragment dropped) that restores `shared`, or the file when the link is too long. */
export function shareOffer(pageUrl: string, shared: SharedConfig): ShareOffer {
  const url = `${pageUrl.split("#")[0]}${SHARE_PREFIX}${compressToEncodedURIComponent(JSON.stringify(shared))}`;
  if (url.length <= MAX_LINK_LENGTH) return { kind: "link", url };
  return {
    kind: "file",
    filename: SHARE_FILENAME,
    mime: "application/json",
    text: `${JSON.stringify(shared, null, 2)}\n`,
    linkLength: url.length,
  };
}

export type Restored = { readonly ok: true; readonly shared: SharedConfig } | { readonly ok: false; readonly message: string };

function check(json: unknown, what: string): Restored {
  const parsed = SharedConfigSchema.safeParse(json);
  if (parsed.success) return { ok: true, shared: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    message:
      `This ${what} is not a restplay share (${first ? `${first.path.join(".") || "(top)"}: ${first.message}` : "unexpected shape"}); ` +
      'expected {"restplay": 1, "format", "text"}.',
  };
}

/** The config in a `#share=…` fragment; null when the fragment is not a share. */
export function readShareFragment(hash: string): Restored | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  const data = hash.slice(SHARE_PREFIX.length);
  if (data.length > MAX_SHARED_TEXT * 2) return { ok: false, message: "This share link is longer than restplay restores." };
  const text = decompressFromEncodedURIComponent(data);
  if (!text)
    return {
      ok: false,
      message: "This share link is damaged (it does not decompress): ask for the link again, or for the .restplay.json file.",
    };
  try {
    return check(JSON.parse(text), "link");
  } catch {
    return { ok: false, message: "This share link is damaged (it holds no JSON): ask for the link again." };
  }
}

/** The config in a `.restplay.json` file. */
export function readShareFile(text: string): Restored {
  try {
    return check(JSON.parse(text), "file");
  } catch (e) {
    return {
      ok: false,
      message: `This file is not JSON (${e instanceof Error ? e.message : String(e)}); expected a .restplay.json share file.`,
    };
  }
}
