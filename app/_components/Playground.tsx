"use client";
/** The playground screen: wires the document, validation, editor, run and panels together. */
import { useCallback, useMemo, useRef, useState } from "react";
import { applyEdits, listSecrets, resourceNames } from "@/lib/config";
import type { Example } from "@/lib/examples";
import { detectFormat, type QuickFix, type Range, type SourceFormat } from "@/lib/formats";
import { useToolkit } from "./hooks/toolkit";
import type { ConvertOutcome } from "./header/FormatIndicator";
import { EditorHost } from "./editor/EditorHost";
import { EditorLoadingPlaceholder } from "./editor/EditorLoadingPlaceholder";
import type { EditorApi } from "./editor/types";
import { downloadFile, fileFor } from "./header/downloads";
import { Header } from "./header/Header";
import { useDocument } from "./hooks/useDocument";
import { useModKey } from "./hooks/useShortcutLabel";
import { useShortcuts } from "./hooks/useShortcuts";
import { useTheme } from "./hooks/useTheme";
import { useValidation } from "./hooks/useValidation";
import { SplitPane } from "./layout/SplitPane";
import { ProblemsPanel, problemCounts } from "./problems/ProblemsPanel";
import { ResourcesBar } from "./resources/ResourcesBar";
import { useRun } from "./run/useRun";
import { SecretsPanel, type Target } from "./secrets/SecretsPanel";
import { TablesPanel } from "./tables/TablesPanel";
import { TracePanel } from "./trace/TracePanel";

export function Playground() {
  const [text, setText] = useDocument();
  const toolkit = useToolkit();
  const validation = useValidation(text, toolkit);
  const [theme] = useTheme();
  const mod = useModKey();
  const [target, setTarget] = useState<Target>("mock");
  const [secretValues, setSecretValues] = useState<Record<string, string>>({});
  const [maxPages, setMaxPages] = useState("");
  const [deselected, setDeselected] = useState<ReadonlySet<string>>(new Set());
  const editor = useRef<EditorApi | null>(null);
  const { view, start, cancel, reset } = useRun();
  const running = view.trace.phase === "running";

  const format = useMemo(() => (text === null ? null : detectFormat(text)), [text]);
  const uses = useMemo(() => (validation === null ? null : validation.value ? listSecrets(validation.value) : []), [validation]);
  const names = useMemo(() => resourceNames(validation?.value ?? null), [validation]);
  const selected = useMemo(() => new Set(names.filter((n) => !deselected.has(n))), [names, deselected]);
  const { errors } = problemCounts(validation?.diagnostics ?? []);
  const blockedReason =
    text === null || validation === null ? "Checking the config…" : errors > 0 ? `Fix ${errors} error${errors === 1 ? "" : "s"} to run (see Problems)` : null;

  const runWith = useCallback(
    (resources: readonly string[] | undefined) => {
      if (blockedReason !== null || running || text === null || !validation || !toolkit) return;
      const cap = Number(maxPages);
      const pages = maxPages.trim() !== "" && Number.isInteger(cap) && cap >= 1 && cap <= 10_000 ? { maxPages: cap } : {};
      start({ text, config: validation.config, target, secrets: secretValues, createPreview: toolkit.createPreview, ...pages, ...(resources ? { resources } : {}) });
    },
    [blockedReason, running, text, validation, toolkit, target, secretValues, maxPages, start],
  );
  const runDefault = useCallback(() => {
    const chosen = names.filter((n) => selected.has(n));
    runWith(chosen.length === names.length || chosen.length === 0 ? undefined : chosen);
  }, [names, selected, runWith]);
  const saveCurrent = useCallback(() => {
    void fileFor(validation, format ?? "python").then((file) => file && downloadFile(file));
  }, [validation, format]);
  useShortcuts({ run: runDefault, save: saveCurrent });

  const onExample = (example: Example) => {
    reset();
    if (editor.current) {
      editor.current.setText(example.text);
      editor.current.focus();
    } else setText(example.text);
  };
  const onConvert = useCallback(
    (to: SourceFormat, force: boolean): ConvertOutcome => {
      if (text === null || format === null || toolkit === null) return { kind: "refused", reason: "The editor is still loading." };
      const { convertDocument, describeLoss } = toolkit;
      const result = convertDocument(text, format, to);
      if (!result.ok) return { kind: "refused", reason: result.reason };
      const warning = describeLoss(result.loss, to);
      if (warning && !force) return { kind: "confirm", warning };
      // Through the editor, so the conversion is one undo step; the model language follows the text.
      if (editor.current) editor.current.setText(result.text);
      else setText(result.text);
      return { kind: "done" };
    },
    [text, format, toolkit, setText],
  );
  const knownFields = useCallback(
    (resource: string): readonly string[] => {
      const table = view.tables.find((t) => t.resource === resource);
      if (!table) return [];
      const fields = new Set<string>();
      for (const record of table.records.slice(0, 50)) for (const [k, v] of Object.entries(record)) if (v === null || typeof v !== "object") fields.add(k);
      return [...fields];
    },
    [view.tables],
  );
  const onReveal = useCallback((range: Range) => editor.current?.reveal(range), []);
  const onFix = useCallback(
    (fix: QuickFix, forText: string) => {
      if (editor.current?.applyEdits(fix.edits, forText)) return;
      if (text === forText) setText(applyEdits(forText, fix.edits));
    },
    [text, setText],
  );
  const onSecret = useCallback((name: string, value: string) => setSecretValues((prev) => ({ ...prev, [name]: value })), []);
  const onToggle = useCallback((name: string, on: boolean) => {
    setDeselected((prev) => {
      const next = new Set(prev);
      if (on) next.delete(name);
      else next.add(name);
      return next;
    });
  }, []);
  const onReady = useCallback((api: EditorApi | null) => {
    editor.current = api;
  }, []);

  return (
    <div className="flex h-full flex-col">
      <Header
        format={format}
        onConvert={onConvert}
        validation={validation}
        target={target}
        onTarget={setTarget}
        onExample={onExample}
        onRun={runDefault}
        onCancel={cancel}
        running={running}
        blockedReason={blockedReason}
        mod={mod}
      />
      <main className="flex min-h-0 min-w-0 flex-1 p-2">
        <SplitPane
          left={
            <section aria-label="Config editor" className="h-full overflow-hidden rounded border border-line bg-surface">
              {text === null ? (
                <EditorLoadingPlaceholder />
              ) : (
                <EditorHost
                  initialValue={text}
                  language={format ?? "python"}
                  validation={validation}
                  dark={theme === "dark"}
                  onChange={setText}
                  onReady={onReady}
                  onRun={runDefault}
                  onSave={saveCurrent}
                  knownFields={knownFields}
                />
              )}
            </section>
          }
          right={
            <div className="grid h-full min-h-0 gap-2 pl-1" style={{ gridTemplateRows: "minmax(0, 27fr) auto minmax(0, 33fr) minmax(0, 40fr)", gridTemplateColumns: "minmax(0, 1fr)" }}>
              <div className="grid min-h-0 grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-2">
                <ProblemsPanel validation={validation} onReveal={onReveal} onFix={onFix} />
                <SecretsPanel uses={uses} values={secretValues} target={target} onChange={onSecret} />
              </div>
              <ResourcesBar
                names={names}
                selected={selected}
                onToggle={onToggle}
                onRunAll={() => runWith(undefined)}
                onRunSelected={() => runWith(names.filter((n) => selected.has(n)))}
                canRun={blockedReason === null}
                running={running}
                maxPages={maxPages}
                onMaxPages={setMaxPages}
              />
              <TracePanel trace={view.trace} onCancel={cancel} shortcut={`${mod}+Enter`} />
              <TablesPanel tables={view.tables} />
            </div>
          }
        />
      </main>
    </div>
  );
}
