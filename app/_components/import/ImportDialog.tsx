"use client";
/**
 * Import (issue #11): an OpenAPI/Swagger document, curl commands, a HAR file or a sample response
 * becomes a config — every guess shown with its evidence and editable — that replaces the editor's
 * text (one undo step). A `.restplay.json` share file opens as it was shared.
 */
import type { ExportFormat } from "@/lib/config";
import type { MockSpec } from "@/lib/mocks";
import type { SharedConfig } from "@/lib/share";
import { Modal, ModalHeader } from "../commands/Modal";
import { ReviewStep } from "./ReviewStep";
import { SourceStep } from "./SourceStep";
import { useImportDraft } from "./useImportDraft";

export function ImportDialog({
  open,
  onClose,
  format,
  onInsert,
  onOpenShared,
}: {
  open: boolean;
  onClose: () => void;
  format: ExportFormat;
  onInsert: (text: string, mockSpec: MockSpec | null, summary: string) => void;
  onOpenShared: (shared: SharedConfig) => void;
}) {
  return (
    <Modal open={open} onClose={onClose} labelledBy="import-title" testId="import-dialog" wide>
      <ImportBody format={format} onClose={onClose} onInsert={onInsert} onOpenShared={onOpenShared} />
    </Modal>
  );
}

function ImportBody({ format, onClose, onInsert, onOpenShared }: Omit<Parameters<typeof ImportDialog>[0], "open">) {
  const m = useImportDraft(format);
  const analyse = async () => {
    if (/^\s*\{\s*"restplay"\s*:/.test(m.text)) {
      const { readShareFile } = await import("@/lib/share");
      const restored = readShareFile(m.text);
      if (restored.ok) return onOpenShared(restored.shared);
      return m.setError(restored.message);
    }
    await m.analyse();
  };
  const insert = () => {
    const r = m.built.rendered;
    if (!r?.valid) return;
    onInsert(
      r.text,
      m.built.mock,
      `Imported ${m.built.resources.length} resource${m.built.resources.length === 1 ? "" : "s"} (${m.built.resources.join(", ")}).`,
    );
  };
  return (
    <div className="flex h-[min(85vh,44rem)] flex-col">
      <ModalHeader id="import-title">Import {m.draft ? "— check the guesses" : "— start from the API"}</ModalHeader>
      {m.draft ? (
        <ReviewStep m={m} onInsert={insert} onClose={onClose} />
      ) : (
        <SourceStep m={m} onAnalyse={() => void analyse()} onClose={onClose} />
      )}
    </div>
  );
}
