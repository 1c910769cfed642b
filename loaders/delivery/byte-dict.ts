/**
 * Dictionary encoding of byte ranges: equal cell texts get the same small id without making a
 * string per cell. Used to intern the low-cardinality columns of inbraken.csv (codes, postcodes,
 * free-text categories), so each distinct value is decoded and validated once.
 */

/** Decodes a byte range of the file to text (UTF-8 or Windows-1252). */
export type RangeDecoder = (bytes: Uint8Array, start: number, end: number) => string;

/** Interns byte ranges of one buffer (and, on the slow path, strings) into dense ids. */
export class ByteDict {
  /** Decoded text of each id. */
  readonly values: string[] = [];
  private table: Int32Array;
  private mask: number;
  private starts: number[] = [];
  private lengths: number[] = [];
  private hashes: number[] = [];
  private readonly strings = new Map<string, number>();

  constructor(private readonly bytes: Uint8Array, private readonly decode: RangeDecoder, capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The id of the text in bytes[start, end). */
  id(start: number, end: number): number {
    const b = this.bytes;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const length = end - start;
    let slot = h & this.mask;
    for (;;) {
      const id = this.table[slot];
      if (id < 0) break;
      if (this.hashes[id] === h && this.lengths[id] === length) {
        const s = this.starts[id];
        let i = 0;
        while (i < length && b[s + i] === b[start + i]) i++;
        if (i === length) return id;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.values.length;
    this.values.push(this.decode(b, start, end));
    this.starts.push(start), this.lengths.push(length), this.hashes.push(h);
    this.table[slot] = id;
    if (this.values.length * 2 > this.table.length) this.grow();
    return id;
  }

  /** The id of a text that had to be decoded first (quoted with escapes, or non-ASCII around it). */
  idOfString(text: string): number {
    let id = this.strings.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(text);
      this.starts.push(-1), this.lengths.push(-1), this.hashes.push(0);
      this.strings.set(text, id);
    }
    return id;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      if (this.lengths[id] < 0) continue;
      let slot = this.hashes[id] & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** Maps strings to dense ids, keeping them in first-seen order (an Arrow dictionary). */
export class StringDict {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The id of a string, adding it when new. */
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.values.length)), this.values.push(value);
    return id;
  }
}

/**
 * The set of registration numbers seen so far, for the duplicate check in file order. ASCII keys
 * are hashed straight from the file's bytes; any other key (non-ASCII, or one that had to be
 * unescaped or trimmed of non-ASCII space) goes through a Set of strings, and the two sides are
 * checked against each other so that equal texts are always duplicates.
 */
export class KeySet {
  private table: Int32Array;
  private mask: number;
  private starts: Int32Array;
  private lengths: Int32Array;
  private hashes: Int32Array;
  private size = 0;
  private readonly strings = new Set<string>();

  constructor(private readonly bytes: Uint8Array, capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.starts = new Int32Array(capacity), this.lengths = new Int32Array(capacity), this.hashes = new Int32Array(capacity);
  }

  /**
   * Adds the key in bytes[start, end) (start < 0: the key is only known as `text`); returns false
   * when it was already there.
   */
  add(start: number, end: number, text: string): boolean {
    if (start >= 0) {
      const b = this.bytes;
      let h = 0x811c9dc5, high = 0;
      for (let i = start; i < end; i++) high |= b[i], h = Math.imul(h ^ b[i], 0x01000193);
      if (high < 0x80) {
        if (!this.insert(b, start, end, h)) return false;
        return this.strings.size === 0 || !this.strings.has(text);
      }
    }
    if (this.strings.has(text)) return false;
    let ascii = true;
    for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
    if (ascii) {
      const b = Buffer.from(text, "latin1");
      let h = 0x811c9dc5;
      for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
      if (this.find(b, 0, b.length, h) >= 0) return false;
    }
    this.strings.add(text);
    return true;
  }

  private find(src: Uint8Array, start: number, end: number, h: number): number {
    const b = this.bytes, length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id < 0) return -1 - slot;
      if (this.hashes[id] === h && this.lengths[id] === length) {
        const s = this.starts[id];
        let i = 0;
        while (i < length && b[s + i] === src[start + i]) i++;
        if (i === length) return id;
      }
    }
  }

  private insert(b: Uint8Array, start: number, end: number, h: number): boolean {
    const found = this.find(b, start, end, h);
    if (found >= 0) return false;
    if (this.size === this.starts.length) {
      const n = this.size * 2;
      const grow = (a: Int32Array) => {
        const next = new Int32Array(n);
        next.set(a);
        return next;
      };
      this.starts = grow(this.starts), this.lengths = grow(this.lengths), this.hashes = grow(this.hashes);
    }
    const id = this.size++;
    this.starts[id] = start, this.lengths[id] = end - start, this.hashes[id] = h;
    this.table[-1 - found] = id;
    if (this.size * 2 > this.table.length) this.rehash();
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id] & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}
