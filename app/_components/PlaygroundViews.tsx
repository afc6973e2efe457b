"use client";
/** The workbench's views, built from the playground's state: what each shows, its badge, its stale mark. */
import dynamic from "next/dynamic";
import { FORMAT_NAMES } from "@/lib/formats";
import { EditorHost } from "./editor/EditorHost";
import { EditorLoadingPlaceholder } from "./editor/EditorLoadingPlaceholder";
import { ProblemsPanel } from "./problems/ProblemsPanel";
import { ResourcesBar } from "./resources/ResourcesBar";
import { SecretsPanel } from "./secrets/SecretsPanel";
import { TablesPanel } from "./tables/TablesPanel";
import { TracePanel } from "./trace/TracePanel";
import type { PlaygroundModel } from "./usePlayground";
import { CountBadge, PhaseBadge, ProblemsBadge, TextBadge } from "./workbench/Badges";
import { StaleNotice } from "./workbench/StaleNotice";
import type { ViewDef, ViewId } from "./workbench/views";
import type { PreviewTable } from "@/lib/preview";

const tableNames = (tables: readonly PreviewTable[]) => tables.flatMap((t) => [t.table_name, ...t.child_tables.map((c) => c.table_name)]);

/** The destination's Schema and SQL views load when first shown (decision 0019; not in the first-load budget). */
const loadingView = () => <p className="p-3 text-xs text-muted">Loading…</p>;
const SchemaPanel = dynamic(() => import("./schema/SchemaPanel"), { ssr: false, loading: loadingView });
const SqlPanel = dynamic(() => import("./sql/SqlPanel"), { ssr: false, loading: loadingView });

export function buildViews(
  m: PlaygroundModel,
  opts: { dark: boolean; runShortcut: string; onPalette: () => void },
): Record<ViewId, ViewDef> {
  const { run, stale, staleLabels } = m;
  const hasResults = run.trace.phase !== "idle";
  return {
    editor: {
      id: "editor",
      title: "Editor",
      // The status line (cursor, language, Tab's mode) in the title row of a short window: a line more of the config.
      toolsInHeader: "short",
      badge: m.format ? <TextBadge text={FORMAT_NAMES[m.format]} /> : undefined,
      content: (
        <section aria-label="Config editor" className="flex min-h-0 flex-1 flex-col overflow-hidden">
          {m.text === null ? (
            <EditorLoadingPlaceholder />
          ) : (
            <EditorHost
              initialValue={m.text}
              language={m.format ?? "python"}
              validation={m.validation}
              dark={opts.dark}
              onChange={m.setText}
              onReady={m.onEditorReady}
              onRun={m.runDefault}
              onSave={m.saveSource}
              onPalette={opts.onPalette}
              knownFields={m.knownFields}
            />
          )}
        </section>
      ),
    },
    problems: {
      id: "problems",
      title: "Problems",
      toolsInHeader: true,
      badge: <ProblemsBadge counts={m.counts} checking={m.checking} />,
      content: <ProblemsPanel validation={m.validation} onReveal={m.reveal} onFix={m.fix} />,
    },
    secrets: {
      id: "secrets",
      title: "Secrets",
      badge: <CountBadge n={m.uses?.length ?? 0} label="secrets" />,
      content: <SecretsPanel uses={m.uses} values={m.secretValues} target={m.target} missing={m.missingSecrets} onChange={m.setSecret} />,
    },
    trace: {
      id: "trace",
      title: "Trace",
      // A laptop's window: the run's status line sits beside the title (the badge says less than it).
      toolsInHeader: "short",
      badge: <PhaseBadge phase={run.trace.phase} />,
      stale: stale !== null && hasResults,
      content: (
        <>
          <ResourcesBar
            names={m.names}
            selected={m.selected}
            onToggle={m.toggleResource}
            onRunAll={m.runAll}
            onRunSelected={m.runSelected}
            canRun={m.blockedReason === null}
            running={m.running}
            maxPages={m.maxPages}
            onMaxPages={m.setMaxPages}
            changed={new Set(staleLabels.keys())}
          />
          {stale && hasResults && <StaleNotice staleness={stale} onRun={m.runDefault} canRun={m.blockedReason === null && !m.running} />}
          <TracePanel
            trace={run.trace}
            onCancel={m.cancel}
            shortcut={opts.runShortcut}
            stale={staleLabels}
            blocked={m.blockedReason}
            onFirstError={m.counts.errors > 0 && !m.checking ? m.firstProblem : undefined}
            onFillSecrets={m.missingSecrets.size > 0 ? m.fillSecrets : undefined}
            refusal={run.refusal}
          />
        </>
      ),
    },
    tables: {
      id: "tables",
      title: "Tables",
      // A short window: a run dlt does not load says so beside the tab, not on a line of the table's room.
      toolsInHeader: "short",
      badge: <CountBadge n={run.tables.reduce((n, t) => n + 1 + t.child_tables.length, 0)} label="tables" />,
      stale: stale !== null && run.tables.length > 0,
      content: <TablesPanel tables={run.tables} unloaded={run.unloaded} stale={staleLabels} actions={m.destination} />,
    },
    schema: {
      id: "schema",
      title: "Schema",
      stale: stale !== null && run.tables.length > 0,
      content: (
        <section aria-label="Schema" className="flex min-h-0 flex-1 flex-col overflow-hidden">
          <SchemaPanel tables={run.tables} destination={m.destination.destination} announce={m.destination.announce} />
        </section>
      ),
    },
    sql: {
      id: "sql",
      title: "SQL",
      content: (
        <section aria-label="SQL console" className="flex min-h-0 flex-1 flex-col overflow-hidden">
          {m.destination.duck && (
            <SqlPanel
              duck={m.destination.duck}
              tables={tableNames(run.tables)}
              hasData={run.tables.some((t) => t.loaded)}
              announce={m.destination.announce}
            />
          )}
        </section>
      ),
    },
  };
}
