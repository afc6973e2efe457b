/** Every row of the Python table. */
import { CLASS_CASES, CUSTOM_CASES } from "./classes";
import { FILE_CASES } from "./files";
import { FORMAT_CASES } from "./formats";
import { RULE_CASES } from "./rules";
import { UNREAD_CASES } from "./unread";
import type { PyCase } from "./kit";

export type { PyCase, PyNote } from "./kit";
export const PYTHON_CASES: readonly PyCase[] = [
  ...FILE_CASES,
  ...CLASS_CASES,
  ...CUSTOM_CASES,
  ...RULE_CASES,
  ...UNREAD_CASES,
  ...FORMAT_CASES,
];
