import type { Severity } from "@/lib/formats";

const ICON: Record<Severity, { glyph: string; label: string; className: string }> = {
  error: { glyph: "✖", label: "Error", className: "text-error" },
  warning: { glyph: "▲", label: "Warning", className: "text-warning" },
  info: { glyph: "ℹ", label: "Info", className: "text-info" },
};

/** Severity as an icon plus screen-reader text: colour is never the only signal. */
export function SeverityIcon({ severity }: { severity: Severity }) {
  const s = ICON[severity];
  return (
    <span className={`inline-block w-4 shrink-0 text-center ${s.className}`} title={s.label}>
      <span aria-hidden="true">{s.glyph}</span>
      <span className="sr-only">{s.label}:</span>
    </span>
  );
}
