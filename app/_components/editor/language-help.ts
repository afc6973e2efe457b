/**
 * Hover docs (all three languages), Python dict-key and value completions (from lib/config's schema docs
 * and dlt's classes: parity with what JSON and YAML get from the JSON schema) and
 * `{resources.…}` / `{incremental.…}` placeholder completions inside endpoint strings (all three), and
 * in JSON and YAML what their JSON Schema cannot give (a resolve param's parent resource; keys in a YAML
 * flow mapping).
 */
import type * as Monaco from "monaco-editor";
import {
  configValueCompletions,
  describeKey,
  keyCompletions,
  placeholderCompletions,
  valueCompletions,
  valueContext,
  type KeyDoc,
  type ValidationResult,
} from "@/lib/config";
import { findNode, parseDocument, plainYamlText, toPlain, type ParsedDocument, type SourceFormat } from "@/lib/formats";
import { EDITOR_LANGUAGES } from "./code-actions";
import { insideString, locateKey, objectPathAt, openPlaceholder, pythonDictPathAt, stringAt } from "./doc-path";
import { toMonacoRange } from "./markers";

function markdown(doc: KeyDoc): string {
  const parts = [`**\`${doc.key}\`** — ${doc.accepts}`];
  if (doc.description) parts.push(doc.description);
  if (doc.allowed.length > 0) parts.push(`Allowed: ${doc.allowed.map((a) => `\`${a}\``).join(", ")}`);
  if (doc.docsUrl) parts.push(`[dlt docs](${doc.docsUrl})`);
  return parts.join("\n\n");
}

/** A key's completion item, inserted as `insertText` over `range`, in the schema's order (`i`). */
function keyItem(monaco: typeof Monaco, k: KeyDoc, i: number, insertText: string, range: Monaco.IRange): Monaco.languages.CompletionItem {
  const kind = monaco.languages.CompletionItemKind.Property;
  return {
    label: k.key,
    kind,
    detail: k.accepts,
    documentation: { value: markdown(k) },
    insertText,
    sortText: String(i).padStart(3, "0"),
    range,
  };
}

/** The parsed current text: the latest validation's document when it matches, else a fresh parse. */
function documentOf(model: Monaco.editor.ITextModel, current: () => ValidationResult | null): ParsedDocument {
  const text = model.getValue();
  const v = current();
  if (v && v.document.text === text) return v.document;
  return parseDocument(text, model.getLanguageId() as SourceFormat);
}

/** Field names seen in the last run's records of a resource (empty before any run). */
export type KnownFields = (resource: string) => readonly string[];

export function registerLanguageHelp(
  monaco: typeof Monaco,
  current: () => ValidationResult | null,
  knownFields: KnownFields = () => [],
): Monaco.IDisposable[] {
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
    triggerCharacters: ['"', "'", " "],
    provideCompletionItems(model, position, context) {
      const doc = documentOf(model, current);
      const offset = model.getOffsetAt(position);
      if (!doc.root) return { suggestions: [] };
      // A text that does not parse is read up to the cursor from the text itself: the parser's recovery may misplace it.
      const broken = doc.diagnostics.some((d) => d.code === "syntax_error");
      const read = broken ? pythonDictPathAt(doc.text, doc.root.range.start, offset) : null;
      const path = broken ? (read?.path ?? null) : objectPathAt(doc.root, offset, doc.text);
      if (!path) return { suggestions: [] };
      const root = read ? read.root : toPlain(doc.root);
      // In `dict(…)` keys are keyword arguments (`base_url=`).
      const dictAt = broken ? undefined : findNode(doc.root, path);
      const kwargs = read ? read.kwargs : dictAt !== undefined && doc.text.startsWith("dict(", dictAt.range.start);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const value = valueContext(model.getLineContent(position.lineNumber).slice(0, position.column - 1), kwargs);
      if (value) {
        const typedFrom = position.column - value.typed.length;
        const at = new monaco.Range(position.lineNumber, typedFrom, position.lineNumber, position.column);
        const values = valueCompletions(path, value.key, root, value.quoted).map((v, i): Monaco.languages.CompletionItem => ({
          label: v.label,
          kind: v.kind === "class" ? monaco.languages.CompletionItemKind.Class : monaco.languages.CompletionItemKind.EnumMember,
          detail: v.detail,
          documentation: { value: v.documentation },
          insertText: v.snippet ?? v.insertText,
          ...(v.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
          sortText: String(i).padStart(3, "0"),
          range: at,
        }));
        // A value's place (`"data_selector": "|`) never takes a key, even where no value is known.
        return { suggestions: values };
      }
      // A space only asks for values (after `"key": `), never for keys; nor does a place inside a string value.
      if (context.triggerCharacter === " " || (broken ? read?.inValue : insideString(doc.root, offset))) return { suggestions: [] };
      const before = model.getValueInRange(
        new monaco.Range(position.lineNumber, Math.max(1, word.startColumn - 1), position.lineNumber, word.startColumn),
      );
      const quoted = before === '"' || before === "'";
      const insert = (k: KeyDoc) => (quoted ? k.key : kwargs ? `${k.key}=` : `"${k.key}": `);
      const suggestions = keyCompletions(path, root).map((k, i) => keyItem(monaco, k, i, insert(k), range));
      return { suggestions };
    },
  });

  /** Keys in a YAML flow mapping (`paginator: {type: offset, |}`), where monaco-yaml completes nothing. */
  const flowMappingKeys = (model: Monaco.editor.ITextModel, position: Monaco.Position, prefix: string) => {
    const typed = /(?:^|[{,])\s*([\w$-]*)$/.exec(prefix);
    const doc = documentOf(model, current);
    const path = typed ? objectPathAt(doc.root, model.getOffsetAt(position)) : null;
    const node = path ? findNode(doc.root, path) : undefined;
    if (!typed || !path || !doc.root || node?.kind !== "object" || doc.text[node.range.start] !== "{") return [];
    const at = new monaco.Range(position.lineNumber, position.column - (typed[1] ?? "").length, position.lineNumber, position.column);
    return keyCompletions(path, toPlain(doc.root)).map((k, i) => keyItem(monaco, k, i, `${k.key}: `, at));
  };

  // `"key": "typ|` (JSON) or `key: typ|` (YAML): the key, whether the value is quoted, and what is typed of it.
  const keyedValue = /(?<![\w$-])(["']?)([\w$-]+)\1\s*:\s*(["']?)([\w.-]*)$/;
  const configValues = (["json", "yaml"] as const).map((language) =>
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: ['"', " "],
      provideCompletionItems(model, position) {
        const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
        const m = keyedValue.exec(prefix);
        if (!m) return language === "yaml" ? { suggestions: flowMappingKeys(model, position, prefix) } : { suggestions: [] };
        const doc = documentOf(model, current);
        const keyOffset = model.getOffsetAt({ lineNumber: position.lineNumber, column: m.index + 1 + (m[1] ?? "").length });
        const hit = locateKey(doc.root, keyOffset);
        if (!hit || !doc.root) return { suggestions: [] };
        const quoted = (m[3] ?? "") !== "";
        const at = new monaco.Range(position.lineNumber, position.column - (m[4] ?? "").length, position.lineNumber, position.column);
        const suggestions = configValueCompletions(hit.path, toPlain(doc.root), quoted).map((v, i): Monaco.languages.CompletionItem => ({
          label: v.label,
          kind: monaco.languages.CompletionItemKind.EnumMember,
          detail: v.detail,
          documentation: { value: v.documentation },
          insertText: language === "yaml" && !quoted && plainYamlText(v.label) ? v.label : v.insertText,
          sortText: String(i).padStart(3, "0"),
          range: at,
        }));
        return { suggestions };
      },
    }),
  );

  const placeholders = EDITOR_LANGUAGES.map((language) =>
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: ["{", "."],
      provideCompletionItems(model, position) {
        const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
        const open = openPlaceholder(prefix);
        if (!open) return { suggestions: [] };
        const doc = documentOf(model, current);
        const path = stringAt(doc.root, model.getOffsetAt(position));
        if (!path || !doc.root) return { suggestions: [] };
        const closed = model.getLineContent(position.lineNumber)[position.column - 1] === "}";
        const range = new monaco.Range(position.lineNumber, open.braceIndex + 2, position.lineNumber, position.column);
        const items = placeholderCompletions(toPlain(doc.root), path, open.typed, knownFields);
        const suggestions = items.map((s, i): Monaco.languages.CompletionItem => ({
          label: s.label,
          kind: s.partial ? monaco.languages.CompletionItemKind.Module : monaco.languages.CompletionItemKind.Variable,
          detail: s.detail,
          documentation: { value: s.documentation },
          insertText: s.partial || closed ? s.label : `${s.label}}`,
          filterText: s.label,
          sortText: String(i).padStart(3, "0"),
          range,
          ...(s.partial ? { command: { id: "editor.action.triggerSuggest", title: "Suggest the field" } } : {}),
        }));
        return { suggestions };
      },
    }),
  );

  return [...hovers, completion, ...configValues, ...placeholders];
}
