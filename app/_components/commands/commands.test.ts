import { describe, expect, it } from "vitest";
import { EXAMPLES } from "@/lib/examples";
import { filterCommands } from "./CommandPalette";
import { buildCommands, type CommandContext } from "./commands";

const noop = () => {};
const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  platform: "other",
  running: false,
  runBlocked: null,
  exportBlocked: null,
  format: "python",
  target: "mock",
  theme: "light",
  run: noop,
  runAll: noop,
  cancel: noop,
  save: noop,
  download: noop,
  convert: noop,
  setTarget: noop,
  toggleTheme: noop,
  openExample: noop,
  show: noop,
  focusIn: noop,
  toggleMaximise: noop,
  maximiseFocused: noop,
  toggleCollapse: noop,
  resetLayout: noop,
  toggleTabFocus: noop,
  showShortcuts: noop,
  firstProblem: noop,
  ...over,
});

describe("buildCommands", () => {
  it("lists every action once, with the shortcuts of the registry", () => {
    const commands = buildCommands(context());
    const ids = commands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "run",
      "run-all",
      "cancel",
      "save",
      "download-json",
      "download-yaml",
      "download-python",
      "download-secrets",
      "convert-json",
      "convert-yaml",
      "theme",
      "shortcuts",
      "reset-layout",
      "tab-focus",
      "maximise-focused",
      "maximise-tables",
      "collapse-trace",
      "show-editor",
      "filter-problems",
      "page-limit",
    ]) {
      expect(ids).toContain(id);
    }
    expect(commands.filter((c) => c.group === "Example")).toHaveLength(EXAMPLES.length);
    expect(commands.find((c) => c.id === "run")?.shortcut).toBe("Ctrl+Enter");
    expect(buildCommands(context({ platform: "mac" })).find((c) => c.id === "save")?.shortcut).toBe("⌘+S");
  });

  it("says why an action cannot run now instead of hiding it", () => {
    const running = buildCommands(
      context({ running: true, exportBlocked: "Unavailable while the config has errors (1 error, 0 warnings)." }),
    );
    expect(running.find((c) => c.id === "run")?.disabledReason).toBe("A run is going on.");
    expect(running.find((c) => c.id === "cancel")?.disabledReason).toBeNull();
    expect(running.find((c) => c.id === "download-yaml")?.disabledReason).toContain("errors");
    expect(running.find((c) => c.id === "convert-python")?.disabledReason).toBe("The config is Python already.");
  });
});

describe("the palette's order", () => {
  it("lists each group's entries together (Check with Run, Import and Share with Save)", () => {
    const commands = buildCommands(context({ openImport: noop, openShare: noop, check: noop }));
    const groups = commands.map((c) => c.group).filter((g, i, all) => g !== all[i - 1]);
    expect(groups).toEqual([...new Set(groups)]);
    const ids = commands.map((c) => c.id);
    expect(ids.slice(ids.indexOf("cancel"), ids.indexOf("cancel") + 2)).toEqual(["cancel", "check"]);
    expect(ids.slice(ids.indexOf("save"), ids.indexOf("save") + 3)).toEqual(["save", "import", "share"]);
  });
});

describe("filterCommands", () => {
  it("needs every word, in the group or the title, in any order", () => {
    const commands = buildCommands(context());
    expect(filterCommands(commands, "yaml download").map((c) => c.id)).toEqual(["download-yaml"]);
    expect(filterCommands(commands, "MAXIMISE tables").map((c) => c.id)).toEqual(["maximise-tables"]);
    expect(filterCommands(commands, "")).toHaveLength(commands.length);
    expect(filterCommands(commands, "zzz")).toEqual([]);
  });
});
