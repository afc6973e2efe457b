import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digest128, shake128 } from "./shake";

const dltDigest = (text: string) => digest128(text, 10);

describe("SHAKE128", () => {
  it("equals node's for messages around every block boundary and outputs longer than a block", () => {
    for (const size of [0, 1, 2, 3, 4, 7, 8, 100, 166, 167, 168, 169, 200, 335, 336, 337, 1000]) {
      const data = randomBytes(size);
      for (const out of [4, 10, 32, 168, 200, 400]) {
        const want = createHash("shake128", { outputLength: out }).update(data).digest();
        expect(Buffer.from(shake128(new Uint8Array(data), out)).toString("hex"), `${size} bytes, ${out} out`).toBe(want.toString("hex"));
      }
    }
  });

  it("gives dlt's digest128 ids (recorded from dlt 1.26.0)", () => {
    // `digest128b(b'{"id":1}', 10)` and `get_nested_row_hash("z5jIxXIbUnmbKw", "items__tags", 0)`.
    expect(dltDigest('{"id":1}')).toBe("z5jIxXIbUnmbKw");
    expect(dltDigest("z5jIxXIbUnmbKw_items__tags_0")).toBe("GDkSJA8BDB4ssw");
    // `digest128("5")` (the default 15 bytes: an incremental's boundary hash of the key 5), `digest128("ab", 1)`.
    expect(digest128("5")).toBe("tIXXf9wiHssyAgHEzQnu");
    expect(digest128("ab", 1)).toBe("NQ");
    for (const bytes of [1, 2, 3, 10, 15, 16])
      expect(digest128("été ✓ 😀", bytes), `${bytes} bytes`).toBe(
        createHash("shake128", { outputLength: bytes }).update("été ✓ 😀", "utf8").digest("base64").replace(/=+$/, ""),
      );
    expect(dltDigest("été ✓ 😀")).toBe(
      createHash("shake128", { outputLength: 10 }).update("été ✓ 😀", "utf8").digest("base64").replace(/=+$/, ""),
    );
  });
});
