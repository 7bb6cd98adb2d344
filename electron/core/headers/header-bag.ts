// Response headers as a case-insensitive multimap. A header may arrive repeated (Node gives an array
// for duplicates); `all` keeps each occurrence, `get` joins them as HTTP list syntax does.

export type RawHeaders = Readonly<Record<string, string | number | readonly (string | number)[] | undefined>>;

export class HeaderBag {
  private readonly values = new Map<string, string[]>();

  constructor(raw: RawHeaders = {}) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      const key = name.trim().toLowerCase();
      if (!key) continue;
      const list = Array.isArray(value) ? value : [value];
      const existing = this.values.get(key) ?? [];
      for (const v of list) existing.push(String(v).trim());
      this.values.set(key, existing);
    }
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  /** Every occurrence of the header, in order. */
  all(name: string): string[] {
    return this.values.get(name.toLowerCase()) ?? [];
  }

  /** The header's value, repeats joined with ", "; undefined when absent. */
  get(name: string): string | undefined {
    const list = this.values.get(name.toLowerCase());
    return list ? list.join(', ') : undefined;
  }

  /** The first occurrence, for headers that should appear once (a repeat is reported by the caller). */
  first(name: string): string | undefined {
    return this.values.get(name.toLowerCase())?.[0];
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  /** True when any header name starts with the prefix (lower-case). */
  hasPrefix(prefix: string): boolean {
    const p = prefix.toLowerCase();
    for (const k of this.values.keys()) if (k.startsWith(p)) return true;
    return false;
  }
}
