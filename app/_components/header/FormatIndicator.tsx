import type { SourceFormat } from "@/lib/formats";

const FORMATS: readonly { id: SourceFormat; label: string }[] = [
  { id: "python", label: "Python" },
  { id: "json", label: "JSON" },
  { id: "yaml", label: "YAML" },
];

/** The detected input format; the active one is marked by weight, a check mark and text, not colour alone. */
export function FormatIndicator({ format }: { format: SourceFormat | null }) {
  const name = FORMATS.find((f) => f.id === format)?.label ?? "detecting";
  return (
    <div className="flex items-center gap-1 text-xs" role="status" aria-label={`Detected format: ${name}`} data-testid="format-indicator" data-format={format ?? ""}>
      <span className="text-muted" aria-hidden="true">
        format
      </span>
      <span className="flex rounded border border-line" aria-hidden="true">
        {FORMATS.map((f) => (
          <span key={f.id} className={`px-2 py-1 ${f.id === format ? "bg-accent-soft font-semibold text-fg" : "text-muted"}`}>
            {f.id === format ? "✓ " : ""}
            {f.label}
          </span>
        ))}
      </span>
    </div>
  );
}
