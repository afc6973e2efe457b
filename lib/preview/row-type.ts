/** The constructors the normaliser (relational.ts) makes its rows with, one per table. */
import type { Row } from "./relational";

export type RowType = new () => Row;

/**
 * A constructor of plain rows (their prototype is `Object.prototype`, as `{}`'s) for one table. V8 sizes
 * a constructor's objects for the properties its first few instances end up with (in-object slack
 * tracking, from an estimate of `this.x =` assignments plus 8): the row's columns are stored in the
 * object itself, where `{}` holds 4 and grows a separate property array 3 at a time. The assignments
 * never run; they only raise the estimate (to 32). One constructor per table: V8 shrinks each to its
 * own rows' size.
 */
export function rowType(): RowType {
  function PlainRow(this: Record<string, number>, never?: boolean) {
    // prettier-ignore
    if (never) this.a0 = this.a1 = this.a2 = this.a3 = this.a4 = this.a5 = this.a6 = this.a7 = this.a8 = this.a9 = this.a10 = this.a11 = this.a12 = this.a13 = this.a14 = this.a15 = this.a16 = this.a17 = this.a18 = this.a19 = this.a20 = this.a21 = this.a22 = this.a23 = 0;
  }
  PlainRow.prototype = Object.prototype;
  return PlainRow as unknown as RowType;
}
