import type { RunTarget as Target } from "@/lib/run";

/** Mock (built-in mock APIs, no network) or Live (your API through the server's guarded fetch). */
export function TargetSwitch({ target, onChange }: { target: Target; onChange: (t: Target) => void }) {
  return (
    <fieldset className="flex items-center gap-1 text-xs" data-testid="target-switch">
      <legend className="sr-only">Run target</legend>
      <span className="text-muted max-[1359px]:hidden" aria-hidden="true">
        target
      </span>
      <div className="flex rounded border border-line">
        {(["mock", "live"] as const).map((t) => (
          <label
            key={t}
            // Narrower from 768 to 1023 px, where the header keeps one row.
            className={`flex cursor-pointer items-center gap-1 px-2 py-1 md:max-lg:px-1.5 ${
              target === t ? "bg-accent-soft font-semibold text-fg" : "text-muted"
            }`}
          >
            <input
              type="radio"
              name="target"
              value={t}
              checked={target === t}
              onChange={() => onChange(t)}
              className="accent-[var(--app-accent)]"
            />
            {t === "mock" ? "Mock" : "Live"}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
