import type { Range, TextEdit } from "@/lib/formats";

/** What the rest of the page may do with the editor (no Monaco types leak out of this folder). */
export interface EditorApi {
  /** Selects `range` (offsets into the current text), scrolls it into view and focuses the editor. */
  reveal(range: Range): void;
  /** Applies edits computed for `forText`; returns false (and changes nothing) when the text has moved on. */
  applyEdits(edits: readonly TextEdit[], forText: string): boolean;
  /** Replaces the whole text as one undoable edit (examples, restores). */
  setText(text: string): void;
  focus(): void;
  /** Monaco's Tab trapping (Ctrl+M): Tab moves focus out of the editor, or inserts indentation. */
  toggleTabFocus(): void;
}
