import { EditorStatusPlaceholder } from "./EditorStatus";

/** Shown while Monaco's chunks load; same size as the editor and its status line, so nothing jumps. */
export function EditorLoadingPlaceholder() {
  return (
    <div className="flex h-full min-h-0 flex-1 flex-col">
      <div className="flex min-h-0 flex-1 items-center justify-center text-sm text-muted" role="status">
        Loading editor…
      </div>
      <EditorStatusPlaceholder />
    </div>
  );
}
