/** Downloads: a Blob and a temporary <a download>. Only references are ever written, never secret values. */
import { exportConfig, secretsTomlTemplate, type ExportFile, type ValidationResult } from "@/lib/config";

export type DownloadKind = "json" | "python" | "yaml" | "secrets";

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
export function fileFor(validation: ValidationResult | null, kind: DownloadKind): ExportFile | null {
  if (!validation?.valid || validation.value === null) return null;
  if (kind === "secrets") return { filename: "secrets.toml", mime: "application/toml", text: secretsTomlTemplate(validation.value) };
  return exportConfig(validation, kind);
}
