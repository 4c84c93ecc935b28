import { mapSqlServerTables } from './sqlserver-tables';
import { quoteSqlServerName } from './sqlserver-tables.repository';

const pages = (count: number) => String(count * 8192);

describe('SQL Server top tables mapping', () => {
  it('maps in-row pages of the heap/clustered index as data, nonclustered as index, LOB and row-overflow as toast', () => {
    const [orders] = mapSqlServerTables('sales', [
      { schema_name: 'dbo', table_name: 'orders', total_bytes: pages(1000 + 300 + 50), data_bytes: pages(1000), index_bytes: pages(300), lob_bytes: pages(50), row_count: '125000' },
    ]);
    expect(orders).toEqual({
      database: 'sales', schema: 'dbo', name: 'orders',
      totalBytes: 1350 * 8192, dataBytes: 1000 * 8192, indexBytes: 300 * 8192, toastBytes: 50 * 8192, rowEstimate: 125000, sizeSource: 'files',
    });
  });

  it('keeps the largest first and sizes past 2^31 pages exact', () => {
    const tables = mapSqlServerTables('dw', [
      { schema_name: 'dbo', table_name: 'small', total_bytes: 8192, data_bytes: 8192, index_bytes: 0, lob_bytes: 0, row_count: 1 },
      { schema_name: 'fact', table_name: 'sales', total_bytes: String(300_000_000 * 8192), data_bytes: String(300_000_000 * 8192), index_bytes: '0', lob_bytes: '0', row_count: null },
    ]);
    expect(tables.map((t) => [t.name, t.totalBytes, t.rowEstimate])).toEqual([
      ['sales', 2_457_600_000_000, null],
      ['small', 8192, 1],
    ]);
  });

  it('keeps at most 20 tables of a database', () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ schema_name: 'dbo', table_name: `t${i}`, total_bytes: (i + 1) * 8192, data_bytes: (i + 1) * 8192, index_bytes: 0, lob_bytes: 0, row_count: 0 }));
    const tables = mapSqlServerTables('db', rows);
    expect(tables).toHaveLength(20);
    expect(tables[0].name).toBe('t24');
    expect(tables.map((t) => t.name)).not.toContain('t4');
  });

  it('quotes a database name for a three-part name, closing brackets doubled', () => {
    expect(quoteSqlServerName('odd]name')).toBe('[odd]]name]');
  });
});
