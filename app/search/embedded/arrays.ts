// Growable typed arrays: the index keeps its per-term and per-document numbers in typed arrays
// (compact, and no objects for the garbage collector to walk), grown geometrically like a Vec.

/** How much a typed array grows when it is full; 1.5 keeps the copy-and-waste peak modest. */
const GROWTH_FACTOR = 1.5;

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

/** Returns `array` when it already holds `needed` entries, else a bigger copy. */
export function ensureLength<T extends TypedArray>(array: T, needed: number): T {
  if (array.length >= needed) return array;
  const size = Math.max(needed, Math.ceil(array.length * GROWTH_FACTOR));
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}

const EMPTY_KEY = -1;
/** Grow when more than this share of the slots is used, keeping probe chains short. */
const INT_MAP_MAX_LOAD = 0.5;
const INT_MAP_INITIAL = 1 << 12;

/**
 * A map from non-negative integers to integers in two typed arrays (open addressing with linear
 * probing). Several times faster than a Map for the millions of bigram lookups of indexing.
 */
export class IntMap {
  private keys = new Int32Array(INT_MAP_INITIAL).fill(EMPTY_KEY);
  private values = new Int32Array(INT_MAP_INITIAL);
  private used = 0;

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    i &= mask;
    while (this.keys[i] !== key && this.keys[i] !== EMPTY_KEY) i = (i + 1) & mask;
    return i;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === key ? (this.values[i] as number) : -1;
  }

  set(key: number, value: number): void {
    const i = this.slot(key);
    if (this.keys[i] !== key) {
      this.keys[i] = key;
      this.used++;
    }
    this.values[i] = value;
    if (this.used > this.keys.length * INT_MAP_MAX_LOAD) this.rehash();
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2).fill(EMPTY_KEY);
    this.values = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] as number;
      if (key === EMPTY_KEY) continue;
      const j = this.slot(key);
      this.keys[j] = key;
      this.values[j] = oldValues[i] as number;
    }
  }
}
