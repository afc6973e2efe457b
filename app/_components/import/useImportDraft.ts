"use client";
/**
 * The Import dialog's state: the pasted text, the draft of guesses, the user's edits to them, and the
 * config they make (built and validated on every edit by lib/importers, loaded on first use).
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ExportFormat } from "@/lib/config";
import type { EndpointChoice, ImportDraft, ImportSource, RenderedConfig } from "@/lib/importers";
import type { MockSpec } from "@/lib/mocks";

type Importers = typeof import("@/lib/importers");
let loading: Promise<Importers> | null = null;
const loadImporters = () => (loading ??= import("@/lib/importers"));

/** One endpoint's editable guesses, as the form holds them (text fields). */
export interface EndpointEdit {
  readonly ticked: boolean;
  readonly name: string;
  readonly path: string;
  readonly data_selector: string;
  readonly paginator: string;
  readonly primary_key: string;
  readonly incremental: boolean;
}

export interface Built {
  readonly rendered: RenderedConfig | null;
  readonly mock: MockSpec | null;
  readonly resources: readonly string[];
  /** A field the user broke (invalid paginator JSON), or null. */
  readonly problem: string | null;
  /** What to do next when nothing is wrong yet (no endpoint ticked): shown as guidance, not as an error. */
  readonly guidance?: string;
}

function editsOf(draft: ImportDraft): Record<string, EndpointEdit> {
  const defaultTicks = draft.source !== "openapi";
  return Object.fromEntries(
    draft.endpoints.map((e) => [
      e.id,
      {
        ticked: defaultTicks && e.selected,
        name: e.name.value,
        path: e.path,
        data_selector: e.data_selector?.value ?? "",
        paginator: e.paginator ? JSON.stringify(e.paginator.value) : "",
        primary_key: Array.isArray(e.primary_key?.value) ? e.primary_key.value.join(", ") : String(e.primary_key?.value ?? ""),
        incremental: e.incremental !== null,
      } satisfies EndpointEdit,
    ]),
  );
}

function choiceOf(edit: EndpointEdit): EndpointChoice | string {
  let paginator: EndpointChoice["paginator"] = null;
  if (edit.paginator.trim() !== "") {
    try {
      const v: unknown = JSON.parse(edit.paginator);
      if (typeof v !== "object" || v === null || Array.isArray(v))
        return `${edit.name}: the paginator must be a JSON object such as {"type": "offset", "limit": 100}.`;
      paginator = v as NonNullable<EndpointChoice["paginator"]>;
    } catch {
      return `${edit.name}: the paginator is not valid JSON (expected e.g. {"type": "single_page"}).`;
    }
  }
  const keys = edit.primary_key
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    name: edit.name,
    path: edit.path,
    data_selector: edit.data_selector.trim() || null,
    paginator,
    primary_key: keys.length > 1 ? keys : (keys[0] ?? null),
    incremental: edit.incremental,
  };
}

export function useImportDraft(defaultFormat: ExportFormat) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<ImportSource | "auto">("auto");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ImportDraft | null>(null);
  const [edits, setEdits] = useState<Record<string, EndpointEdit>>({});
  const [baseUrl, setBaseUrl] = useState("");
  const [useAuth, setUseAuth] = useState(true);
  const [format, setFormat] = useState<ExportFormat>(defaultFormat);
  const [mod, setMod] = useState<Importers | null>(null);

  useEffect(() => {
    void loadImporters().then((m) => setMod(() => m));
  }, []);

  const analyse = useCallback(async () => {
    const m = await loadImporters();
    const result = m.importText(text, { ...(kind !== "auto" ? { source: kind } : {}), ...(url.trim() ? { url: url.trim() } : {}) });
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    setError(null);
    setDraft(result.draft);
    setEdits(editsOf(result.draft));
    setBaseUrl(result.draft.base_url.value);
    setUseAuth(result.draft.auth !== null);
    return true;
  }, [text, kind, url]);

  const edit = useCallback(
    (id: string, patch: Partial<EndpointEdit>) => setEdits((prev) => ({ ...prev, [id]: { ...(prev[id] as EndpointEdit), ...patch } })),
    [],
  );
  const tickAll = useCallback(
    (on: boolean) => setEdits((prev) => Object.fromEntries(Object.entries(prev).map(([id, e]) => [id, { ...e, ticked: on }]))),
    [],
  );
  const back = useCallback(() => setDraft(null), []);

  const built = useMemo((): Built => {
    if (!mod || !draft) return { rendered: null, mock: null, resources: [], problem: null };
    const choices: Record<string, EndpointChoice> = {};
    for (const [id, e] of Object.entries(edits)) {
      const c = choiceOf(e);
      if (typeof c === "string") return { rendered: null, mock: null, resources: [], problem: c };
      choices[id] = c;
    }
    const selected = Object.entries(edits)
      .filter(([, e]) => e.ticked)
      .map(([id]) => id);
    if (selected.length === 0)
      return { rendered: null, mock: null, resources: [], problem: null, guidance: "Tick the endpoints to import as resources." };
    const out = mod.buildConfig(draft, {
      selected,
      base_url: baseUrl,
      auth: useAuth ? (draft.auth?.value ?? null) : null,
      endpoints: choices,
    });
    return { rendered: mod.renderConfig(out.config, format), mock: out.mock, resources: out.resources, problem: null };
  }, [mod, draft, edits, baseUrl, useAuth, format]);

  return {
    text,
    setText,
    kind,
    setKind,
    url,
    setUrl,
    error,
    setError,
    draft,
    analyse,
    back,
    edits,
    edit,
    tickAll,
    baseUrl,
    setBaseUrl,
    useAuth,
    setUseAuth,
    format,
    setFormat,
    built,
  };
}

export type ImportModel = ReturnType<typeof useImportDraft>;
