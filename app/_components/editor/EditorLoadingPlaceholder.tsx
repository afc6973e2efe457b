/** Shown while Monaco's chunks load; same size as the editor, so nothing jumps. */
export function EditorLoadingPlaceholder() {
  return (
    <div className="flex h-full items-center justify-center text-sm text-muted" role="status">
      Loading editor…
    </div>
  );
}
