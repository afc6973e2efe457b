"use client";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { SPLIT_CSS_VAR, SPLIT_DEFAULT, SPLIT_MAX, SPLIT_MIN, SPLIT_STORAGE_KEY } from "../theme-script";
import { readStorage, writeStorage } from "../hooks/storage";

const clamp = (v: number) => Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, Math.round(v * 10) / 10));

/**
 * Two panes side by side with an accessible drag handle (pointer or arrow keys, Home/End).
 * The split is a CSS variable set before paint from local storage, so a reload does not jump.
 */
export function SplitPane({ left, right }: { left: ReactNode; right: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const [split, setSplit] = useState(SPLIT_DEFAULT);

  useEffect(() => {
    const saved = Number(readStorage(SPLIT_STORAGE_KEY));
    // Only the aria value is synced here; the layout already used the variable before paint.
    if (saved >= SPLIT_MIN && saved <= SPLIT_MAX) setSplit(saved);
  }, []);

  const apply = useCallback((value: number) => {
    const v = clamp(value);
    setSplit(v);
    document.documentElement.style.setProperty(SPLIT_CSS_VAR, `${v}%`);
    writeStorage(SPLIT_STORAGE_KEY, String(v));
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId) || !container.current) return;
    const box = container.current.getBoundingClientRect();
    apply(((e.clientX - box.left) / box.width) * 100);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 10 : 2;
    const next = { ArrowLeft: split - step, ArrowRight: split + step, Home: SPLIT_MIN, End: SPLIT_MAX }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    apply(next);
  };

  return (
    <div ref={container} className="flex min-h-0 min-w-0 flex-1">
      <div className="min-w-0 shrink-0" style={{ width: `var(${SPLIT_CSS_VAR}, ${SPLIT_DEFAULT}%)` }}>
        {left}
      </div>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the editor and the results (arrow keys)"
        aria-valuenow={split}
        aria-valuemin={SPLIT_MIN}
        aria-valuemax={SPLIT_MAX}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
        className="group relative w-1.5 shrink-0 cursor-col-resize touch-none bg-line hover:bg-accent focus-visible:bg-accent"
      >
        <span className="absolute inset-y-0 -left-1 -right-1" aria-hidden="true" />
      </div>
      <div className="min-w-0 flex-1">{right}</div>
    </div>
  );
}
