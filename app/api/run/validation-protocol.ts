/** Messages between the validation pool and its workers. */
import type { CheckedConfig } from "@/lib/config";

export interface ValidationRequest {
  readonly id: number;
  readonly text: string;
  /** The run's values of the config's references (the Secrets panel's): a typed value or `type` given as one is bound. */
  readonly refValues?: Readonly<Record<string, string>>;
}

export type ValidationReply =
  | { readonly id: number; readonly kind: "ready" }
  | { readonly id: number; readonly kind: "checked"; readonly checked: CheckedConfig }
  | { readonly id: number; readonly kind: "failed"; readonly message: string };
