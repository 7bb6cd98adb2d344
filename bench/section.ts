export interface BenchSection {
  title: string;
  run(print: (line: string) => void): Promise<void>;
}

/** A Markdown table with right-aligned numbers. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(cells[0] ?? []),
    `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`,
    ...cells.slice(1).map(line),
  ];
}
