import { OTHER_KEY, type SizePoint } from '../../../components/charts/chart-data';
import { pointsChartData, TREND_TOTAL_KEY } from './trend-chart-data';

const labels = { others: 'Others', total: 'Total' };
const point = (date: string, database: string, bytes: number): SizePoint => ({ date, instance: 'pg1', database, bytes });

describe('pointsChartData', () => {
  it('keeps the largest series, folds the rest into the others, and totals every point per date', () => {
    const points = [point('2026-11-01', 'a', 30), point('2026-11-01', 'b', 20), point('2026-11-01', 'c', 10), point('2026-11-02', 'a', 40)];
    const data = pointsChartData(points, 'database', labels, 2);
    expect(data.lines).toEqual([
      { key: 'a', label: 'a' },
      { key: OTHER_KEY, label: 'Others' },
    ]);
    expect(data.rows).toEqual([
      { date: '2026-11-01', values: { a: 30, [OTHER_KEY]: 30, [TREND_TOTAL_KEY]: 60 } },
      { date: '2026-11-02', values: { a: 40, [OTHER_KEY]: 0, [TREND_TOTAL_KEY]: 40 } },
    ]);
  });
});
