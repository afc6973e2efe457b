"use client";
/** Step 1 of Import: paste or choose a file, say what it is (or let restplay tell). */
import { useEffect, useRef, type ChangeEvent } from "react";
import type { ImportModel } from "./useImportDraft";
import { BUTTON, EVIDENCE, INPUT, PRIMARY } from "./styles";

const FILE_INPUT = [
  "mt-1 block w-full text-sm text-fg",
  "file:mr-2 file:rounded file:border file:border-line file:bg-raised file:px-2 file:py-1 file:text-fg",
].join(" ");

const KINDS = [
  { value: "auto", label: "Detect from the text" },
  { value: "openapi", label: "OpenAPI 3.x / Swagger 2 (JSON or YAML)" },
  { value: "curl", label: "curl commands" },
  { value: "har", label: "HAR file (DevTools: Save all as HAR)" },
  { value: "sample", label: "A sample JSON response" },
] as const;

export function SourceStep({ m, onAnalyse, onClose }: { m: ImportModel; onAnalyse: () => void; onClose: () => void }) {
  const area = useRef<HTMLTextAreaElement>(null);
  // After the dialog has opened (showModal focuses its first control): the text box is where to start.
  useEffect(() => {
    const frame = requestAnimationFrame(() => area.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) return m.setError(`${file.name} is larger than 5 MB; restplay imports at most 5 MB.`);
    m.setText(await file.text());
    if (/\.har$/i.test(file.name)) m.setKind("har");
  };
  return (
    <form
      className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto px-4 py-3"
      onSubmit={(e) => {
        e.preventDefault();
        onAnalyse();
      }}
    >
      <label className="block text-sm font-medium" htmlFor="import-text">
        Paste an OpenAPI document, curl commands, a HAR file or a JSON response
        <span className={EVIDENCE}>
          Nothing leaves your browser: the text is read here. Credentials in it become dlt.secrets references.
        </span>
      </label>
      <textarea
        id="import-text"
        data-testid="import-text"
        ref={area}
        value={m.text}
        onChange={(e) => m.setText(e.target.value)}
        spellCheck={false}
        className="h-56 w-full resize-none rounded border border-line bg-surface p-2 font-mono text-xs text-fg"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          Or open a file
          <input
            type="file"
            accept=".json,.yaml,.yml,.har,.txt,.sh"
            onChange={(e) => void onFile(e)}
            className={FILE_INPUT}
            data-testid="import-file"
          />
        </label>
        <label className="block text-sm">
          What it is
          <select
            value={m.kind}
            onChange={(e) => m.setKind(e.target.value as typeof m.kind)}
            className={`${INPUT} mt-1`}
            data-testid="import-kind"
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm">
        Address of a sample response (optional)
        <input
          type="url"
          value={m.url}
          onChange={(e) => m.setUrl(e.target.value)}
          placeholder="https://api.example.com/v1/items"
          className={`${INPUT} mt-1`}
        />
      </label>
      <p role="alert" className="min-h-5 text-sm text-error" data-testid="import-error">
        {m.error && (
          <>
            <span aria-hidden="true">✖ </span>
            {m.error}
          </>
        )}
      </p>
      <div className="mt-auto flex justify-end gap-2">
        <button type="button" className={BUTTON} onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className={PRIMARY} disabled={m.text.trim() === ""} data-testid="import-analyse">
          Read it
        </button>
      </div>
    </form>
  );
}
