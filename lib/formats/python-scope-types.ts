/** What python-scope.ts reads from a file (decision 0022). */
import type { SyntaxNode } from "@lezer/common";
import type { Range } from "./types";

export type ParamKind = "secret" | "config" | "default" | "required";

export interface FunctionParam {
  readonly name: string;
  readonly kind: ParamKind;
  /** The default's node (`kind: "default"`). */
  readonly value: SyntaxNode | null;
  readonly range: Range;
}

export interface FunctionScope {
  readonly name: string;
  readonly node: SyntaxNode;
  /** `@dlt.source` / `@dlt.resource` (or `@dlt.transformer`); `null` for a plain function. */
  readonly decorator: "source" | "resource" | null;
  /** dlt's name for it: the decorator's `name=`, else the function's name. */
  readonly sourceName: string;
  /** The decorator's literal `section=` (`@dlt.source(section="shop")`): dlt's section for it in place of the module's name. */
  readonly section?: string;
  readonly params: ReadonlyMap<string, FunctionParam>;
  readonly assignments: Assignment[];
}

export interface Assignment {
  readonly name: string;
  readonly value: SyntaxNode;
  /** Where the statement starts: an assignment counts for uses after it. */
  readonly at: number;
  /** `name: RESTAPIConfig = {...}` */
  readonly annotatedConfig: boolean;
}

export interface UserClass {
  readonly name: string;
  readonly bases: readonly string[];
  /** `__init__`'s parameters after `self` (null: no `__init__` of its own); `open`: `*args`/`**kwargs`. */
  readonly init: { readonly names: readonly string[]; readonly open: boolean } | null;
  readonly range: Range;
  /** Decorated with `@configspec` (dlt's configuration classes, which an auth in a REST API config must be). */
  readonly configspec: boolean;
}

export interface ScopeCall {
  readonly node: SyntaxNode;
  readonly callee: "rest_api_source" | "rest_api_resources" | "register_paginator" | "register_auth";
}

export interface PyScope {
  readonly text: string;
  /** Bound name -> what it imports (`dlt`, `dlt.sources.rest_api.rest_api_source`). */
  readonly imports: Map<string, { readonly qualified: string; readonly range: Range }>;
  /** `from x import *` somewhere: any name may be defined. */
  starImport: boolean;
  readonly module: Assignment[];
  readonly functions: FunctionScope[];
  readonly classes: Map<string, UserClass>;
  /** Every name bound anywhere (assignments, defs, classes, parameters, loop targets). */
  readonly defined: Set<string>;
  readonly calls: ScopeCall[];
  /** `# restplay: config=<label>` */
  configPragma: { readonly label: string; readonly range: Range } | null;
  /** `# restplay: run as <type>` by line start offset. */
  readonly standIns: Map<number, { readonly type: string; readonly range: Range }>;
  /** End offset of the last import statement (where added imports go), or -1. */
  lastImportEnd: number;
  /** The first statement (added imports go before it when there are none). */
  firstStatement: number;
}
