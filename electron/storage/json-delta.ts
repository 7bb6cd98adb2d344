// The change between two JSON documents as a short list of patches, and its application: what the
// state journal appends instead of rewriting the whole file. Lists that grow at the end and drop their
// oldest entries (readings, history) become "drop n, add these"; objects are compared key by key; any
// other change replaces the value. Pure and shape-agnostic: it knows nothing of Headroom's state.

export type Patch =
  /** Set the value at path (created when missing). */
  | { p: string[]; v: unknown }
  /** Delete the key at path. */
  | { p: string[]; d: 1 }
  /** The list at path: drop its first n entries, then append these. */
  | { p: string[]; n: number; a: unknown[] };

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Patches that turn `prev` into `next` (both JSON-compatible); [] when they are equal. */
export function diff(prev: Json, next: Json): Patch[] {
  const out: Patch[] = [];
  walk(prev, next, [], out);
  return out;
}

function walk(prev: Json, next: Json, path: string[], out: Patch[]): void {
  if (prev === next) return;
  if (isObject(prev) && isObject(next)) {
    for (const k of Object.keys(next)) {
      // Own keys only: `in` also sees Object.prototype, so a key named "toString" was never added or deleted.
      if (!Object.hasOwn(prev, k)) out.push({ p: [...path, k], v: next[k] });
      else walk(prev[k], next[k], [...path, k], out);
    }
    for (const k of Object.keys(prev)) if (!Object.hasOwn(next, k)) out.push({ p: [...path, k], d: 1 });
    return;
  }
  if (Array.isArray(prev) && Array.isArray(next)) {
    const grown = appended(prev, next);
    if (grown) {
      if (grown.n > 0 || grown.a.length > 0) out.push({ p: path, ...grown });
      return;
    }
  }
  if (JSON.stringify(prev) !== JSON.stringify(next)) out.push({ p: path, v: next });
}

/** `next` as `prev` with its first n entries dropped and `a` appended, when it is that. */
function appended(prev: Json[], next: Json[]): { n: number; a: Json[] } | null {
  if (prev.length === 0) return { n: 0, a: next };
  const p = prev.map((x) => JSON.stringify(x));
  const first = next.length > 0 ? JSON.stringify(next[0]) : null;
  // Where next's first entry sits in prev (usually 0 or 1); with no entries kept, drop them all.
  for (let n = 0; n <= prev.length; n++) {
    const kept = prev.length - n;
    if (kept > next.length) continue;
    if (kept > 0 && p[n] !== first) continue;
    let same = true;
    for (let i = 0; i < kept && same; i++) same = p[n + i] === JSON.stringify(next[i]);
    if (same) return { n, a: next.slice(kept) };
  }
  return null;
}

/** Applies patches to a copy-on-write of `doc` (the input is not modified). */
export function apply(doc: Json, patches: readonly Patch[]): Json {
  let root = doc;
  for (const patch of patches) root = applyOne(root, patch.p, 0, patch);
  return root;
}

function applyOne(node: Json, path: readonly string[], i: number, patch: Patch): Json {
  if (i === path.length) {
    if ('v' in patch) return structuredClone(patch.v);
    if ('a' in patch) {
      const list = Array.isArray(node) ? node : [];
      return [...list.slice(patch.n), ...structuredClone(patch.a)];
    }
    return undefined;
  }
  const key = path[i] as string;
  // A hand-edited journal must not reach an object's prototype. Only "__proto__" can: assigning it
  // sets the prototype, while "constructor" or "toString" on a copied plain object is an own key.
  if (key === '__proto__') return node;
  const obj: Record<string, Json> = isObject(node) ? { ...node } : {};
  if (i === path.length - 1 && 'd' in patch) {
    delete obj[key];
    return obj;
  }
  obj[key] = applyOne(Object.hasOwn(obj, key) ? obj[key] : undefined, path, i + 1, patch);
  return obj;
}
