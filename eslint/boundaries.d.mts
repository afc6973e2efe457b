/** Types for eslint/boundaries.mjs (a plain ESM file ESLint loads directly). */
export interface Layer {
  readonly runtime: readonly string[];
  readonly types: readonly string[];
  readonly banned: readonly string[];
  readonly why: string;
}
export declare const LAYERS: Readonly<Record<string, Layer>>;
export declare const boundariesPlugin: { readonly rules: Readonly<Record<string, unknown>> };
