/** Types of ./security-headers.js (shared with next.config.js, which cannot import TypeScript). */
export declare const COMMON_HEADERS: Readonly<Record<string, string>>;
export declare const API_CSP: string;
export declare const API_HEADERS: readonly { readonly key: string; readonly value: string }[];
export declare function policy(directives: readonly string[]): string;
