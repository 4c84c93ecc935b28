import { tableGrowth, toTableReading, type TableReading } from './table-readings';

const reading = (name: string, date: string, total: number): TableReading => ({
  schema_name: 'public', table_name: name, total_bytes: total, data_bytes: total, index_bytes: 0, toast_bytes: 0,
  row_estimate: null, size_source: 'files', collected_date: date, collected_at: `${date}T03:00:00.000Z`,
});

describe('tableGrowth', () => {
  it('compares each table of the end day with its first reading in the window, fastest first', () => {
    const items = tableGrowth(
      [
        reading('orders', '2026-11-01', 1000), reading('orders', '2026-11-15', 1500), reading('orders', '2026-11-30', 3000),
        reading('items', '2026-11-10', 4000), reading('items', '2026-11-30', 4100),
        reading('shrunk', '2026-11-01', 800), reading('shrunk', '2026-11-30', 200),
      ],
      '2026-11-30',
    );
    expect(items).toEqual([
      { schema_name: 'public', table_name: 'orders', start_date: '2026-11-01', start_total_bytes: 1000, end_total_bytes: 3000, change_bytes: 2000, change_mb: 0, change_percent: 200 },
      { schema_name: 'public', table_name: 'items', start_date: '2026-11-10', start_total_bytes: 4000, end_total_bytes: 4100, change_bytes: 100, change_mb: 0, change_percent: 2.5 },
      { schema_name: 'public', table_name: 'shrunk', start_date: '2026-11-01', start_total_bytes: 800, end_total_bytes: 200, change_bytes: -600, change_mb: 0, change_percent: -75 },
    ]);
  });

  it('leaves out a table with no earlier reading, and a table no longer among the end day\'s', () => {
    const items = tableGrowth([reading('new', '2026-11-30', 10), reading('gone', '2026-11-01', 99), reading('kept', '2026-11-01', 0), reading('kept', '2026-11-30', 5)], '2026-11-30');
    expect(items.map((i) => [i.table_name, i.change_percent])).toEqual([['kept', null]]);
  });

  it('rounds MB and percent to 2 decimals', () => {
    const [item] = tableGrowth([reading('t', '2026-11-01', 3 * 1024 * 1024), reading('t', '2026-11-08', 4 * 1024 * 1024 + 10_000)], '2026-11-08');
    expect(item.change_mb).toBe(1.01);
    expect(item.change_percent).toBe(33.65);
  });
});

describe('toTableReading', () => {
  it('reads pg text bigints and Dates like cold numbers and ISO text', () => {
    const hot = toTableReading({ schema_name: 's', table_name: 't', total_bytes: '5000000000', data_bytes: '1', index_bytes: '2', toast_bytes: null, row_estimate: '7', size_source: 'files', collected_date: '2026-11-30', collected_at: new Date('2026-11-30T03:00:00.123Z') });
    const cold = toTableReading({ schema_name: 's', table_name: 't', total_bytes: 5e9, data_bytes: 1, index_bytes: 2, toast_bytes: null, row_estimate: 7, size_source: 'files', collected_date: '2026-11-30', collected_at: '2026-11-30T03:00:00.123Z' });
    expect(hot).toEqual(cold);
    expect(hot).toMatchObject({ total_bytes: 5_000_000_000, toast_bytes: null, row_estimate: 7, collected_at: '2026-11-30T03:00:00.123Z' });
  });
});
