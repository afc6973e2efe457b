/**
 * The rules added for issue 9 (one entry each, in one place so they can move into the resolution step
 * together): incremental params set the start only, empty paginator parameter names, secret-looking
 * literals in headers, params and bodies. (`None` names are dropped before the schema: param-names.ts.)
 */
import type { RuleContext } from "./context";
import { checkIncrementalParams } from "./incremental-params";
import { checkEmptyNames } from "./param-names";
import { checkSecretLiterals } from "./secret-literals";

export function checkDltRules(ctx: RuleContext, plain: unknown): void {
  checkIncrementalParams(ctx, plain);
  checkEmptyNames(ctx, plain);
  checkSecretLiterals(ctx, plain);
}
