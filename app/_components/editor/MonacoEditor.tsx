"use client";
/**
 * The only component that imports Monaco at runtime (ARCHITECTURE rule 8). Self-hosted from the npm
 * package (never the CDN), workers from ./monaco-env, every provider and listener disposed on unmount.
 */
import "./monaco-env";
import * as monaco from "monaco-editor";
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { getJsonSchema, SCHEMA_ID, type ValidationResult } from "@/lib/config";
import type { SourceFormat } from "@/lib/formats";
import { registerCodeActions } from "./code-actions";
import { registerLanguageHelp } from "./language-help";
import { configureYaml } from "./yaml-support";
import { MARKER_OWNER, toEditOperations, toMarker, toMonacoRange } from "./markers";
import type { EditorApi } from "./types";
import { EditorStatus } from "./EditorStatus";
import { readStorage, writeStorage } from "../hooks/storage";
import { isMac } from "../hooks/useShortcutLabel";

loader.config({ monaco });

export const MODEL_URI = "file:///rest_api_config";

// One validator per mode: restplay's diagnostics are the only markers. The schema still drives JSON
// completion (Monaco's JSON worker completes from `schemas` whether or not it validates).
monaco.json.jsonDefaults.setDiagnosticsOptions({
  validate: false,
  enableSchemaRequest: false,
  allowComments: false,
  schemas: [{ uri: SCHEMA_ID, fileMatch: [MODEL_URI], schema: getJsonSchema() }],
});

// One hover for all three languages (./language-help, with the dlt docs link): not JSON's second copy.
monaco.json.jsonDefaults.setModeConfiguration({ ...monaco.json.jsonDefaults.modeConfiguration, hovers: false });

/**
 * The occurrences of the word under the cursor are outlined, not filled: Monaco's fill put the dark
 * theme's keywords at 3:1 (`import` at 1:1, where an example opens); text keeps its own contrast.
 */
const wordHighlights = (border: string) =>
  Object.fromEntries(
    ["", "Strong", "Text"].flatMap((kind) => [
      [`editor.wordHighlight${kind}Background`, "#00000000"],
      [`editor.wordHighlight${kind}Border`, border],
    ]),
  );

// The editor's surface matches the app's panels in both themes.
monaco.editor.defineTheme("restplay-light", {
  base: "vs",
  inherit: true,
  rules: [],
  colors: { "editor.background": "#ffffff", ...wordHighlights("#6b7280") },
});
monaco.editor.defineTheme("restplay-dark", {
  base: "vs-dark",
  inherit: true,
  // vs-dark's comment green (#608B4E) is 4.48:1 on this background and 3.7:1 on the cursor's line: AA wants 4.5.
  rules: [{ token: "comment", foreground: "7BA86A" }],
  colors: {
    "editor.background": "#111827",
    "editorGutter.background": "#111827",
    "editor.lineHighlightBackground": "#1f2937",
    "editorLineNumber.foreground": "#9ca3af",
    ...wordHighlights("#9ca3af"),
  },
});

export interface MonacoEditorProps {
  /**
   * The text at mount. The editor is uncontrolled afterwards (a controlled `value` races with fast
   * typing and drops keystrokes): later changes from outside go through `EditorApi.setText`.
   */
  readonly initialValue: string;
  readonly language: SourceFormat;
  readonly validation: ValidationResult | null;
  readonly dark: boolean;
  readonly onChange: (text: string) => void;
  readonly onReady: (api: EditorApi | null) => void;
  readonly onRun: () => void;
  readonly onSave: () => void;
  /** Field names seen in the last run's records of a resource, for `{resources.…}` completion. */
  readonly knownFields?: (resource: string) => readonly string[];
  /** Ctrl/Cmd+Shift+P: the command palette (a key Monaco leaves free; Ctrl+K stays its chord prefix). */
  readonly onPalette: () => void;
}

/** Remembered across reloads: a keyboard user who chose "Tab moves focus" keeps it. */
const TAB_FOCUS_KEY = "restplay:tab-moves-focus";
const MAC = isMac();
/** Monaco's own binding for "Toggle Tab Key Moves Focus", replaced by the same toggle that also keeps the state. */
const TAB_FOCUS_BINDING = MAC
  ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM
  : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM;
const TAB_KEY = MAC ? "Ctrl+Shift+M" : "Ctrl+M";
const MOD = MAC ? "⌘" : "Ctrl";

function ariaLabel(language: SourceFormat, tabMovesFocus: boolean): string {
  const tab = tabMovesFocus
    ? `Tab moves focus out of the editor; ${TAB_KEY} makes Tab indent.`
    : `Tab inserts indentation; press ${TAB_KEY} so that Tab moves focus out of the editor.`;
  return `Config editor (${language}). ${tab} ${MOD}+Enter runs, ${MOD}+. shows quick fixes, ${MOD}+Shift+P opens the command palette.`;
}

export default function MonacoEditor(props: MonacoEditorProps) {
  const { initialValue, language, validation, dark, onChange } = props;
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const validationRef = useRef<ValidationResult | null>(validation);
  const callbacks = useRef(props);
  // Before paint: a key pressed right after a render must reach that render's handlers.
  useLayoutEffect(() => {
    callbacks.current = props;
  });
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const [tabMovesFocus, setTabMovesFocus] = useState(() => readStorage(TAB_FOCUS_KEY) === "1");
  const tabMovesFocusRef = useRef(tabMovesFocus);
  const toggleTabFocus = useCallback(() => {
    const next = !tabMovesFocusRef.current;
    tabMovesFocusRef.current = next;
    setTabMovesFocus(next);
    writeStorage(TAB_FOCUS_KEY, next ? "1" : "0");
  }, []);
  useEffect(() => {
    editorRef.current?.updateOptions({ tabFocusMode: tabMovesFocus, ariaLabel: ariaLabel(language, tabMovesFocus) });
  }, [tabMovesFocus, language]);

  useEffect(() => {
    validationRef.current = validation;
    const model = editorRef.current?.getModel();
    // Markers only for the text they were computed from; a newer validation is on its way otherwise.
    if (!model || !validation || validation.document.text !== model.getValue()) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      validation.diagnostics.map((d) => toMarker(monaco, model, d)),
    );
  }, [validation]);

  useEffect(() => {
    const disposables = [
      ...registerCodeActions(monaco, () => validationRef.current),
      ...registerLanguageHelp(
        monaco,
        () => validationRef.current,
        (resource) => callbacks.current.knownFields?.(resource) ?? [],
      ),
      configureYaml(monaco, getJsonSchema(), SCHEMA_ID, MODEL_URI),
    ];
    return () => {
      for (const d of disposables) d.dispose();
    };
  }, []);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.onDidDispose(() => {
      if (editorRef.current === editor) editorRef.current = null;
      callbacks.current.onReady(null);
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onRun());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => callbacks.current.onSave());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyP, () => callbacks.current.onPalette());
    editor.addCommand(TAB_FOCUS_BINDING, () => toggleTabFocus());
    editor.onDidChangeCursorPosition((e) => setCursor({ line: e.position.lineNumber, column: e.position.column }));
    const model = editor.getModel();
    // Which language the model really has (for tests and styling); follows setModelLanguage.
    const container = editor.getContainerDomNode();
    container.dataset.modelLanguage = model?.getLanguageId() ?? "";
    editor.onDidChangeModelLanguage((e) => {
      container.dataset.modelLanguage = e.newLanguage;
    });
    const v = validationRef.current;
    if (model && v && v.document.text === model.getValue()) {
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        v.diagnostics.map((d) => toMarker(monaco, model, d)),
      );
    }
    const toTop = () => {
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.revealLine(1);
      editor.setScrollLeft(0);
    };
    const api: EditorApi = {
      reveal(range) {
        const m = editor.getModel();
        if (!m) return;
        const r = toMonacoRange(monaco, m, range);
        editor.setSelection(r);
        editor.revealRangeInCenterIfOutsideViewport(r);
        editor.focus();
      },
      applyEdits(edits, forText) {
        const m = editor.getModel();
        if (!m || m.getValue() !== forText) return false;
        editor.pushUndoStop();
        editor.executeEdits("restplay-quick-fix", toEditOperations(monaco, m, edits));
        editor.pushUndoStop();
        // A fix that rewrites the whole text (keep only a Markdown document's block) starts at its top, in
        // column 1; any other leaves the cursor at its edit, scrolled into view (not left off to the side).
        if (edits.some((e) => e.range.start === 0 && e.range.end === forText.length)) toTop();
        else {
          const p = editor.getPosition();
          if (p) editor.revealPositionInCenterIfOutsideViewport(p);
        }
        editor.focus();
        return true;
      },
      setText(text) {
        const m = editor.getModel();
        if (!m || m.getValue() === text) return;
        editor.pushUndoStop();
        editor.executeEdits("restplay-set-text", [{ range: m.getFullModelRange(), text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
        toTop();
      },
      focus: () => editor.focus(),
      toggleTabFocus,
    };
    callbacks.current.onReady(api);
  };

  return (
    <div className="flex h-full min-h-0 flex-1 flex-col">
      <Editor
        path={MODEL_URI}
        defaultValue={initialValue}
        language={language}
        theme={dark ? "restplay-dark" : "restplay-light"}
        onChange={(text) => onChange(text ?? "")}
        onMount={onMount}
        loading={<div className="flex h-full items-center justify-center text-sm text-muted">Loading editor…</div>}
        wrapperProps={{ "data-testid": "editor", className: "min-h-0 w-full flex-1" }}
        options={{
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: language === "python" ? 4 : 2,
          scrollBeyondLastLine: false,
          renderWhitespace: "selection",
          fixedOverflowWidgets: true,
          lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
          // Monaco's default "dimmed" last line number fails WCAG contrast (axe).
          renderFinalNewline: "on",
          tabFocusMode: tabMovesFocus,
          ariaLabel: ariaLabel(language, tabMovesFocus),
          // YAML's keys and values are string tokens, where Monaco suggests nothing as you type; the schema's
          // completion should open there as it does in JSON and Python, without the words of the text.
          ...(language === "yaml"
            ? { quickSuggestions: { other: "on", comments: "off", strings: "on" }, wordBasedSuggestions: "off" }
            : {}),
        }}
      />
      <EditorStatus
        line={cursor.line}
        column={cursor.column}
        language={language}
        tabMovesFocus={tabMovesFocus}
        tabKey={TAB_KEY}
        onToggleTab={toggleTabFocus}
      />
    </div>
  );
}
