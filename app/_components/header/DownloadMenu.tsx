"use client";
import type { ValidationResult } from "@/lib/config";
import { Menu } from "./Menu";
import { downloadFile, fileFor, type DownloadKind } from "./downloads";

const ITEMS: readonly { kind: DownloadKind; label: string; description: string }[] = [
  { kind: "json", label: "JSON config (rest_api_config.json)", description: "The config as JSON; secrets as {\"$secret\": name} references." },
  { kind: "python", label: "Python script (rest_api_pipeline.py)", description: "A dlt pipeline in dlt's own form, reading dlt.secrets[...]." },
  { kind: "secrets", label: "secrets.toml template", description: "The secret names with placeholders: fill in your values." },
];

/** Enabled only while the config is valid; downloads hold references, never secret values. */
export function DownloadMenu({ validation, disabledReason }: { validation: ValidationResult | null; disabledReason: string | null }) {
  return (
    <div className="flex items-center gap-1">
      <Menu
        label={disabledReason ? `Download (unavailable: ${disabledReason})` : "Download"}
        buttonLabel="Download"
        disabled={disabledReason !== null}
        testId="download-menu"
        align="right"
        items={ITEMS.map((item) => ({
          id: item.kind,
          label: item.label,
          description: item.description,
          onSelect: () => {
            void fileFor(validation, item.kind).then((file) => file && downloadFile(file));
          },
        }))}
      />
    </div>
  );
}
