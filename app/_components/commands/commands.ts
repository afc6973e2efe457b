/** The command palette's list: every action of the playground, with its shortcut where it has one. */
import { EXAMPLES, type Example } from "@/lib/examples";
import { FORMAT_NAMES, type SourceFormat } from "@/lib/formats";
import type { DownloadKind } from "../header/downloads";
import type { ViewId } from "../workbench/views";
import type { Command } from "./CommandPalette";
import { shortcutLabel, type Platform } from "./shortcuts";
import type { RunTarget } from "@/lib/run";

export interface CommandContext {
  readonly platform: Platform;
  readonly running: boolean;
  /** Why Run cannot be used, or null. */
  readonly runBlocked: string | null;
  /** Why the exports cannot be downloaded, or null. */
  readonly exportBlocked: string | null;
  readonly format: SourceFormat | null;
  readonly target: RunTarget;
  readonly theme: "light" | "dark";
  readonly run: () => void;
  readonly runAll: () => void;
  readonly cancel: () => void;
  readonly save: () => void;
  readonly download: (kind: DownloadKind) => void;
  readonly convert: (to: SourceFormat) => void;
  readonly setTarget: (t: RunTarget) => void;
  readonly toggleTheme: () => void;
  readonly openExample: (e: Example) => void;
  readonly show: (view: ViewId) => void;
  /** Shows the view and focuses the control with this test id in it (or the first control inside it). */
  readonly focusIn: (view: ViewId, testId: string) => void;
  readonly toggleMaximise: (view: ViewId) => void;
  readonly maximiseFocused: () => void;
  readonly toggleCollapse: (view: ViewId) => void;
  readonly resetLayout: () => void;
  readonly toggleTabFocus: () => void;
  readonly showShortcuts: () => void;
  readonly firstProblem: () => void;
  /** Issue #11 (absent in contexts that do not offer them). */
  readonly openImport?: () => void;
  readonly openShare?: () => void;
  readonly check?: () => void;
}

const VIEWS: readonly { id: ViewId; title: string }[] = [
  { id: "editor", title: "Editor" },
  { id: "problems", title: "Problems" },
  { id: "secrets", title: "Secrets" },
  { id: "trace", title: "Trace" },
  { id: "tables", title: "Tables" },
  { id: "schema", title: "Schema" },
  { id: "sql", title: "SQL" },
];

const DOWNLOADS: readonly { kind: DownloadKind; title: string }[] = [
  { kind: "json", title: "JSON config" },
  { kind: "yaml", title: "YAML config" },
  { kind: "python", title: "Python pipeline script" },
  { kind: "secrets", title: "secrets.toml template" },
];

/** Import, Share and Check (issue #11), when the context offers them. */
function issue11Commands(c: CommandContext): Command[] {
  const out: Command[] = [];
  if (c.openImport)
    out.push({ id: "import", group: "File", title: "Import from OpenAPI, curl, HAR or a sample response…", run: c.openImport });
  if (c.openShare) {
    const disabledReason = c.format === null ? "The editor is still loading." : null;
    out.push({ id: "share", group: "File", title: "Share a link to this config (no secret values)…", disabledReason, run: c.openShare });
  }
  if (c.check) {
    const disabledReason = c.running ? "A run is going on." : c.runBlocked;
    out.push({ id: "check", group: "Run", title: "Check: auth and the first page of every resource", disabledReason, run: c.check });
  }
  return out;
}

export function buildCommands(c: CommandContext): Command[] {
  const key = (id: Parameters<typeof shortcutLabel>[0]) => shortcutLabel(id, c.platform);
  // Each with its own group (Check with Run, Import and Share with Save): the list reads group by group.
  const extra = issue11Commands(c);
  const only = (id: string) => extra.filter((x) => x.id === id);
  const commands: Command[] = [
    {
      id: "run",
      group: "Run",
      title: "Run the selected resources",
      shortcut: key("run"),
      disabledReason: c.running ? "A run is going on." : c.runBlocked,
      run: c.run,
    },
    {
      id: "run-all",
      group: "Run",
      title: "Run all resources",
      disabledReason: c.running ? "A run is going on." : c.runBlocked,
      run: c.runAll,
    },
    { id: "cancel", group: "Run", title: "Cancel the run", disabledReason: c.running ? null : "No run is going on.", run: c.cancel },
    ...only("check"),
    { id: "pick-resources", group: "Run", title: "Choose the resources to run", run: () => c.focusIn("trace", "resource-chips") },
    { id: "page-limit", group: "Run", title: "Set the page limit (max pages)", run: () => c.focusIn("trace", "max-pages") },
    {
      id: "target-mock",
      group: "Run",
      title: "Target: the built-in Mock APIs",
      disabledReason: c.target === "mock" ? "Already the target." : null,
      run: () => c.setTarget("mock"),
    },
    {
      id: "target-live",
      group: "Run",
      title: "Target: the Live API",
      disabledReason: c.target === "live" ? "Already the target." : null,
      run: () => c.setTarget("live"),
    },
    {
      id: "save",
      group: "File",
      title: "Save the editor's text (its own format)",
      shortcut: key("save"),
      disabledReason: c.format === null ? "The editor is still loading." : null,
      run: c.save,
    },
    ...only("import"),
    ...only("share"),
    ...DOWNLOADS.map((d): Command => ({
      id: `download-${d.kind}`,
      group: "Download",
      title: d.title,
      disabledReason: c.exportBlocked,
      run: () => c.download(d.kind),
    })),
    ...(["python", "json", "yaml"] as const).map((f): Command => ({
      id: `convert-${f}`,
      group: "Format",
      title: `Convert the config to ${FORMAT_NAMES[f]}`,
      disabledReason:
        c.format === f ? `The config is ${FORMAT_NAMES[f]} already.` : c.format === null ? "The editor is still loading." : null,
      run: () => c.convert(f),
    })),
    { id: "first-problem", group: "Editor", title: "Go to the first problem", run: c.firstProblem },
    {
      id: "tab-focus",
      group: "Editor",
      title: "Toggle: Tab moves focus / inserts indentation",
      shortcut: key("tabFocus"),
      run: c.toggleTabFocus,
    },
    { id: "filter-problems", group: "Problems", title: "Filter the problems", run: () => c.focusIn("problems", "problems-filter") },
    ...VIEWS.map((v): Command => ({ id: `show-${v.id}`, group: "View", title: `Go to ${v.title}`, run: () => c.show(v.id) })),
    { id: "theme", group: "View", title: `Switch to the ${c.theme === "dark" ? "light" : "dark"} theme`, run: c.toggleTheme },
    {
      id: "maximise-focused",
      group: "Layout",
      title: "Maximise or restore the panel that had focus",
      shortcut: key("maximise"),
      run: c.maximiseFocused,
    },
    ...VIEWS.map((v): Command => ({
      id: `maximise-${v.id}`,
      group: "Layout",
      title: `Maximise or restore ${v.title}`,
      run: () => c.toggleMaximise(v.id),
    })),
    ...VIEWS.filter((v) => v.id !== "editor").map((v): Command => ({
      id: `collapse-${v.id}`,
      group: "Layout",
      title: `Collapse or expand ${v.title}`,
      run: () => c.toggleCollapse(v.id),
    })),
    { id: "reset-layout", group: "Layout", title: "Reset the layout to its defaults", run: c.resetLayout },
    { id: "shortcuts", group: "Help", title: "Keyboard shortcuts", shortcut: key("shortcuts"), run: c.showShortcuts },
    ...EXAMPLES.map((e): Command => ({ id: `example-${e.id}`, group: "Example", title: e.title, run: () => c.openExample(e) })),
  ];
  return commands;
}
