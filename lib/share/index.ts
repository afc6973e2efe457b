/**
 * lib/share: a config as a link (or a `.restplay.json` file) that holds no secret value — literal
 * credentials become `dlt.secrets` references first — and back. Pure TypeScript for the browser.
 */
import { scrubSecrets } from "./scrub";
import { shareOffer, type ShareOffer, type SharedConfig } from "./link";
import type { SourceFormat } from "../formats";

export { scrubSecrets, type Scrubbed } from "./scrub";
export {
  MAX_LINK_LENGTH,
  SHARE_FILENAME,
  SHARE_PREFIX,
  SharedConfigSchema,
  readShareFile,
  readShareFragment,
  shareOffer,
  type Restored,
  type ShareOffer,
  type SharedConfig,
} from "./link";

/** Scrubs the text, then offers a link (or the file): what the Share button does. */
export function shareConfig(
  pageUrl: string,
  text: string,
  format: SourceFormat | undefined,
  example?: string,
): { offer: ShareOffer; replaced: readonly string[]; checked: boolean; shared: SharedConfig } {
  const scrubbed = scrubSecrets(text, format);
  const shared: SharedConfig = { restplay: 1, format: scrubbed.format, text: scrubbed.text, ...(example ? { example } : {}) };
  return { offer: shareOffer(pageUrl, shared), replaced: scrubbed.replaced, checked: scrubbed.checked, shared };
}
