"use client";
import { useEffect, useState } from "react";
import { validateText, type ValidationResult } from "@/lib/config";

const DEBOUNCE_MS = 150;

/** Validates the text ~150 ms after the last change (ARCHITECTURE rule 8: validation debounced). */
export function useValidation(text: string | null): ValidationResult | null {
  const [result, setResult] = useState<ValidationResult | null>(null);
  useEffect(() => {
    if (text === null) return;
    const t = setTimeout(() => setResult(validateText(text)), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);
  return result;
}
