import { fleetSeriesFixture, instanceGroup } from '../../../testing/fleet-fixtures';
import { fleetChartData, OTHERS_KEY, TOTAL_KEY } from './fleet-chart-data';

const labels = { others: 'Others', total: 'Total' };
const groups = [
  instanceGroup(1, 7, 'big', { '2026-11-01': 500, '2026-11-02': 700 }),
  instanceGroup(2, 3, 'small', { '2026-11-01': 100, '2026-11-02': 0 }),
];

describe('fleetChartData', () => {
  it('makes a row per period with each top group, the others and the total of the answer', () => {
    const data = fleetChartData(fleetSeriesFixture(groups, { '2026-11-01': 1000, '2026-11-02': 1500 }), labels);
    expect(data.lines).toEqual([
      { key: 'instance:7', label: 'big' },
      { key: 'instance:3', label: 'small' },
      { key: OTHERS_KEY, label: 'Others' },
    ]);
    expect(data.total).toEqual({ key: TOTAL_KEY, label: 'Total' });
    expect(data.rows).toEqual([
      { date: '2026-11-01', values: { 'instance:7': 500, 'instance:3': 100, [OTHERS_KEY]: 400, [TOTAL_KEY]: 1000 } },
      { date: '2026-11-02', values: { 'instance:7': 700, 'instance:3': 0, [OTHERS_KEY]: 800, [TOTAL_KEY]: 1500 } },
    ]);
  });

  it('takes the total from the answer even where the groups add up to more (an instance under several tags)', () => {
    const tags = fleetSeriesFixture(groups, { '2026-11-01': 550, '2026-11-02': 650 }, {
      others: [
        { period_start: '2026-11-01', size_bytes: 0, size_mb: 0 },
        { period_start: '2026-11-02', size_bytes: 0, size_mb: 0 },
      ],
    });
    const data = fleetChartData(tags, labels);
    expect(data.rows.map((row) => row.values[TOTAL_KEY])).toEqual([550, 650]);
    // The others are 0 in every period: no series of their own.
    expect(data.lines.map((line) => line.key)).toEqual(['instance:7', 'instance:3']);
  });

  it('in growth measure gives each series its change since the first period', () => {
    const data = fleetChartData(fleetSeriesFixture(groups, { '2026-11-01': 1000, '2026-11-02': 1500 }), labels, 'growth');
    expect(data.rows[0].values).toEqual({ 'instance:7': 0, 'instance:3': 0, [OTHERS_KEY]: 0, [TOTAL_KEY]: 0 });
    expect(data.rows[1].values).toEqual({ 'instance:7': 200, 'instance:3': -100, [OTHERS_KEY]: 400, [TOTAL_KEY]: 500 });
  });

  it('has no rows for an answer without periods', () => {
    expect(fleetChartData(fleetSeriesFixture([], {}), labels)).toEqual({ lines: [], total: { key: TOTAL_KEY, label: 'Total' }, rows: [] });
  });
});
