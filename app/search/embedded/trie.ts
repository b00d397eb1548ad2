// A character trie over the indexed words, for the two lookups that must not scan the whole
// vocabulary: completions of a prefix, and words within one or two typos (a bounded
// Damerau-Levenshtein walk that abandons a branch as soon as every cell exceeds the budget).
// Nodes live in typed arrays; children are a linked list of siblings (few per node in practice).
import { ensureLength } from "./arrays";

const INITIAL_NODES = 1_024;
const ROOT = 0;
const NONE = -1;

export class Trie {
  private chars = new Uint16Array(INITIAL_NODES);
  private firstChild = new Int32Array(INITIAL_NODES).fill(NONE);
  private nextSibling = new Int32Array(INITIAL_NODES).fill(NONE);
  private values = new Int32Array(INITIAL_NODES).fill(NONE);
  private size = 1;
  /** Levenshtein rows by depth, reused between lookups. */
  private rows: Int32Array[] = [];

  private child(node: number, char: number): number {
    for (let c = this.firstChild[node] as number; c !== NONE; c = this.nextSibling[c] as number) {
      if (this.chars[c] === char) return c;
    }
    return NONE;
  }

  private addNode(parent: number, char: number): number {
    const node = this.size++;
    if (node >= this.chars.length) {
      const needed = node + 1;
      this.chars = ensureLength(this.chars, needed);
      const oldLength = this.firstChild.length;
      this.firstChild = ensureLength(this.firstChild, needed);
      this.nextSibling = ensureLength(this.nextSibling, needed);
      this.values = ensureLength(this.values, needed);
      this.firstChild.fill(NONE, oldLength);
      this.nextSibling.fill(NONE, oldLength);
      this.values.fill(NONE, oldLength);
    }
    this.chars[node] = char;
    this.nextSibling[node] = this.firstChild[parent] as number;
    this.firstChild[parent] = node;
    return node;
  }

  /** Associates `value` with `key` (replacing an earlier value). */
  insert(key: string, value: number): void {
    let node = ROOT;
    for (let i = 0; i < key.length; i++) {
      const char = key.charCodeAt(i);
      const next = this.child(node, char);
      node = next === NONE ? this.addNode(node, char) : next;
    }
    this.values[node] = value;
  }

  private find(key: string): number {
    let node = ROOT;
    for (let i = 0; i < key.length && node !== NONE; i++) {
      node = this.child(node, key.charCodeAt(i));
    }
    return node;
  }

  get(key: string): number {
    const node = this.find(key);
    return node === NONE ? NONE : (this.values[node] as number);
  }

  /** Calls `onValue` for keys starting with `prefix` (itself included), visiting at most `maxNodes`. */
  withPrefix(prefix: string, maxNodes: number, onValue: (value: number) => void): void {
    const start = this.find(prefix);
    if (start === NONE) return;
    const stack = [start];
    let visited = 0;
    while (stack.length > 0 && visited < maxNodes) {
      const node = stack.pop() as number;
      visited++;
      const value = this.values[node] as number;
      if (value !== NONE) onValue(value);
      for (let c = this.firstChild[node] as number; c !== NONE; c = this.nextSibling[c] as number) {
        stack.push(c);
      }
    }
  }

  /**
   * Calls `onValue(value, distance)` for keys within `maxDistance` edits of `word`, where an edit
   * is an insertion, deletion, substitution or swap of two neighbouring letters.
   */
  fuzzy(
    word: string,
    maxDistance: number,
    maxNodes: number,
    onValue: (value: number, distance: number) => void,
  ): void {
    const m = word.length;
    const maxDepth = m + maxDistance;
    while (this.rows.length <= maxDepth + 1) this.rows.push(new Int32Array(0));
    for (let d = 0; d <= maxDepth + 1; d++) {
      if ((this.rows[d] as Int32Array).length < m + 1) this.rows[d] = new Int32Array(m + 1);
    }
    const first = this.rows[0] as Int32Array;
    for (let j = 0; j <= m; j++) first[j] = j;
    const budget = { left: maxNodes };

    const visit = (node: number, depth: number, prevChar: number): void => {
      if (budget.left-- <= 0) return;
      const char = this.chars[node] as number;
      const row = this.rows[depth] as Int32Array;
      const prev = this.rows[depth - 1] as Int32Array;
      const prevPrev = depth >= 2 ? (this.rows[depth - 2] as Int32Array) : null;
      row[0] = depth;
      let rowMin = depth;
      for (let j = 1; j <= m; j++) {
        const cost = word.charCodeAt(j - 1) === char ? 0 : 1;
        let v = Math.min(
          (prev[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (prev[j - 1] as number) + cost,
        );
        if (
          prevPrev &&
          j >= 2 &&
          char === word.charCodeAt(j - 2) &&
          prevChar === word.charCodeAt(j - 1)
        ) {
          v = Math.min(v, (prevPrev[j - 2] as number) + 1);
        }
        row[j] = v;
        if (v < rowMin) rowMin = v;
      }
      const value = this.values[node] as number;
      if (value !== NONE && (row[m] as number) <= maxDistance) onValue(value, row[m] as number);
      if (rowMin > maxDistance || depth >= maxDepth) return;
      for (let c = this.firstChild[node] as number; c !== NONE; c = this.nextSibling[c] as number) {
        visit(c, depth + 1, char);
      }
    };

    for (let c = this.firstChild[ROOT] as number; c !== NONE; c = this.nextSibling[c] as number) {
      visit(c, 1, NONE);
    }
  }
}
