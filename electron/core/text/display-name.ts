// Names typed by a user or read from a hand-edited config.json reach the tray tooltip, the menu and
// desktop notifications. Control characters (NUL, line breaks, escape sequences) and bidirectional
// overrides (which can make "yrotcerid" read as "directory" or reorder a figure) are removed, runs of
// white space become one space, and the rest is kept as typed.

// C0 and C1 controls, DEL; the bidi marks, embeddings, overrides and isolates; zero-width joiners,
// the BOM and the line/paragraph separators.
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The name as safe to show: no control or bidi characters, white space collapsed, trimmed. */
export function displayName(raw: string): string {
  return raw.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}
