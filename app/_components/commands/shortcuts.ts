/**
 * Every keyboard shortcut of the playground, in one place: the shortcuts overlay lists them, the
 * command palette shows them next to its actions, buttons carry them as `aria-keyshortcuts`.
 *
 * Rule: restplay takes no key Monaco uses, with the one exception the design asks for: Ctrl/Cmd+Enter
 * runs (Monaco's "insert line below", which End then Enter also does). Inside the editor the others
 * of ours are Ctrl/Cmd+S and Ctrl/Cmd+Shift+P, which Monaco leaves unbound; Ctrl/Cmd+K stays Monaco's
 * chord prefix there (Ctrl+K Ctrl+C comments…), so the palette's Ctrl/Cmd+K works outside the editor
 * and Ctrl/Cmd+Shift+P everywhere.
 */

export type Platform = "mac" | "other";

export type ShortcutId =
  | "run"
  | "save"
  | "palette"
  | "paletteAnywhere"
  | "shortcuts"
  | "maximise"
  | "tabFocus"
  | "quickFix"
  | "nextProblem"
  | "suggest"
  | "comment"
  | "separator"
  | "gridRow"
  | "columnHeader";

export interface Shortcut {
  readonly id: ShortcutId;
  readonly description: string;
  /** Where it works. */
  readonly where: "everywhere" | "outside the editor" | "in the editor" | "on a divider" | "in a table";
  /** Key names joined by "+", with `Mod` for Ctrl (⌘ on a Mac); several alternatives separated by " / ". */
  readonly keys: string;
  readonly macKeys?: string;
  /** restplay's own (false: Monaco's or the browser's, listed so people find them). */
  readonly ours: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: "run",
    description: "Run the config (the selected resources, all when none is ticked); in the SQL console's query box, run the query",
    where: "everywhere",
    keys: "Mod+Enter",
    ours: true,
  },
  { id: "save", description: "Save the editor's text as a file in its own format", where: "everywhere", keys: "Mod+S", ours: true },
  { id: "palette", description: "Command palette: every action", where: "outside the editor", keys: "Mod+K", ours: true },
  {
    id: "paletteAnywhere",
    description: "Command palette, also from inside the editor",
    where: "everywhere",
    keys: "Mod+Shift+P",
    ours: true,
  },
  { id: "shortcuts", description: "This list of shortcuts", where: "outside the editor", keys: "?", ours: true },
  {
    id: "maximise",
    description: "Maximise or restore the panel that has focus",
    where: "outside the editor",
    keys: "Mod+Shift+Enter",
    ours: true,
  },
  {
    id: "separator",
    description: "Resize panels (Enter folds, Home/End to the limits)",
    where: "on a divider",
    keys: "Arrow keys / Enter",
    ours: false,
  },
  {
    id: "gridRow",
    description: "Pick a row (Page Up/Down, Home/End too); Enter shows it whole; ↑ from the first row goes to the headers",
    where: "in a table",
    keys: "Arrow keys / Enter",
    ours: true,
  },
  {
    id: "columnHeader",
    description:
      "On a column's header: ← → to another column, Enter sorts, ↓ to the rows; " +
      "Shift+← → resizes it (Ctrl/⌘+Shift: bigger steps), Shift+Enter resets its width",
    where: "in a table",
    keys: "Arrow keys / Enter / Shift+Arrow keys",
    ours: true,
  },
  {
    id: "tabFocus",
    description: "Tab moves focus out of the editor, or inserts indentation (toggle)",
    where: "in the editor",
    keys: "Ctrl+M",
    macKeys: "Ctrl+Shift+M",
    ours: false,
  },
  { id: "quickFix", description: "Quick fix for the problem under the cursor", where: "in the editor", keys: "Mod+.", ours: false },
  { id: "nextProblem", description: "Go to the next problem", where: "in the editor", keys: "F8", ours: false },
  { id: "suggest", description: "Suggest keys and values", where: "in the editor", keys: "Ctrl+Space", ours: false },
  { id: "comment", description: "Comment or uncomment the line", where: "in the editor", keys: "Mod+/", ours: false },
];

const byId = new Map(SHORTCUTS.map((s) => [s.id, s]));

/** The keys as shown to people: `Ctrl+Enter`, or `⌘+Enter` on a Mac. */
export function shortcutLabel(id: ShortcutId, platform: Platform): string {
  const s = byId.get(id);
  if (!s) return "";
  const keys = platform === "mac" ? (s.macKeys ?? s.keys) : s.keys;
  return keys.replaceAll("Mod", platform === "mac" ? "⌘" : "Ctrl");
}

/** `aria-keyshortcuts` value (both platforms' spellings). */
export function ariaShortcut(id: ShortcutId): string {
  const s = byId.get(id);
  if (!s || s.keys.includes(" / ")) return "";
  return s.keys.includes("Mod") ? `${s.keys.replaceAll("Mod", "Control")} ${s.keys.replaceAll("Mod", "Meta")}` : s.keys;
}

/** Whether a keydown is the shortcut (`Mod` is Ctrl or Cmd; other modifiers must match exactly). */
export function matches(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">, id: ShortcutId): boolean {
  const s = byId.get(id);
  if (!s || s.keys.includes(" / ")) return false;
  const parts = s.keys.split("+");
  const key = parts.at(-1) ?? "";
  const mod = parts.includes("Mod");
  const shift = parts.includes("Shift");
  if (key === "?") return e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey;
  if (mod !== (e.ctrlKey || e.metaKey) || e.altKey) return false;
  if (shift !== e.shiftKey) return false;
  return e.key.toLowerCase() === key.toLowerCase();
}
