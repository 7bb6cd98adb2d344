// The export's two formats, from one column table: JSON (three arrays of flat records) and CSV (one
// table, a `record` column saying which of the three a row is, the union of their columns). Times
// are ISO 8601 UTC, numbers unlocalised (a dot, no grouping), booleans true/false, unknown empty
// (null in JSON). `parseCsv` reads a CSV export back into the JSON document's tables: the round trip
// is exact (the JSON's generated_at has no place in a table and is the one thing CSV leaves out).
import type { CycleRow, DayRow, ExportData, ExportFormat, ObservationRow } from './model';

type Kind = 'time' | 'number' | 'bool' | 'string';
type Value = string | number | boolean | null;

interface Column<R> {
  name: string;
  kind: Kind;
  get: (row: R) => string | number | boolean | null;
}

const col = <R>(name: string, kind: Kind, get: Column<R>['get']): Column<R> => ({ name, kind, get });

export const OBSERVATION_COLUMNS: Column<ObservationRow>[] = [
  col('key', 'string', (r) => r.key),
  col('key_id', 'string', (r) => r.keyId),
  col('at', 'time', (r) => r.at),
  col('kind', 'string', (r) => r.kind),
  col('window_limit', 'number', (r) => r.windowLimit),
  col('window_remaining', 'number', (r) => r.windowRemaining),
  col('window_reset_at', 'time', (r) => r.windowResetAt),
  col('window_period_s', 'number', (r) => r.windowPeriodS),
  col('cycle_used', 'number', (r) => r.cycleUsed),
];

export const DAY_COLUMNS: Column<DayRow>[] = [
  col('key', 'string', (r) => r.key),
  col('key_id', 'string', (r) => r.keyId),
  col('cycle_start', 'time', (r) => r.cycleStart),
  col('day_start', 'time', (r) => r.dayStart),
  col('day_end', 'time', (r) => r.dayEnd),
  col('calls', 'number', (r) => r.calls),
  col('complete', 'bool', (r) => r.complete),
];

export const CYCLE_COLUMNS: Column<CycleRow>[] = [
  col('key', 'string', (r) => r.key),
  col('key_id', 'string', (r) => r.keyId),
  col('cycle_start', 'time', (r) => r.start),
  col('cycle_end', 'time', (r) => r.end),
  col('limit', 'number', (r) => r.limit),
  col('used', 'number', (r) => r.used),
  col('low', 'number', (r) => r.low),
  col('high', 'number', (r) => r.high),
  col('exact', 'bool', (r) => r.exact),
  col('basis', 'string', (r) => r.basis),
  col('ran_out_at', 'time', (r) => r.ranOutAt),
  col('peak_hour_start', 'time', (r) => r.peakAt),
  col('peak_hour_calls', 'number', (r) => r.peakCalls),
  col('probes_sent', 'number', (r) => r.probesSent),
  col('probes_billable', 'number', (r) => r.probesBillable),
  col('alerts_sent', 'number', (r) => r.alertsSent),
  col('forecast_25_run_out_at', 'time', (r) => r.forecast25RunOutAt),
  col('forecast_25_probability', 'number', (r) => r.forecast25Probability),
  col('forecast_50_run_out_at', 'time', (r) => r.forecast50RunOutAt),
  col('forecast_50_probability', 'number', (r) => r.forecast50Probability),
  col('forecast_75_run_out_at', 'time', (r) => r.forecast75RunOutAt),
  col('forecast_75_probability', 'number', (r) => r.forecast75Probability),
];

const TABLES = [
  { record: 'observation', list: 'observations', columns: OBSERVATION_COLUMNS },
  { record: 'day', list: 'daily', columns: DAY_COLUMNS },
  { record: 'cycle', list: 'cycles', columns: CYCLE_COLUMNS },
] as const;

/** The CSV header: `record`, then every table's columns in order, each once. */
export const CSV_COLUMNS: string[] = [
  'record',
  ...new Set(TABLES.flatMap((t) => (t.columns as Column<unknown>[]).map((c) => c.name))),
];

function value(kind: Kind, v: string | number | boolean | null): Value {
  if (v === null) return null;
  if (kind === 'time') return new Date(v as number).toISOString();
  return v;
}

export type ExportDocument = {
  generated_at: string;
  observations: Record<string, Value>[];
  daily: Record<string, Value>[];
  cycles: Record<string, Value>[];
};

/** The JSON document (times as ISO strings, snake_case names: the CSV's columns). */
export function toDocument(data: ExportData): ExportDocument {
  const rows = <R>(list: readonly R[], columns: Column<R>[]) =>
    list.map((r) => Object.fromEntries(columns.map((c) => [c.name, value(c.kind, c.get(r))])));
  return {
    generated_at: new Date(data.generatedAt).toISOString(),
    observations: rows(data.observations, OBSERVATION_COLUMNS),
    daily: rows(data.daily, DAY_COLUMNS),
    cycles: rows(data.cycles, CYCLE_COLUMNS),
  };
}

export function toJson(data: ExportData): string {
  return `${JSON.stringify(toDocument(data), null, 2)}\n`;
}

// A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection); the
// parser takes it off again. Only free text (key names) can start so. Apostrophes already in front
// of such a start are escaped the same way, so the parser's one removal always restores the name.
const FORMULA_START = /^'*[=+\-@\t\r]/;

function cell(v: Value): string {
  if (v === null) return '';
  let s = typeof v === 'string' ? v : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(data: ExportData): string {
  const doc = toDocument(data);
  const lines = [CSV_COLUMNS.join(',')];
  for (const t of TABLES) {
    for (const row of doc[t.list]) {
      lines.push(
        CSV_COLUMNS.map((name) => (name === 'record' ? t.record : cell(row[name] ?? null))).join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function parseValue(kind: Kind, s: string): Value {
  if (s === '') return null;
  switch (kind) {
    case 'number': {
      const n = Number(s);
      if (!Number.isFinite(n)) throw new Error(`not a number: ${s}`);
      return n;
    }
    case 'bool':
      if (s !== 'true' && s !== 'false') throw new Error(`not true/false: ${s}`);
      return s === 'true';
    case 'time':
      if (Number.isNaN(Date.parse(s))) throw new Error(`not an ISO time: ${s}`);
      return s;
    default:
      return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
  }
}

export type ExportTables = Omit<ExportDocument, 'generated_at'>;

/** Reads a CSV export back into the JSON document's tables. Throws on a file that is not one. */
export function parseCsv(text: string): ExportTables {
  const [header, ...rows] = parseCsvRows(text);
  if (!header || header.join(',') !== CSV_COLUMNS.join(','))
    throw new Error('not a Headroom export: unexpected columns');
  const doc: ExportTables = { observations: [], daily: [], cycles: [] };
  for (const r of rows) {
    const get = (name: string) => r[CSV_COLUMNS.indexOf(name)] ?? '';
    const table = TABLES.find((t) => t.record === r[0]);
    if (!table) throw new Error(`unknown record type: ${r[0]}`);
    const cols = table.columns as Column<unknown>[];
    doc[table.list].push(Object.fromEntries(cols.map((c) => [c.name, parseValue(c.kind, get(c.name))])));
  }
  return doc;
}

export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

export function renderExport(data: ExportData, format: ExportFormat): ExportFile {
  const stamp = new Date(data.generatedAt).toISOString().slice(0, 10);
  return format === 'csv'
    ? { filename: `headroom-export-${stamp}.csv`, mime: 'text/csv', content: toCsv(data) }
    : { filename: `headroom-export-${stamp}.json`, mime: 'application/json', content: toJson(data) };
}
