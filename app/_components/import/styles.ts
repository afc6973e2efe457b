/** Class names the import, share and check dialogs share. */
export const INPUT = "h-8 w-full rounded border border-line bg-surface px-2 text-sm text-fg";
export const MONO_INPUT = `${INPUT} font-mono text-xs`;
export const BUTTON =
  "h-8 rounded border border-line bg-surface px-3 text-sm text-fg hover:bg-raised disabled:cursor-not-allowed disabled:opacity-60";
export const PRIMARY =
  "h-8 rounded bg-accent px-3 text-sm font-semibold text-accent-fg hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-60";
export const EVIDENCE = "mt-0.5 block text-xs text-muted";
