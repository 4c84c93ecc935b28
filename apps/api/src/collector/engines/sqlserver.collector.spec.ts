import { MissingPrivilegeError } from '../connections/classify-connection-error';
import { mapSqlServerRows } from './sqlserver.collector';

// tedious returns bigint columns as strings; 8 KB pages were already multiplied in SQL.
const pages = (count: number) => String(count * 8192);

describe('mapSqlServerRows', () => {
  it('maps bytes, data (type 0) and log (type 1) per database', () => {
    const { databases, warnings } = mapSqlServerRows(
      [
        { name: 'orders', size_bytes: pages(1280 + 256), data_bytes: pages(1280), log_bytes: pages(256) },
        { name: 'master', size_bytes: pages(600), data_bytes: pages(512), log_bytes: pages(88) },
      ],
      true,
    );
    expect(databases).toEqual([
      { name: 'orders', sizeBytes: 1536 * 8192, dataSizeBytes: 1280 * 8192, logSizeBytes: 256 * 8192, sizeSource: 'files' },
      { name: 'master', sizeBytes: 600 * 8192, dataSizeBytes: 512 * 8192, logSizeBytes: 88 * 8192, sizeSource: 'files' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps sizes past the int range exact (more than 2^31 pages would overflow int arithmetic)', () => {
    const bigPages = 300_000_000; // 2.2 TiB
    const { databases } = mapSqlServerRows([{ name: 'dw', size_bytes: String(bigPages * 8192), data_bytes: String(bigPages * 8192), log_bytes: '0' }], true);
    expect(databases[0].sizeBytes).toBe(2_457_600_000_000);
  });

  it('skips databases whose files are invisible and says VIEW ANY DEFINITION is needed', () => {
    const { databases, warnings } = mapSqlServerRows(
      [
        { name: 'master', size_bytes: pages(600), data_bytes: pages(512), log_bytes: pages(88) },
        { name: 'hr', size_bytes: null, data_bytes: null, log_bytes: null },
      ],
      false,
    );
    expect(databases.map((d) => d.name)).toEqual(['master']);
    expect(warnings[0]).toContain('hr');
    expect(warnings[0]).toContain('VIEW ANY DEFINITION');
  });

  it('fails with a permission error when no database file is visible', () => {
    expect(() => mapSqlServerRows([{ name: 'hr', size_bytes: null, data_bytes: null, log_bytes: null }], false)).toThrow(MissingPrivilegeError);
  });

  it('warns when the permission is missing even though every file was visible', () => {
    const { warnings } = mapSqlServerRows([{ name: 'master', size_bytes: 8192, data_bytes: 8192, log_bytes: 0 }], false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('VIEW ANY DEFINITION');
  });
});
