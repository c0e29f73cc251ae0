import { formatNumber } from '../lib/format';

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };
const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#4b5563'];

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

function ticks(min: number, max: number, count: number): number[] {
  if (max === min) {
    return [min];
  }
  return Array.from({ length: count + 1 }, (_, i) => min + ((max - min) * i) / count);
}

/** A line chart in plain SVG (loss and accuracy per epoch), with its figures in a caption for screen readers. */
export function LineChart({ title, series, xLabel }: { title: string; series: Series[]; xLabel: string }) {
  const all = series.flatMap((line) => line.points);
  if (all.length === 0) {
    return null;
  }
  const xMin = Math.min(...all.map((p) => p.x));
  const xMax = Math.max(...all.map((p) => p.x));
  const yMin = Math.min(0, ...all.map((p) => p.y));
  const yMax = Math.max(...all.map((p) => p.y)) || 1;
  const x = (value: number) => PAD.left + (xMax === xMin ? 0.5 : (value - xMin) / (xMax - xMin)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - ((value - yMin) / (yMax - yMin || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${series.map((line) =>
        `${line.name} ${line.points.map((p) => formatNumber(p.y, 3)).join(', ')}`).join('; ')}`}>
        {ticks(yMin, yMax, 4).map((tick) => (
          <g key={`y${tick}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} class="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} text-anchor="end" class="axis">{formatNumber(tick, 3)}</text>
          </g>
        ))}
        {[...new Set(all.map((p) => p.x))].map((tick) => (
          <text key={`x${tick}`} x={x(tick)} y={HEIGHT - 8} text-anchor="middle" class="axis">{tick}</text>
        ))}
        {series.map((line, i) => (
          <g key={line.name}>
            <polyline fill="none" stroke={COLORS[i % COLORS.length]} stroke-width="2"
              points={line.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')} />
            {line.points.map((p) => <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r="3" fill={COLORS[i % COLORS.length]} />)}
          </g>
        ))}
      </svg>
      <Legend names={series.map((line) => line.name)} note={xLabel} />
    </figure>
  );
}

function Legend({ names, note }: { names: string[]; note?: string }) {
  return (
    <div class="legend">
      {names.map((name, i) => (
        <span key={name}><i style={{ background: COLORS[i % COLORS.length] }} />{name}</span>
      ))}
      {note && <span class="muted">{note}</span>}
    </div>
  );
}

/** Stacked bars per category (requests per day, one colour per model). */
export function StackedBars({ title, categories, stacks }: {
  title: string;
  categories: string[];
  stacks: Record<string, number[]>;
}) {
  const names = Object.keys(stacks);
  const totals = categories.map((_, i) => names.reduce((sum, name) => sum + stacks[name][i], 0));
  // Counts: whole-number gridlines, at most four of them.
  const max = Math.max(1, ...totals);
  const steps = Math.min(4, max);
  const band = (WIDTH - PAD.left - PAD.right) / Math.max(1, categories.length);
  const y = (value: number) => HEIGHT - PAD.bottom - (value / max) * (HEIGHT - PAD.top - PAD.bottom);
  const labelEvery = Math.ceil(categories.length / 8);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${categories.map((day, i) =>
        `${day} ${totals[i]}`).filter((_, i) => totals[i] > 0).join(', ') || 'none'}`}>
        {[...new Set(ticks(0, max, steps).map(Math.round))].map((tick) => (
          <g key={`y${tick}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} class="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} text-anchor="end" class="axis">{formatNumber(tick, 3)}</text>
          </g>
        ))}
        {categories.map((category, i) => {
          let base = 0;
          return (
            <g key={category}>
              {names.map((name, n) => {
                const value = stacks[name][i];
                const top = y(base + value);
                const rect = value > 0
                  ? <rect key={name} x={PAD.left + i * band + band * 0.15} width={band * 0.7} y={top} height={y(base) - top}
                    fill={COLORS[n % COLORS.length]}><title>{`${category} ${name}: ${value}`}</title></rect>
                  : null;
                base += value;
                return rect;
              })}
              {i % labelEvery === 0 && (
                <text x={PAD.left + i * band + band / 2} y={HEIGHT - 8} text-anchor="middle" class="axis">{category.slice(5)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend names={names} />
    </figure>
  );
}

/** How much of a privacy budget is spent, reserved and left, as a meter. */
export function BudgetGauge({ label, total, spent, reserved }: { label: string; total: number; spent: number; reserved: number }) {
  const share = (value: number) => (total > 0 ? Math.min(100, (value / total) * 100) : 0);
  const remaining = Math.max(0, total - spent - reserved);
  return (
    <div class="gauge">
      <div class="gauge-label">
        <span>{label}</span>
        <span>{formatNumber(remaining)} of {formatNumber(total)} left</span>
      </div>
      <div class="gauge-track" role="meter" aria-label={`${label} used`} aria-valuemin={0} aria-valuemax={total}
        aria-valuenow={spent + reserved} aria-valuetext={`${formatNumber(spent)} spent, ${formatNumber(reserved)} reserved, ${formatNumber(remaining)} left`}>
        <div class="gauge-spent" style={{ width: `${share(spent)}%` }} />
        <div class="gauge-reserved" style={{ width: `${share(reserved)}%` }} />
      </div>
      <div class="gauge-legend">
        <span><i class="gauge-spent" />spent {formatNumber(spent)}</span>
        <span><i class="gauge-reserved" />reserved {formatNumber(reserved)}</span>
      </div>
    </div>
  );
}
