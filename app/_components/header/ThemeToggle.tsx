"use client";
import { useTheme } from "../hooks/useTheme";

export function ThemeToggle() {
  const [theme, toggle] = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={`Switch to the ${next} theme`}
      title={`Switch to the ${next} theme`}
      data-testid="theme-toggle"
      data-theme={theme}
      className="inline-flex h-8 w-8 items-center justify-center rounded border border-line bg-surface text-fg hover:bg-raised"
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
    </button>
  );
}
