/**
 * What an import produces before it becomes a config: a draft of guesses, each with the evidence it
 * rests on, that the Import dialog shows and lets the user edit, and that `buildConfig` turns into a
 * dlt rest_api config. Secrets are always `{"$secret": name}` references, never values.
 */
import type { PlainValue } from "../formats";
import type { MockSpec } from "../mocks";

export const IMPORT_SOURCES = ["openapi", "curl", "har", "sample"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** A guess and the evidence it rests on (shown next to it). */
export interface Guess<T> {
  readonly value: T;
  readonly evidence: string;
}

export type PlainObject = { readonly [key: string]: PlainValue };

/** A child's link to its parent: `/users/{user_id}/posts` → `/users/{resources.users.id}/posts`. */
export interface ParentLink {
  /** The parent endpoint's `id`. */
  readonly endpoint: string;
  /** Which path parameter each parent record field fills: `[{param: "user_id", field: "id"}]`. */
  readonly bindings: readonly { readonly param: string; readonly field: string }[];
}

export interface IncrementalGuess {
  /** The record field that holds the cursor, e.g. `updated_at`. */
  readonly cursor_path: string;
  readonly initial_value: string;
  /** The query parameter that receives `{incremental.start_value}`, if the API has one. */
  readonly param: string | null;
}

export interface EndpointDraft {
  /** Stable within the draft: `GET /users/{user_id}/posts`. */
  readonly id: string;
  readonly method: "GET" | "POST";
  /** The path as the source spells it, path parameters in braces. */
  readonly path: string;
  readonly summary: string;
  readonly kind: "collection" | "entity";
  /** Ticked by default (the CLI imports these unless resources are named). */
  readonly selected: boolean;
  readonly name: Guess<string>;
  readonly params: Guess<PlainObject> | null;
  readonly headers: PlainObject | null;
  readonly json: PlainObject | null;
  readonly data: PlainValue | null;
  readonly data_selector: Guess<string> | null;
  readonly paginator: Guess<PlainObject> | null;
  readonly primary_key: Guess<string | readonly string[]> | null;
  readonly parent: Guess<ParentLink> | null;
  readonly incremental: Guess<IncrementalGuess> | null;
}

export interface ImportDraft {
  readonly source: ImportSource;
  readonly title: string;
  readonly base_url: Guess<string>;
  readonly auth: Guess<PlainObject> | null;
  /** Headers every request sends (client headers). */
  readonly headers: PlainObject | null;
  readonly endpoints: readonly EndpointDraft[];
  /** What was left out, and why. */
  readonly notes: readonly string[];
  /** A mock API the imported config runs against offline (OpenAPI, sample), or null. */
  readonly mock: MockSpec | null;
}

/** An import that could not start: the text is not what the source kind expects. */
export interface ImportFailure {
  readonly ok: false;
  readonly message: string;
}

export type ImportResult = { readonly ok: true; readonly draft: ImportDraft } | ImportFailure;
