import type { UsageRow } from './types';

/** One bar group of the usage chart: a day and the requests per model on it. */
export interface DaySeries {
  days: string[];
  models: string[];
  /** requests[model][dayIndex] */
  requests: Record<string, number[]>;
}

/** Spreads `group_by=day` rows over every day of the range, zero where nothing was called. */
export function daySeries(rows: UsageRow[], fromDay: string, toDay: string): DaySeries {
  const days: string[] = [];
  for (let day = new Date(fromDay + 'T00:00:00Z'); day <= new Date(toDay + 'T00:00:00Z');
    day = new Date(day.getTime() + 86_400_000)) {
    days.push(day.toISOString().slice(0, 10));
  }
  const models = [...new Set(rows.map((row) => row.model))].sort();
  const requests: Record<string, number[]> = {};
  for (const model of models) {
    requests[model] = days.map(() => 0);
  }
  for (const row of rows) {
    const index = row.day ? days.indexOf(row.day) : -1;
    if (index >= 0) {
      requests[row.model][index] += row.requests;
    }
  }
  return { days, models, requests };
}

function csvCell(value: unknown): string {
  const text = value == null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of the usage rows, a header line first. */
export function usageCsv(rows: UsageRow[]): string {
  const header = ['day', 'model', 'version', 'requests', 'rows', 'errors', 'compute_seconds', 'avg_latency_ms'];
  const lines = rows.map((row) => [row.day, row.model, row.version, row.requests, row.rows, row.errors,
    row.compute_seconds, row.avg_latency_ms].map(csvCell).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
