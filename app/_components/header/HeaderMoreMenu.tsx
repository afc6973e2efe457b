"use client";
import { useTheme } from "../hooks/useTheme";
import { useLayoutMode } from "../workbench/useLayoutMode";
import { Menu, type MenuItem } from "./Menu";

/**
 * Below 1024 px the header's secondary controls — the command palette, the shortcuts and the theme — share this one
 * menu, so that the header keeps one row from 768 px (wider windows show them as buttons). On a phone (below 768 px,
 * the narrow layout) Import, Check and Share (`phoneItems`) come first: the header keeps two rows (decision 0016).
 */
export function HeaderMoreMenu({
  mod,
  onPalette,
  onShortcuts,
  phoneItems,
}: {
  mod: string;
  onPalette: () => void;
  onShortcuts: () => void;
  phoneItems: readonly MenuItem[];
}) {
  const [theme, toggle] = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  const phone = useLayoutMode() === "narrow" && phoneItems.length > 0;
  return (
    <Menu
      label={phone ? "More: import, check, share, command palette, shortcuts, theme" : "More: command palette, keyboard shortcuts, theme"}
      buttonLabel={<span aria-hidden="true">⋯</span>}
      testId="header-more"
      title={
        phone ? "Import, Check, Share, the command palette, shortcuts, theme" : "Command palette, keyboard shortcuts, light or dark theme"
      }
      align="right"
      caret={false}
      items={[
        ...(phone ? phoneItems : []),
        { id: "palette", label: "Command palette", description: "Every action, by name.", hint: `${mod}+K`, onSelect: onPalette },
        { id: "shortcuts", label: "Keyboard shortcuts", hint: "?", onSelect: onShortcuts },
        { id: "theme", label: `Switch to the ${next} theme`, onSelect: toggle },
      ]}
    />
  );
}
