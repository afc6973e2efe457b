import { describe, expect, it } from "vitest";
import { ariaShortcut, matches, shortcutLabel, SHORTCUTS } from "./shortcuts";

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe("shortcuts", () => {
  it("labels per platform", () => {
    expect(shortcutLabel("run", "other")).toBe("Ctrl+Enter");
    expect(shortcutLabel("run", "mac")).toBe("⌘+Enter");
    expect(shortcutLabel("tabFocus", "mac")).toBe("Ctrl+Shift+M");
    expect(shortcutLabel("tabFocus", "other")).toBe("Ctrl+M");
    expect(ariaShortcut("palette")).toBe("Control+K Meta+K");
    expect(ariaShortcut("shortcuts")).toBe("?");
  });

  it("matches exactly: extra modifiers do not count", () => {
    expect(matches(key("k", { ctrl: true }), "palette")).toBe(true);
    expect(matches(key("K", { meta: true }), "palette")).toBe(true);
    expect(matches(key("k", { ctrl: true, shift: true }), "palette")).toBe(false);
    expect(matches(key("P", { ctrl: true, shift: true }), "paletteAnywhere")).toBe(true);
    expect(matches(key("Enter", { ctrl: true }), "run")).toBe(true);
    expect(matches(key("Enter", { ctrl: true, shift: true }), "run")).toBe(false);
    expect(matches(key("Enter", { ctrl: true, shift: true }), "maximise")).toBe(true);
    expect(matches(key("?", { shift: true }), "shortcuts")).toBe(true);
    expect(matches(key("?", { ctrl: true }), "shortcuts")).toBe(false);
    expect(matches(key("s", { ctrl: true, alt: true }), "save")).toBe(false);
  });

  it("never claims a key Monaco binds inside the editor", () => {
    // Monaco 0.57 binds Ctrl+K (chord prefix) and Ctrl+Shift+Enter (insert line above): ours only outside it.
    // Ctrl+Enter is the design's Run (it replaces Monaco's "insert line below"); Ctrl+S and Ctrl+Shift+P are unbound in Monaco.
    const inEditor = SHORTCUTS.filter((s) => s.ours && s.where === "everywhere").map((s) => s.keys);
    expect(inEditor).toEqual(["Mod+Enter", "Mod+S", "Mod+Shift+P"]);
  });
});
