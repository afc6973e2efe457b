/** Messages between the validation pool and its workers. */
import type { CheckedConfig } from "@/lib/config";

export interface ValidationRequest {
  readonly id: number;
  readonly text: string;
}

export type ValidationReply =
  | { readonly id: number; readonly kind: "ready" }
  | { readonly id: number; readonly kind: "checked"; readonly checked: CheckedConfig }
  | { readonly id: number; readonly kind: "failed"; readonly message: string };
