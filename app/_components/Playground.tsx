"use client";
/** The playground screen: the header, the workbench (editor and result views), the palette and the shortcuts overlay. */
import { useCallback, useMemo, useState } from "react";
import { buildCommands } from "./commands/commands";
import { CommandPalette } from "./commands/CommandPalette";
import { shortcutLabel } from "./commands/shortcuts";
import { ShortcutsDialog } from "./commands/ShortcutsDialog";
import { DownloadMenu } from "./header/DownloadMenu";
import { Header } from "./header/Header";
import { removeStorage } from "./hooks/storage";
import { useModKey, usePlatform } from "./hooks/useShortcutLabel";
import { useShortcuts } from "./hooks/useShortcuts";
import { useTheme } from "./hooks/useTheme";
import { buildViews } from "./PlaygroundViews";
import { usePlayground } from "./usePlayground";
import { useAnnouncer } from "./ui/Announcer";
import { useApiTools } from "./import/useApiTools";
import { LAYOUT_KEYS } from "./workbench/layout-storage";
import type { ViewId } from "./workbench/views";
import { Workbench } from "./workbench/Workbench";

const FOCUSABLE = ':is(button, input, select, [tabindex="0"])';
const VIEW_IDS: readonly ViewId[] = ["editor", "problems", "secrets", "trace", "tables", "schema", "sql"];
const asView = (s: string | null | undefined): ViewId | null => VIEW_IDS.find((v) => v === s) ?? null;

export function Playground() {
  const [announcer, announce] = useAnnouncer();
  const m = usePlayground(announce);
  const [theme, toggleTheme] = useTheme();
  const mod = useModKey();
  const platform = usePlatform();
  const [dialog, setDialog] = useState<"palette" | "shortcuts" | null>(null);
  const [layoutKey, setLayoutKey] = useState(0);
  const openPalette = useCallback(() => setDialog("palette"), []);
  const openShortcuts = useCallback(() => setDialog("shortcuts"), []);
  // A dialog's close event may arrive after another dialog opened (Escape, then Ctrl+K at once): it closes only itself.
  const closePalette = useCallback(() => setDialog((d) => (d === "palette" ? null : d)), []);
  const closeShortcuts = useCallback(() => setDialog((d) => (d === "shortcuts" ? null : d)), []);
  const { workbench, editor } = m;
  const api = useApiTools(m, announce);

  /** The view of the frame that holds `el` (the active tab of a tabbed frame). */
  const viewAt = useCallback((el: Element | null) => {
    const frame = el?.closest("[data-dock-frame]");
    const active = frame?.querySelector(":scope > [data-view]:not([hidden])")?.getAttribute("data-view");
    return asView(active ?? frame?.getAttribute("data-dock-frame"));
  }, []);
  const maximiseAt = useCallback(
    (el: Element | null) => {
      const view = viewAt(el);
      if (view) workbench.current?.toggleMaximise(view);
      else announce("Move the focus into a panel first, then maximise it.", { show: true });
    },
    [viewAt, workbench, announce],
  );
  const resetLayout = useCallback(() => {
    for (const key of LAYOUT_KEYS) removeStorage(key);
    setLayoutKey((k) => k + 1);
    announce("The layout is back to its defaults.");
  }, [announce]);

  useShortcuts({ run: m.runDefault, save: m.saveSource, palette: openPalette, shortcuts: openShortcuts, maximise: maximiseAt });

  const commands = useMemo(
    () =>
      buildCommands({
        platform,
        running: m.running,
        runBlocked: m.blockedReason,
        exportBlocked: m.exportBlocked,
        format: m.format,
        target: m.target,
        theme,
        run: m.runDefault,
        runAll: m.runAll,
        cancel: m.cancel,
        save: m.saveSource,
        download: m.download,
        convert: (to) => {
          const outcome = m.convert(to, false);
          if (outcome.kind === "refused") announce(outcome.reason, { show: true });
          else if (outcome.kind === "confirm")
            announce(`${outcome.warning} Use the format switch in the header to convert anyway.`, { show: true });
        },
        setTarget: m.setTarget,
        toggleTheme,
        openExample: m.openExample,
        show: (view) => {
          workbench.current?.show(view);
          requestAnimationFrame(() =>
            view === "editor" ? editor.current?.focus() : document.querySelector<HTMLElement>(`#dock-view-${view} ${FOCUSABLE}`)?.focus(),
          );
        },
        focusIn: (view, testId) => {
          workbench.current?.show(view);
          requestAnimationFrame(() => {
            const el = document.querySelector<HTMLElement>(`#dock-view-${view} [data-testid="${testId}"]`);
            (el?.matches(FOCUSABLE) ? el : el?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
          });
        },
        toggleMaximise: (view) => workbench.current?.toggleMaximise(view),
        maximiseFocused: () => maximiseAt(document.activeElement),
        toggleCollapse: (view) => workbench.current?.toggleCollapse(view),
        resetLayout,
        toggleTabFocus: () => editor.current?.toggleTabFocus(),
        showShortcuts: openShortcuts,
        firstProblem: m.firstProblem,
        ...api.commands,
      }),
    [platform, m, theme, toggleTheme, announce, workbench, editor, maximiseAt, resetLayout, openShortcuts, api.commands],
  );

  const views = buildViews(m, { dark: theme === "dark", runShortcut: `${mod}+Enter`, onPalette: openPalette });

  return (
    <div className="flex h-full flex-col">
      <Header
        format={m.format}
        onConvert={m.convert}
        target={m.target}
        onTarget={m.setTarget}
        onExample={m.openExample}
        onRun={m.runPressed}
        onCancel={m.cancel}
        running={m.running}
        blockedReason={m.blockedReason}
        blockedLabel={m.blockedLabel}
        mod={mod}
        downloads={
          <DownloadMenu
            format={m.format}
            exportBlocked={m.exportBlocked}
            onDownload={m.download}
            onSaveSource={m.saveSource}
            saveShortcut={shortcutLabel("save", platform)}
          />
        }
        onPalette={openPalette}
        onShortcuts={openShortcuts}
        importTools={api.importTools}
        runTools={api.runTools}
        phoneItems={api.phoneItems}
        currentExample={m.imported.exampleId}
      />
      <Workbench key={layoutKey} views={views} maximiseShortcut={shortcutLabel("maximise", platform)} apiRef={workbench} />
      <CommandPalette open={dialog === "palette"} onClose={closePalette} commands={commands} />
      <ShortcutsDialog open={dialog === "shortcuts"} onClose={closeShortcuts} platform={platform} />
      {api.dialogs}
      {announcer}
    </div>
  );
}
