import type { JobEvent } from './types';

/** The per-epoch figures a job reported, oldest first, read from its `epoch` events. */
export interface EpochPoint {
  epoch: number;
  train_loss?: number;
  valid_loss?: number;
  train_accuracy?: number;
  valid_accuracy?: number;
  epsilon?: number;
}

export function epochCurve(events: JobEvent[]): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  for (const event of events) {
    const data = event.data;
    if (!data || data.type !== 'epoch' || typeof data.epoch !== 'number') {
      continue;
    }
    const point: EpochPoint = { epoch: data.epoch };
    for (const key of ['train_loss', 'valid_loss', 'train_accuracy', 'valid_accuracy', 'epsilon'] as const) {
      if (typeof data[key] === 'number') {
        point[key] = data[key] as number;
      }
    }
    byEpoch.set(point.epoch, point);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** Events as the API pages them (newest first) merged with ones already held, oldest first, each once. */
export function mergeEvents(held: JobEvent[], fetched: JobEvent[]): JobEvent[] {
  const byId = new Map(held.map((event) => [event.id, event]));
  for (const event of fetched) {
    byId.set(event.id, event);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
