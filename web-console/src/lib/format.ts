/** How numbers, sizes and times read in the console. */

export function formatTime(seconds: number | null | undefined, withSeconds = false): string {
  if (seconds == null) {
    return '—';
  }
  return new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, withSeconds ? 19 : 16) + ' UTC';
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value == null || Number.isNaN(value)) {
    return '—';
  }
  if (Number.isInteger(value)) {
    return value.toLocaleString('en-US');
  }
  return Number(value.toPrecision(digits)).toString();
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase(), maximumFractionDigits: 4 })
    .format(amount);
}

/** The UTC day (`2026-11-23`) a Unix time falls on. */
export function utcDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
