"use client";
import { useEffect, useRef, useState } from "react";
import type { ValidationResult } from "@/lib/config";
import type { Toolkit } from "../toolkit/useToolkit";

/**
 * Validates the text shortly after the last change (ARCHITECTURE rule 8: validation debounced).
 * The delay adapts to the document: twice the last validation's cost, between 30 and 150 ms, so small
 * configs update almost at once (budget: keystroke to diagnostics ≤ 150 ms, bench/browser.ts) while
 * large ones still do not validate on every keystroke of a burst.
 */
export function useValidation(text: string | null, toolkit: Toolkit | null): ValidationResult | null {
  const [result, setResult] = useState<ValidationResult | null>(null);
  const lastCost = useRef(10);
  const validated = useRef(false);
  useEffect(() => {
    if (text === null || toolkit === null) return;
    const { validateText } = toolkit;
    // The first result goes out at once: there is no burst of keystrokes to wait for yet.
    const delay = validated.current ? Math.min(150, Math.max(30, lastCost.current * 2)) : 0;
    const t = setTimeout(() => {
      const started = performance.now();
      const r = validateText(text);
      lastCost.current = performance.now() - started;
      validated.current = true;
      setResult(r);
    }, delay);
    return () => clearTimeout(t);
  }, [text, toolkit]);
  return result;
}
