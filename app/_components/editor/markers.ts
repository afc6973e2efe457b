/** Our diagnostics as Monaco markers and edits; offsets converted with the model's own `getPositionAt`. */
import type * as Monaco from "monaco-editor";
import type { Diagnostic, Range, TextEdit } from "@/lib/formats";

export const MARKER_OWNER = "restplay";

export function toMonacoRange(monaco: typeof Monaco, model: Monaco.editor.ITextModel, range: Range): Monaco.Range {
  const start = model.getPositionAt(range.start);
  const end = model.getPositionAt(range.end);
  return new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
}

const SEVERITY = { error: 8, warning: 4, info: 2 } as const; // monaco.MarkerSeverity.Error / Warning / Info

export function toMarker(monaco: typeof Monaco, model: Monaco.editor.ITextModel, d: Diagnostic): Monaco.editor.IMarkerData {
  // An empty range (something missing) still gets a visible squiggle on the next character.
  const length = model.getValueLength();
  const end = d.range.end > d.range.start ? d.range.end : Math.min(d.range.start + 1, length);
  const r = toMonacoRange(monaco, model, { start: Math.min(d.range.start, length), end });
  return {
    severity: SEVERITY[d.severity],
    message: d.message,
    code: d.code,
    source: MARKER_OWNER,
    startLineNumber: r.startLineNumber,
    startColumn: r.startColumn,
    endLineNumber: r.endLineNumber,
    endColumn: r.endColumn,
  };
}

export function toEditOperations(
  monaco: typeof Monaco,
  model: Monaco.editor.ITextModel,
  edits: readonly TextEdit[],
): Monaco.editor.IIdentifiedSingleEditOperation[] {
  return edits.map((e) => ({ range: toMonacoRange(monaco, model, e.range), text: e.newText, forceMoveMarkers: true }));
}

/** Diagnostics whose range touches the offsets `[start, end]`. */
export function diagnosticsAt(diagnostics: readonly Diagnostic[], start: number, end: number): Diagnostic[] {
  return diagnostics.filter((d) => d.range.start <= end && Math.max(d.range.end, d.range.start + 1) >= start);
}
