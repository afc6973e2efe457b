"use client";
import { FORMAT_NAMES, type SourceFormat } from "@/lib/formats";
import { Menu } from "./Menu";
import type { DownloadKind } from "./downloads";

const ITEMS: readonly { kind: DownloadKind; label: string; description: string }[] = [
  {
    kind: "json",
    label: "JSON config (rest_api_config.json)",
    description: "The config as dlt takes it, secrets left out (secrets.toml shows the lines that bind them).",
  },
  {
    kind: "yaml",
    label: "YAML config (rest_api_config.yaml)",
    description: "The config as dlt takes it, secrets left out; its header shows how to load it and bind them.",
  },
  {
    kind: "python",
    label: "Python script (rest_api_pipeline.py)",
    description: "A runnable dlt pipeline (your own Python file, with dlt's fixes, when you typed one), reading dlt.secrets[...].",
  },
  { kind: "secrets", label: "secrets.toml template", description: "The secret names with placeholders: fill in your values." },
];

/**
 * Every download in one menu. The exports need a config without errors (each item says so); the
 * editor's own text can always be saved. Choosing an item returns focus to the Download button.
 */
export function DownloadMenu({
  format,
  exportBlocked,
  onDownload,
  onSaveSource,
  saveShortcut,
}: {
  format: SourceFormat | null;
  /** Why the exports are unavailable now, or null. */
  exportBlocked: string | null;
  onDownload: (kind: DownloadKind) => void;
  onSaveSource: () => void;
  saveShortcut: string;
}) {
  const ext = format === "python" ? "py" : (format ?? "txt");
  return (
    <Menu
      label="Download"
      buttonLabel={
        <>
          <span className="max-sm:sr-only md:max-[1279px]:sr-only">Download</span>
          <span aria-hidden="true" className="sm:max-md:hidden min-[1280px]:hidden">
            ⤓
          </span>
        </>
      }
      testId="download-menu"
      title="Download the config (JSON, YAML), a runnable Python pipeline, a secrets.toml template or the editor's text"
      align="right"
      items={[
        ...ITEMS.map((item) => ({
          id: item.kind,
          label: item.label,
          description: item.description,
          disabledReason: exportBlocked,
          onSelect: () => onDownload(item.kind),
        })),
        {
          id: "source",
          label: `Editor text as typed (rest_api_config.${ext})`,
          description: `Your ${format ? FORMAT_NAMES[format] : ""} text exactly as it is in the editor, errors and all.`,
          hint: saveShortcut,
          disabledReason: format === null ? "The editor is still loading." : null,
          onSelect: onSaveSource,
        },
      ]}
    />
  );
}
