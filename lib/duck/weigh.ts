/**
 * How much JSON a result cell will make, at least, read off DuckDB's vectors *before* anything is
 * converted: a list's length, a string's byte length, recursively through lists, arrays, maps, structs
 * and unions. Converting is synchronous on the server's one thread, and one cell can hold a list of 30
 * million values (`SELECT range(0, 30000000)`) or a chunk 2,048 lists of 20,000: converted whole, they
 * held every other request for a minute. The console converts a row only while its weight fits.
 *
 * Lists and their offsets are public in node-api; the children of arrays, maps, structs and unions and
 * a string's length are read from fields node-api keeps private (1.5.6): `weigh.test.ts` fails if they
 * move. A missing one weighs 2, as a scalar does.
 */
import {
  DuckDBArrayVector,
  DuckDBBlobVector,
  DuckDBListVector,
  DuckDBMapVector,
  DuckDBStructVector,
  DuckDBUnionVector,
  DuckDBVarCharVector,
  type DuckDBVector,
} from "@duckdb/node-api";

interface Inside {
  readonly validity?: { itemValid(i: number): boolean };
  readonly entryVectors?: readonly DuckDBVector[];
  readonly childData?: DuckDBVector;
  readonly listVector?: DuckDBListVector;
  readonly structVector?: DuckDBStructVector;
  readonly dataView?: DataView;
}

/** The least JSON a scalar makes with its separator (`1,`). */
const SCALAR = 2;

const nested = (v: DuckDBVector): boolean =>
  v instanceof DuckDBListVector ||
  v instanceof DuckDBArrayVector ||
  v instanceof DuckDBMapVector ||
  v instanceof DuckDBStructVector ||
  v instanceof DuckDBUnionVector;

const textual = (v: DuckDBVector): boolean => v instanceof DuckDBVarCharVector || v instanceof DuckDBBlobVector;

/** `length` items of `child` from `offset`, stopping once past `budget`. */
function items(child: DuckDBVector, offset: number, length: number, budget: number): number {
  if (!nested(child) && !textual(child)) return SCALAR * length;
  let n = 0;
  for (let j = 0; j < length && n <= budget; j++) n += cellWeight(child, offset + j, budget - n);
  return n;
}

/** At least how many bytes of JSON the cell at `row` of `vector` makes; counting stops once past `budget`. */
export function cellWeight(vector: DuckDBVector, row: number, budget: number): number {
  const inside = vector as unknown as Inside;
  if (inside.validity && !inside.validity.itemValid(row)) return SCALAR;
  if (vector instanceof DuckDBListVector)
    return SCALAR + items(vector.childVector, vector.getEntryOffset(row), vector.getEntryLength(row), budget);
  if (vector instanceof DuckDBArrayVector) {
    const length = vector.type.length;
    return inside.childData ? SCALAR + items(inside.childData, row * length, length, budget) : SCALAR;
  }
  if (vector instanceof DuckDBMapVector) return inside.listVector ? cellWeight(inside.listVector, row, budget) : SCALAR;
  if (vector instanceof DuckDBUnionVector) return inside.structVector ? cellWeight(inside.structVector, row, budget) : SCALAR;
  if (vector instanceof DuckDBStructVector) {
    let n = SCALAR;
    for (const entry of inside.entryVectors ?? []) {
      if (n > budget) break;
      n += cellWeight(entry, row, budget - n);
    }
    return n;
  }
  // DuckDB's string_t: 16 bytes per row, its length in bytes first (little-endian); a third of it is
  // the fewest UTF-16 characters those bytes can make.
  if (textual(vector) && inside.dataView) return SCALAR + Math.ceil(inside.dataView.getUint32(row * 16, true) / 3);
  return SCALAR;
}

/** The weight of a row's cells (`cellWeight`), stopping once past `budget`. */
export function rowWeight(vectors: readonly DuckDBVector[], row: number, budget: number): number {
  let n = 0;
  for (const v of vectors) {
    if (n > budget) break;
    n += cellWeight(v, row, budget - n);
  }
  return n;
}
