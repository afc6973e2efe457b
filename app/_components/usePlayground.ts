"use client";
/** The playground's state and actions: the document, validation, the run and its inputs, downloads. */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { listSecrets, resourceNames } from "@/lib/config";
import type { Example } from "@/lib/examples";
import { sniffFormat, type QuickFix, type Range, type SourceFormat } from "@/lib/formats";
import type { EditorApi } from "./editor/types";
import { downloadFile, fileFor, sourceFile, type DownloadKind } from "./header/downloads";
import type { ConvertOutcome } from "./header/FormatIndicator";
import { useToolkit } from "./toolkit/useToolkit";
import { useDocument } from "./hooks/useDocument";
import { useValidation } from "./hooks/useValidation";
import { countsText, groupProblems, problemCounts } from "./problems/group";
import { useRun } from "./run/useRun";
import { useImported } from "./import/useImported";
import { pageLimit } from "./resources/page-limit";
import { missingSecrets, type RunTarget as Target } from "@/lib/run";
import type { WorkbenchApi } from "./workbench/api";
import type { Imported } from "./import/useImported";
import { changeLabel, isStale, staleness, type RunBasis } from "./workbench/stale";
import { createDuckClient } from "./duck/duck-client";
import type { DestinationActions } from "./tables/TablesPanel";
import { loadGrid } from "./tables/lazy-grid";
import { runOutcome } from "./trace/format";
import type { Announce } from "./ui/Announcer";
import { secretFieldId } from "./secrets/SecretsPanel";

export function usePlayground(announce: Announce) {
  const [text, setText] = useDocument();
  const toolkit = useToolkit();
  const checked = useValidation(text, toolkit);
  const [target, setTarget] = useState<Target>("mock");
  const [secretValues, setSecretValues] = useState<Record<string, string>>({});
  const [maxPages, setMaxPages] = useState("");
  const [deselected, setDeselected] = useState<ReadonlySet<string>>(new Set());
  const [runBasis, setRunBasis] = useState<RunBasis | null>(null);
  const editor = useRef<EditorApi | null>(null);
  const workbench = useRef<WorkbenchApi | null>(null);
  const run = useRun();
  const imported = useImported();
  const running = run.view.trace.phase === "running";
  // A run's start and end are announced wherever the focus is and whichever panel shows (the status
  // bar above the trace updates every page and may be hidden).
  const lastPhase = useRef(run.view.trace.phase);
  useEffect(() => {
    const trace = run.view.trace;
    if (trace.phase === lastPhase.current) return;
    lastPhase.current = trace.phase;
    const outcome = runOutcome(trace);
    const refusal = run.view.refusal;
    if (trace.phase === "running") announce("Running…");
    else if (outcome !== null)
      announce(refusal === null ? outcome : `${outcome}. dlt loads nothing from it: it fails the load on ${refusal}.`);
  }, [run.view.trace, run.view.refusal, announce]);
  // Findings from the last run's records join the config's problems, placed on today's text (lib/config findings).
  const validation = useMemo(() => {
    if (!checked || !toolkit || run.view.findings.length === 0) return checked;
    const found = toolkit.recordFindingDiagnostics(checked.document, run.view.findings);
    return found.length === 0 ? checked : { ...checked, diagnostics: [...checked.diagnostics, ...found] };
  }, [checked, toolkit, run.view.findings]);

  // Until the toolkit is in, the format from the text's tokens (no YAML parser in the first load): only
  // text that opens like JSON but may be YAML flow style waits for the toolkit's parse (`null`).
  const format = useMemo(() => (text === null ? null : toolkit ? toolkit.detectFormat(text) : sniffFormat(text)), [text, toolkit]);
  const uses = useMemo(() => (validation === null ? null : validation.value ? listSecrets(validation.value) : []), [validation]);
  const names = useMemo(() => resourceNames(validation?.value ?? null), [validation]);
  const selected = useMemo(() => new Set(names.filter((n) => !deselected.has(n))), [names, deselected]);
  const counts = useMemo(() => problemCounts(validation?.diagnostics ?? []), [validation]);
  const checking = text === null || validation === null;
  const errors = `${counts.errors} error${counts.errors === 1 ? "" : "s"}`;
  /** The resources Run runs (none named: all of them), as runDefault picks them. */
  const defaultResources = useMemo(() => {
    const chosen = names.filter((n) => selected.has(n));
    return chosen.length === names.length || chosen.length === 0 ? undefined : chosen;
  }, [names, selected]);
  /** Why a run of `resources` cannot start (lib/run's missingSecrets: a Live run's references without a value), or null. */
  const blockFor = useCallback(
    (resources: readonly string[] | undefined): Blocked | null => {
      if (checking) return { reason: "Checking the config…", label: "Checking…", missing: [] };
      if (counts.errors > 0) return { reason: `Fix ${errors} to run (see Problems)`, label: errors, missing: [] };
      const missing = [...new Set(missingSecrets(validation.value, { given: secretValues, target }, resources).map((s) => s.name))];
      if (missing.length === 0) return null;
      const n = missing.length;
      return {
        reason: `Live needs ${n === 1 ? "a value" : "values"} for ${missing.join(", ")} (see Secrets)`,
        label: `${n} secret${n === 1 ? "" : "s"}`,
        missing,
      };
    },
    [checking, counts.errors, errors, validation, secretValues, target],
  );
  const blocked = useMemo(() => blockFor(defaultResources), [blockFor, defaultResources]);
  const blockedReason = blocked?.reason ?? null;
  /** The reason in a word or two, where the whole one does not fit (a laptop's header). */
  const blockedLabel = blocked?.label ?? null;
  const missingSet = useMemo(() => new Set(blocked?.missing ?? []), [blocked]);
  const exportBlocked = checking
    ? "Checking the config…"
    : counts.errors > 0
      ? `Unavailable while the config has errors (${countsText(counts)}).`
      : null;

  const stale = useMemo(() => {
    if (!runBasis || run.view.trace.phase === "idle" || validation === null) return null;
    const s = staleness(runBasis, { value: validation.value, target, maxPages, secrets: secretValues }, run.view.trace.resources);
    return isStale(s) ? s : null;
  }, [runBasis, run.view.trace, validation, target, maxPages, secretValues]);
  // By the resources' names, not the trace's snapshot of them: the same labels while a run streams keep the
  // tables (a memo) from rendering again on every frame of the trace.
  const tracedNames = run.view.trace.resources.map((r) => r.name).join("\u0000");
  const staleLabels = useMemo(() => {
    const labels = new Map<string, string>();
    for (const name of tracedNames === "" ? [] : tracedNames.split("\u0000")) {
      const label = changeLabel(stale, name);
      if (label) labels.set(name, label);
    }
    return labels;
  }, [stale, tracedNames]);

  /** Shows the Secrets and puts the cursor in the first field a Live run is missing (from a blocked Run's way to the fix). */
  const fillSecrets = useCallback(
    (missing: readonly string[] = blocked?.missing ?? []) => {
      const first = missing[0];
      const use = first === undefined ? undefined : uses?.find((u) => u.name === first);
      if (!use) return;
      workbench.current?.show("secrets");
      // After the layout has shown the panel (a tab switch or an expand).
      requestAnimationFrame(() => document.getElementById(secretFieldId(use))?.focus());
    },
    [blocked, uses],
  );

  const runWith = useCallback(
    (resources: readonly string[] | undefined, from: "button" | "elsewhere" = "elsewhere") => {
      // Asked to run while it cannot (Ctrl+Enter, the palette, the Run button): say why, where a screen reader hears it.
      const block = blockFor(resources);
      if (block !== null) {
        announce(`Cannot run: ${block.reason}.`);
        // A pressed button takes the user to the first missing secret's field; a shortcut leaves the focus where it is.
        if (from === "button") fillSecrets(block.missing);
        return;
      }
      if (running || text === null || !validation || !toolkit) return;
      // Run what is in the editor: a validation still debouncing behind the last keystroke (or a
      // just-opened example) is redone now, so the preview's config and the run's basis match the text.
      const current = validation.document.text === text ? validation : toolkit.validateText(text);
      if (!current.valid) return;
      const cap = pageLimit(maxPages);
      const pages = typeof cap === "number" ? { maxPages: cap } : {};
      setRunBasis({ value: current.value, target, maxPages, secrets: secretValues });
      workbench.current?.runStarted();
      const mockSpec = imported.mockSpec;
      run.start({
        text,
        config: current.config,
        target,
        secrets: secretValues,
        createPreview: toolkit.createPreview,
        mockSpec,
        ...pages,
        ...(resources ? { resources } : {}),
      });
      // The tables' grid loads while the server answers (it renders the first rows).
      loadGrid().catch(() => undefined); // the tables say so if it cannot load
    },
    [blockFor, fillSecrets, running, text, validation, toolkit, target, secretValues, maxPages, run, imported.mockSpec, announce],
  );
  const runDefault = useCallback(() => runWith(defaultResources), [defaultResources, runWith]);
  /** The Run button's press: as runDefault, and when secrets block it, the first missing field gets the focus. */
  const runPressed = useCallback(() => runWith(defaultResources, "button"), [defaultResources, runWith]);
  const runAll = useCallback(() => runWith(undefined, "button"), [runWith]);
  const runSelected = useCallback(
    () =>
      runWith(
        names.filter((n) => selected.has(n)),
        "button",
      ),
    [runWith, names, selected],
  );

  // The destination in DuckDB (decision 0019): the SQL console's and the downloads' client, and Reset.
  const duck = useMemo(() => createDuckClient(run.destination), [run.destination]);
  const destination = useMemo<DestinationActions>(
    () => ({
      duck,
      destination: run.destination,
      running,
      phase: run.view.trace.phase,
      refusal: run.view.refusal,
      cursorsMoved: run.view.cursorsMoved,
      onResetDestination: run.resetDestination,
      onResetIncremental: run.resetIncremental,
      announce,
    }),
    [
      duck,
      running,
      run.view.trace.phase,
      run.view.refusal,
      run.view.cursorsMoved,
      run.destination,
      run.resetDestination,
      run.resetIncremental,
      announce,
    ],
  );

  const saveSource = useCallback(() => {
    if (text === null || format === null) return;
    const file = sourceFile(text, format);
    downloadFile(file);
    announce(`Saved ${file.filename}.`);
  }, [text, format, announce]);
  const download = useCallback(
    (kind: DownloadKind) => {
      void fileFor(validation, kind).then((file) => {
        if (!file) return announce("Nothing to download: the config has errors.");
        downloadFile(file);
        const changed = file.notes?.length ? ` Changed for dlt: ${file.notes.join(" ")}` : "";
        announce(`Downloaded ${file.filename}.${changed}`);
      });
    },
    [validation, announce],
  );

  /** Replaces the document (an example, an import, a shared link): results of the old one are forgotten. */
  const openText = useCallback(
    (next: string, origin: { example?: string | null; mockSpec?: Imported["mockSpec"] } = {}) => {
      run.reset();
      setRunBasis(null);
      imported.setExampleId(origin.example ?? null);
      imported.setMockSpec(origin.mockSpec ?? null);
      workbench.current?.show("editor");
      if (editor.current) {
        editor.current.setText(next);
        editor.current.focus();
      } else setText(next);
    },
    [run, setText, imported],
  );
  const openExample = useCallback((example: Example) => openText(example.text, { example: example.id }), [openText]);
  const convert = useCallback(
    (to: SourceFormat, force: boolean): ConvertOutcome => {
      if (text === null || format === null || toolkit === null) return { kind: "refused", reason: "The editor is still loading." };
      const result = toolkit.convertConfig(text, format, to);
      if (!result.ok) return { kind: "refused", reason: result.reason };
      const warning = toolkit.describeLoss(result.loss, to);
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
      const table = run.view.tables.find((t) => t.resource === resource);
      if (!table) return [];
      const fields = new Set<string>();
      for (const record of table.records.slice(0, 50))
        for (const [k, v] of Object.entries(record)) if (v === null || typeof v !== "object") fields.add(k);
      return [...fields];
    },
    [run.view.tables],
  );
  const reveal = useCallback((range: Range) => {
    workbench.current?.show("editor");
    // After the layout has shown the editor (a tab switch or an expand), so Monaco can scroll to it.
    requestAnimationFrame(() => editor.current?.reveal(range));
  }, []);
  const firstProblem = useCallback(() => {
    const first = validation ? groupProblems(validation.document.text, validation.diagnostics)[0] : undefined;
    if (first) reveal(first.root.range);
    else announce("No problems: the config is valid.");
  }, [validation, reveal, announce]);
  const fix = useCallback(
    (quickFix: QuickFix, forText: string) => {
      if (editor.current?.applyEdits(quickFix.edits, forText)) return;
      // Fixes come from diagnostics, so the toolkit that made them is in.
      if (text === forText && toolkit) setText(toolkit.applyEdits(forText, quickFix.edits));
    },
    [text, setText, toolkit],
  );
  const setSecret = useCallback((name: string, value: string) => setSecretValues((prev) => ({ ...prev, [name]: value })), []);
  const toggleResource = useCallback((name: string, on: boolean) => {
    setDeselected((prev) => {
      const next = new Set(prev);
      if (on) next.delete(name);
      else next.add(name);
      return next;
    });
  }, []);
  const onEditorReady = useCallback((api: EditorApi | null) => {
    editor.current = api;
  }, []);

  return {
    text,
    setText,
    validation,
    format,
    uses,
    names,
    selected,
    counts,
    checking,
    blockedReason,
    blockedLabel,
    missingSecrets: missingSet,
    fillSecrets,
    exportBlocked,
    target,
    setTarget,
    secretValues,
    setSecret,
    maxPages,
    setMaxPages,
    toggleResource,
    run: run.view,
    running,
    cancel: run.cancel,
    runDefault,
    runPressed,
    runAll,
    runSelected,
    stale,
    staleLabels,
    saveSource,
    download,
    openExample,
    openText,
    imported,
    convert,
    knownFields,
    reveal,
    firstProblem,
    fix,
    editor,
    workbench,
    onEditorReady,
    destination,
  };
}

export type PlaygroundModel = ReturnType<typeof usePlayground>;

/** Why Run is unavailable: the whole reason, a word or two of it, and the secrets a Live run is missing (if that is why). */
interface Blocked {
  readonly reason: string;
  readonly label: string;
  readonly missing: readonly string[];
}
