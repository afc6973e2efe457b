"use client";
/**
 * Share (issue #11): a link that restores the config — text, format and the example it came from —
 * from the URL fragment (never sent to a server). Literal secrets are replaced by references first and
 * the Secrets panel's values are never part of it; a config too long for a link is a file instead.
 */
import { useEffect, useState } from "react";
import type { SourceFormat } from "@/lib/formats";
import type { ShareOffer } from "@/lib/share";
import { Modal, ModalHeader } from "../commands/Modal";
import { downloadFile } from "../header/downloads";
import { BUTTON, EVIDENCE, INPUT, PRIMARY } from "../import/styles";

type Made = { offer: ShareOffer; replaced: readonly string[]; checked: boolean } | { error: string };

export function ShareDialog({
  open,
  onClose,
  text,
  format,
  example,
}: {
  open: boolean;
  onClose: () => void;
  text: string | null;
  format: SourceFormat | null;
  example: string | null;
}) {
  return (
    <Modal open={open} onClose={onClose} labelledBy="share-title" testId="share-dialog">
      <ShareBody text={text} format={format} example={example} onClose={onClose} />
    </Modal>
  );
}

function ShareBody({
  text,
  format,
  example,
  onClose,
}: {
  text: string | null;
  format: SourceFormat | null;
  example: string | null;
  onClose: () => void;
}) {
  const [made, setMade] = useState<Made | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (text === null) return;
    let live = true;
    void import("@/lib/share").then(
      ({ shareConfig }) => {
        const r = shareConfig(window.location.href, text, format ?? undefined, example ?? undefined);
        if (live) setMade({ offer: r.offer, replaced: r.replaced, checked: r.checked });
      },
      (e: unknown) => live && setMade({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [text, format, example]);

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied to the clipboard.");
    } catch {
      setCopied("The browser did not allow copying: select the link and copy it.");
    }
  };

  return (
    <div className="flex flex-col">
      <ModalHeader id="share-title">Share this config</ModalHeader>
      <div className="min-h-40 px-4 py-3 text-sm">
        {made === null && <p className="text-muted">Preparing the link…</p>}
        {made && "error" in made && (
          <p role="alert" className="text-error">
            ✖ The link could not be made: {made.error}
          </p>
        )}
        {made && "offer" in made && made.offer.kind === "link" && (
          <>
            <label htmlFor="share-link" className="block font-medium">
              Link (the config travels in the part after #, which no server sees)
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="share-link"
                readOnly
                value={made.offer.url}
                onFocus={(e) => e.currentTarget.select()}
                className={`${INPUT} font-mono text-xs`}
                data-testid="share-link"
              />
              <button
                type="button"
                className={PRIMARY}
                onClick={() => made.offer.kind === "link" && void copy(made.offer.url)}
                autoFocus
                data-testid="share-copy"
              >
                Copy
              </button>
            </div>
            <p role="status" className="mt-1 min-h-5 text-xs text-muted">
              {copied}
            </p>
          </>
        )}
        {made && "offer" in made && made.offer.kind === "file" && (
          <>
            <p>
              This config makes a link of {made.offer.linkLength.toLocaleString("en")} characters, too long for many browsers and chat
              tools. Share the file instead: Import opens it.
            </p>
            <button
              type="button"
              className={`${PRIMARY} mt-2`}
              autoFocus
              data-testid="share-download"
              onClick={() => made.offer.kind === "file" && downloadFile(made.offer)}
            >
              Download {made.offer.filename}
            </button>
          </>
        )}
        {made && "offer" in made && (
          <p className={`${EVIDENCE} mt-3`} data-testid="share-note">
            {made.replaced.length > 0
              ? `${made.replaced.length} literal secret${made.replaced.length === 1 ? " was" : "s were"} ` +
                "replaced by dlt.secrets references " +
                `(${made.replaced.slice(0, 4).join(", ")}${made.replaced.length > 4 ? ", …" : ""}). `
              : made.checked
                ? "The config holds no literal secrets. "
                : ""}
            Values typed in the Secrets panel are never shared.
          </p>
        )}
        {made && "offer" in made && !made.checked && (
          <p role="alert" className="mt-2 text-warning" data-testid="share-unchecked">
            ⚠ This text has syntax errors, so restplay could not read all of it as a config. It replaced every value written under a
            credential&apos;s name (token, password, api_key, …) but may have missed a literal secret under another name. Fix the errors
            first, or read the text before you share it.
          </p>
        )}
      </div>
      <div className="flex justify-end border-t border-line px-4 py-2">
        <button type="button" className={BUTTON} onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
