/** Quick fixes (Ctrl/Cmd+.) straight from our diagnostics' `fixes`. */
import type * as Monaco from "monaco-editor";
import type { ValidationResult } from "@/lib/config";
import { diagnosticsAt, MARKER_OWNER, toMarker, toMonacoRange } from "./markers";

export const EDITOR_LANGUAGES = ["python", "json", "yaml"] as const;

export function registerCodeActions(monaco: typeof Monaco, current: () => ValidationResult | null): Monaco.IDisposable[] {
  return EDITOR_LANGUAGES.map((language) =>
    monaco.languages.registerCodeActionProvider(
      language,
      {
        provideCodeActions(model, range) {
          const result = current();
          // Fixes are offsets into the text they were computed for: never apply them to newer text.
          if (!result || result.document.text !== model.getValue()) return { actions: [], dispose() {} };
          const start = model.getOffsetAt(range.getStartPosition());
          const end = model.getOffsetAt(range.getEndPosition());
          const actions: Monaco.languages.CodeAction[] = [];
          for (const d of diagnosticsAt(result.diagnostics, start, end)) {
            for (const [i, fix] of (d.fixes ?? []).entries()) {
              actions.push({
                title: fix.title,
                kind: "quickfix",
                isPreferred: i === 0,
                diagnostics: [{ ...toMarker(monaco, model, d), owner: MARKER_OWNER } as Monaco.editor.IMarkerData],
                edit: {
                  edits: fix.edits.map((e) => ({
                    resource: model.uri,
                    versionId: model.getVersionId(),
                    textEdit: { range: toMonacoRange(monaco, model, e.range), text: e.newText },
                  })),
                },
              });
            }
          }
          return { actions, dispose() {} };
        },
      },
      { providedCodeActionKinds: ["quickfix"] },
    ),
  );
}
