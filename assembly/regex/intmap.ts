// Interning of i32 tuples (DFA state contents) without strings: tuples live back to back in one
// pool; an open-addressing table (power-of-two slots, linear probing) maps a hash to the tuple id.
// Memory: 4 bytes per tuple element + 8 per tuple + 4 per slot (load factor <= 1/2).
// Incremented whenever any TupleMap grows: lets owners skip memory accounting while nothing grew.
export let tupleAdds: i32 = 0;

export class TupleMap {
  pool: Array<i32> = [];
  off: Array<i32> = [];
  len: Array<i32> = [];
  private slots: Int32Array = new Int32Array(64).fill(-1);
  private mask: u32 = 63;

  get count(): i32 { return this.off.length; }
  get bytes(): i32 { return (this.pool.length + this.off.length * 2 + this.slots.length) * 4; }

  clear(): void {
    this.pool.length = 0; this.off.length = 0; this.len.length = 0;
    this.slots = new Int32Array(64).fill(-1);
    this.mask = 63;
  }

  private static hash(t: Array<i32>): u32 {
    let h: u32 = 0x811c9dc5 ^ <u32>t.length;
    for (let i = 0; i < t.length; i++) { h = (h ^ <u32>unchecked(t[i])) * 0x01000193; h ^= h >> 15; }
    return h;
  }

  private equals(id: i32, t: Array<i32>): bool {
    const n = unchecked(this.len[id]);
    if (n != t.length) return false;
    const o = unchecked(this.off[id]);
    for (let i = 0; i < n; i++) if (unchecked(this.pool[o + i]) != unchecked(t[i])) return false;
    return true;
  }

  // Returns the id of tuple t, adding it when new (then `added` is true).
  added: bool = false;
  intern(t: Array<i32>): i32 {
    let i = TupleMap.hash(t) & this.mask;
    while (true) {
      const id = unchecked(this.slots[i]);
      if (id < 0) break;
      if (this.equals(id, t)) { this.added = false; return id; }
      i = (i + 1) & this.mask;
    }
    const id = this.off.length;
    this.off.push(this.pool.length);
    this.len.push(t.length);
    for (let k = 0; k < t.length; k++) this.pool.push(unchecked(t[k]));
    this.slots[i] = id;
    if (<u32>(this.off.length * 2) > this.mask) this.grow();
    this.added = true;
    tupleAdds++;
    return id;
  }

  private grow(): void {
    const cap = (this.mask + 1) << 1;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    const t = new Array<i32>();
    for (let id = 0; id < this.off.length; id++) {
      t.length = 0;
      const o = this.off[id];
      for (let k = 0; k < this.len[id]; k++) t.push(this.pool[o + k]);
      let i = TupleMap.hash(t) & this.mask;
      while (this.slots[i] >= 0) i = (i + 1) & this.mask;
      this.slots[i] = id;
    }
  }
}
