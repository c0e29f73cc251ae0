import { daySeries, usageCsv } from './usage';

describe('usage', () => {
  const rows = [
    { day: '2026-11-02', model: 'churn', requests: 5, rows: 5, errors: 0, compute_seconds: 0.5 },
    { day: '2026-11-02', model: 'fraud', requests: 2, rows: 4, errors: 1, compute_seconds: 0.25 },
    { day: '2026-11-04', model: 'churn', requests: 3, rows: 3, errors: 0, compute_seconds: 0.3 },
  ];

  it('spreads requests over every day of the range, per model', () => {
    expect(daySeries(rows, '2026-11-01', '2026-11-04')).toEqual({
      days: ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'],
      models: ['churn', 'fraud'],
      requests: { churn: [0, 5, 0, 3], fraud: [0, 2, 0, 0] },
    });
  });

  it('exports CSV with a header and quotes what needs quoting', () => {
    const quoted = { day: '2026-11-03', model: 'a,"b"', requests: 1, rows: 1, errors: 0, compute_seconds: 0.001, avg_latency_ms: 1.5 };
    expect(usageCsv([rows[0], quoted]).split('\r\n')).toEqual([
      'day,model,version,requests,rows,errors,compute_seconds,avg_latency_ms',
      '2026-11-02,churn,,5,5,0,0.5,',
      '2026-11-03,"a,""b""",,1,1,0,0.001,1.5',
      '',
    ]);
  });
});
