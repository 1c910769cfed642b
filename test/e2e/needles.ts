/**
 * Searches many byte strings at once in built files: a Rabin-Karp rolling hash per needle length
 * (a handful of distinct lengths), verified byte by byte on a hash hit, and float64 values at every
 * byte offset. Linear in the file size, whatever the number of needles.
 */

export interface Needle {
  label: string;
  bytes: Buffer;
}

const BASE = 257;
const MOD = 2_147_483_629; // a prime below 2^31: products stay exact in doubles

function hashOf(bytes: Uint8Array, from: number, length: number): number {
  let h = 0;
  for (let i = 0; i < length; i++) h = (h * BASE + bytes[from + i]) % MOD;
  return h;
}

/** An index of needles that finds, in one pass per distinct length, which ones occur in a buffer. */
export class NeedleIndex {
  private readonly byLength = new Map<number, Map<number, Needle[]>>();
  private readonly floats = new Map<number, string>();

  constructor(needles: readonly Needle[], floats: readonly {label: string; value: number}[] = []) {
    for (const n of needles) {
      if (!n.bytes.length) continue;
      let table = this.byLength.get(n.bytes.length);
      if (!table) this.byLength.set(n.bytes.length, (table = new Map()));
      const h = hashOf(n.bytes, 0, n.bytes.length);
      const list = table.get(h);
      if (list) list.push(n);
      else table.set(h, [n]);
    }
    for (const f of floats) this.floats.set(f.value, f.label);
  }

  /** Labels of the needles found in `bytes` (each once). */
  find(bytes: Uint8Array, {floats = false}: {floats?: boolean} = {}): string[] {
    const found = new Set<string>();
    for (const [length, table] of this.byLength) {
      if (bytes.length < length) continue;
      let power = 1;
      for (let i = 1; i < length; i++) power = (power * BASE) % MOD;
      let h = hashOf(bytes, 0, length);
      for (let i = 0; ; i++) {
        const hits = table.get(h);
        if (hits) {
          for (const n of hits) {
            let same = true;
            for (let k = 0; k < length && same; k++) same = bytes[i + k] === n.bytes[k];
            if (same) found.add(n.label);
          }
        }
        if (i + length >= bytes.length) break;
        h = ((h - ((bytes[i] * power) % MOD) + MOD) % MOD * BASE + bytes[i + length]) % MOD;
      }
    }
    if (floats && this.floats.size && bytes.length >= 8) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i + 8 <= bytes.length; i++) {
        const label = this.floats.get(view.getFloat64(i, true));
        if (label !== undefined) found.add(label);
      }
    }
    return [...found];
  }
}
