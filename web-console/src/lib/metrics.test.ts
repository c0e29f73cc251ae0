import { epochCurve, mergeEvents } from './metrics';
import type { JobEvent } from './types';

function event(id: string, data: Record<string, unknown> | null): JobEvent {
  return { id, created_at: 0, level: 'info', message: id, type: data ? 'metrics' : 'message', data };
}

describe('job metrics', () => {
  it('reads the per-epoch curve from epoch events only, oldest first', () => {
    const events = [
      event('ftevent-3', { type: 'epoch', epoch: 2, train_loss: 0.4, valid_accuracy: 0.8 }),
      event('ftevent-1', { type: 'step', step: 10, loss: 0.9 }),
      event('ftevent-2', { type: 'epoch', epoch: 1, train_loss: 0.6, valid_accuracy: 0.7, epsilon: 1.2 }),
      event('ftevent-0', null),
    ];
    expect(epochCurve(events)).toEqual([
      { epoch: 1, train_loss: 0.6, valid_accuracy: 0.7, epsilon: 1.2 },
      { epoch: 2, train_loss: 0.4, valid_accuracy: 0.8 },
    ]);
  });

  it('merges polled pages (newest first) into one list, each event once', () => {
    const held = [event('ftevent-1', null), event('ftevent-2', null)];
    const merged = mergeEvents(held, [event('ftevent-3', null), event('ftevent-2', null)]);
    expect(merged.map((e) => e.id)).toEqual(['ftevent-1', 'ftevent-2', 'ftevent-3']);
  });
});
