/**
 * Figure 5: JavaScript the playground page loads before Monaco (gzipped), and Monaco's own weight,
 * read from the production build (`next build` must have run). Next 16 prints no "First Load JS";
 * the page's first-load chunks are the `<script>` tags of the server-rendered HTML.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { figure, info, type Figure } from "./figures";

const STATIC = ".next/static";

function allChunks(dir = join(STATIC, "chunks")): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? allChunks(p) : p.endsWith(".js") ? [p] : [];
  });
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** `html` is the server-rendered playground page. */
export function bundleFiguresFromHtml(html: string): Figure[] {
  const first = [...html.matchAll(/<script[^>]+src="\/_next\/(static\/[^"]+\.js)"/g)].map((m) => join(".next", m[1] ?? ""));
  const firstSet = new Set(first.filter(existsSync));
  const firstGz = [...firstSet].reduce((s, f) => s + gz(f), 0);
  const monacoFiles = allChunks().filter(
    (f) => !firstSet.has(f) && /monaco|editor\.api|vs\/editor|StandaloneCodeEditor/.test(readFileSync(f, "latin1").slice(0, 400_000)),
  );
  const monacoGz = monacoFiles.reduce((s, f) => s + gz(f), 0);
  const monacoInFirst = [...firstSet].some((f) => /StandaloneCodeEditor|editor\.api/.test(readFileSync(f, "latin1")));
  return [
    figure("bundle.first_load_js_gzip_kb", firstGz / 1024, "KB", 250, {
      note: `${firstSet.size} scripts in the page's HTML, Monaco ${monacoInFirst ? "INCLUDED" : "not included"}`,
    }),
    info("bundle.monaco_js_gzip_kb", monacoGz / 1024, "KB", `${monacoFiles.length} chunks loaded after first paint (dynamic import)`),
    figure("bundle.monaco_in_first_load", monacoInFirst ? 1 : 0, "bool", 0, { note: "0: Monaco loads after first paint" }),
  ];
}

export async function bundleFigures(): Promise<Figure[]> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const { withServer } = await import("./browser");
  return withServer(async (url) => bundleFiguresFromHtml(await (await fetch(url)).text()));
}
