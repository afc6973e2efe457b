"use client";
import { useTheme } from "../hooks/useTheme";
import { Menu } from "./Menu";

/**
 * From 768 to 1023 px the header's secondary controls — the command palette, the shortcuts and the
 * theme — share this one menu, so that the header keeps one row (wider windows show them as buttons).
 */
export function HeaderMoreMenu({ mod, onPalette, onShortcuts }: { mod: string; onPalette: () => void; onShortcuts: () => void }) {
  const [theme, toggle] = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <Menu
      label="More: command palette, keyboard shortcuts, theme"
      buttonLabel={<span aria-hidden="true">⋯</span>}
      testId="header-more"
      title="Command palette, keyboard shortcuts, light or dark theme"
      align="right"
      caret={false}
      items={[
        { id: "palette", label: "Command palette", description: "Every action, by name.", hint: `${mod}+K`, onSelect: onPalette },
        { id: "shortcuts", label: "Keyboard shortcuts", hint: "?", onSelect: onShortcuts },
        { id: "theme", label: `Switch to the ${next} theme`, onSelect: toggle },
      ]}
    />
  );
}
