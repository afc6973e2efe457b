/** Downloads: a Blob and a temporary <a download>. Only references are ever written, never secret values. */
import type { ExportFile, ValidationResult } from "@/lib/config";
import type { SourceFormat } from "@/lib/formats";
import { loadToolkit } from "../toolkit/useToolkit";

export type DownloadKind = "json" | "yaml" | "python" | "secrets";

export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mime};charset=utf-8` }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file.filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file for a download kind; `null` while the config has errors. */
export async function fileFor(validation: ValidationResult | null, kind: DownloadKind): Promise<ExportFile | null> {
  if (!validation?.valid || validation.value === null) return null;
  const { exportConfig, secretsTomlFile } = await loadToolkit();
  return kind === "secrets" ? secretsTomlFile(validation) : exportConfig(validation, kind);
}

const SOURCE: Record<SourceFormat, { ext: string; mime: string }> = {
  python: { ext: "py", mime: "text/x-python" },
  json: { ext: "json", mime: "application/json" },
  yaml: { ext: "yaml", mime: "application/yaml" },
};

/**
 * Ctrl/Cmd+S: the editor's own text, exactly as typed, in its own format (errors and all: it is the
 * user's file). Secret values never enter it: the Secrets panel's values are not part of the text.
 */
export function sourceFile(text: string, format: SourceFormat): ExportFile {
  const { ext, mime } = SOURCE[format];
  return { filename: `rest_api_config.${ext}`, mime, text };
}
