/** Hover docs (all three languages) and Python dict-key completions, both from lib/config's schema docs. */
import type * as Monaco from "monaco-editor";
import { describeKey, keyCompletions, type KeyDoc, type ValidationResult } from "@/lib/config";
import { parseDocument, toPlain, type ParsedDocument, type SourceFormat } from "@/lib/formats";
import { EDITOR_LANGUAGES } from "./code-actions";
import { locateKey, objectPathAt } from "./doc-path";
import { toMonacoRange } from "./markers";

function markdown(doc: KeyDoc): string {
  const parts = [`**\`${doc.key}\`** — ${doc.accepts}`];
  if (doc.description) parts.push(doc.description);
  if (doc.allowed.length > 0) parts.push(`Allowed: ${doc.allowed.map((a) => `\`${a}\``).join(", ")}`);
  if (doc.docsUrl) parts.push(`[dlt docs](${doc.docsUrl})`);
  return parts.join("\n\n");
}

/** The parsed current text: the latest validation's document when it matches, else a fresh parse. */
function documentOf(model: Monaco.editor.ITextModel, current: () => ValidationResult | null): ParsedDocument {
  const text = model.getValue();
  const v = current();
  if (v && v.document.text === text) return v.document;
  return parseDocument(text, model.getLanguageId() as SourceFormat);
}

export function registerLanguageHelp(monaco: typeof Monaco, current: () => ValidationResult | null): Monaco.IDisposable[] {
  const hovers = EDITOR_LANGUAGES.map((language) =>
    monaco.languages.registerHoverProvider(language, {
      provideHover(model, position) {
        const doc = documentOf(model, current);
        const hit = locateKey(doc.root, model.getOffsetAt(position));
        if (!hit || !doc.root) return null;
        const info = describeKey(hit.path, toPlain(doc.root));
        if (!info) return null;
        return { range: toMonacoRange(monaco, model, hit.range), contents: [{ value: markdown(info), isTrusted: false }] };
      },
    }),
  );

  const completion = monaco.languages.registerCompletionItemProvider("python", {
    triggerCharacters: ['"', "'"],
    provideCompletionItems(model, position) {
      const doc = documentOf(model, current);
      const offset = model.getOffsetAt(position);
      const path = objectPathAt(doc.root, offset);
      if (!path || !doc.root) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getValueInRange(new monaco.Range(position.lineNumber, Math.max(1, word.startColumn - 1), position.lineNumber, word.startColumn));
      const quoted = before === '"' || before === "'";
      const suggestions = keyCompletions(path, toPlain(doc.root)).map((k, i): Monaco.languages.CompletionItem => ({
        label: k.key,
        kind: monaco.languages.CompletionItemKind.Property,
        detail: k.accepts,
        documentation: { value: markdown(k) },
        insertText: quoted ? k.key : `"${k.key}": `,
        sortText: String(i).padStart(3, "0"),
        range,
      }));
      return { suggestions };
    },
  });

  return [...hovers, completion];
}
