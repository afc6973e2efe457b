"use client";
/**
 * What an import leaves behind in the playground (issue #11): the spec mock the imported config runs
 * against with the Mock target, and the example the editor's text came from (for share links). In
 * the page's memory only, like the secrets.
 */
import { useMemo, useState } from "react";
import type { MockSpec } from "@/lib/mocks";

export interface Imported {
  readonly mockSpec: MockSpec | null;
  readonly setMockSpec: (spec: MockSpec | null) => void;
  readonly exampleId: string | null;
  readonly setExampleId: (id: string | null) => void;
}

export function useImported(): Imported {
  const [mockSpec, setMockSpec] = useState<MockSpec | null>(null);
  const [exampleId, setExampleId] = useState<string | null>(null);
  return useMemo(() => ({ mockSpec, setMockSpec, exampleId, setExampleId }), [mockSpec, exampleId]);
}
