/**
 * A small seeded PRNG (mulberry32) for scenario generation. Not cryptographic: its only job is
 * that the same seed gives the same jobs on every machine and Node version, which `Math.random`
 * and `node:crypto` cannot.
 */
export class Prng {
  private state: number;

  /** @param seed any 32-bit unsigned integer */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: readonly { readonly value: T; readonly weight: number }[]): T {
    const total = entries.reduce((sum, e) => sum + e.weight, 0);
    let r = this.next() * total;
    for (const entry of entries) {
      r -= entry.weight;
      if (r < 0) return entry.value;
    }
    return entries[entries.length - 1]!.value;
  }

  /** `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** An 18-digit numeric id with no leading zero, like Workspace APP ids. */
  workspaceId(): string {
    return this.chars(1, "123456789") + this.chars(17, "0123456789");
  }

  /** 32 lowercase hex characters, like IMS job ids. */
  hex32(): string {
    return this.chars(32, "0123456789abcdef");
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const h = this.hex32();
    const variant = "89ab"[this.int(0, 3)]!;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

/** FNV-1a hash of `text` (32 bits): derives independent PRNG streams from one seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
