import { fileCeiling, mapSqlServerLimits, type SqlServerFileRow, type SqlServerVolumeRow } from './sqlserver-limits';

const MB = 1024 * 1024;
const pages = (bytes: number) => bytes / 8192;

/** A file row as tedious returns it: bigint sizes as strings, max_size and growth in 8 KB pages. */
function file(database: string, id: number, fileId: number, sizeMb: number, maxSize: number, growth = 128, type = 0): SqlServerFileRow {
  return { database_name: database, database_id: id, file_id: fileId, file_name: `${database}_${fileId}`, type, size_bytes: String(sizeMb * MB), max_size: maxSize, growth, is_percent_growth: false };
}
function volume(id: number, fileId: number, mount: string, totalMb: number, availableMb: number): SqlServerVolumeRow {
  return { database_id: id, file_id: fileId, volume_mount_point: mount, total_bytes: String(totalMb * MB), available_bytes: String(availableMb * MB) };
}

describe('SQL Server limit mapping', () => {
  it('reads a file\'s own ceiling: its size without growth, max_size pages × 8192, none when unlimited', () => {
    expect(fileCeiling(file('a', 5, 1, 100, pages(500 * MB)))).toBe(500 * MB);
    expect(fileCeiling(file('a', 5, 1, 100, 0))).toBe(100 * MB);
    expect(fileCeiling(file('a', 5, 1, 100, -1, 0))).toBe(100 * MB); // growth 0: fixed size
    expect(fileCeiling(file('a', 5, 1, 100, -1))).toBeNull();
    // A log file's "unlimited" is 268435456 pages = 2 TB.
    expect(fileCeiling(file('a', 5, 2, 100, 268_435_456, 64, 1))).toBe(2 * 1024 ** 4);
  });

  it('caps each database by its files\' max_size and by the free space of their volume', () => {
    const files = [
      file('capped', 5, 1, 100, pages(300 * MB)), // data: to 300 MB
      file('capped', 5, 2, 50, pages(200 * MB), 64, 1), // log: to 200 MB
      file('unlimited', 6, 1, 400, -1), // grows until D: is full
    ];
    const volumes = [volume(5, 1, 'D:\\', 10_000, 1_000), volume(5, 2, 'D:\\', 10_000, 1_000), volume(6, 1, 'D:\\', 10_000, 1_000)];
    const limits = mapSqlServerLimits(files, volumes);
    const byName = Object.fromEntries(limits.databases.map((d) => [d.database, d]));
    expect(byName.capped).toMatchObject({ limitBytes: 500 * MB, allocatedBytes: 150 * MB, usedBytes: null });
    expect(byName.unlimited).toMatchObject({ limitBytes: 400 * MB + 1_000 * MB, allocatedBytes: 400 * MB });
    // One volume counted once: its files (550 MB) plus its 1,000 MB free, below the databases' 1,900 MB.
    expect(limits).toMatchObject({ instanceLimitBytes: 1_550 * MB, volumeTotalBytes: 10_000 * MB, volumeAvailableBytes: 1_000 * MB });
    expect(byName.capped.details[1]).toEqual({ file: 'capped_2', type: 'log', size_bytes: 50 * MB, max_size_bytes: 200 * MB, growth: `${64 * 8192} bytes`, volume: 'D:\\' });
  });

  it('takes the smaller of the files\' ceiling and the volume\'s room, volume by volume', () => {
    const files = [file('db', 7, 1, 100, pages(5_000 * MB)), file('db', 7, 3, 100, pages(150 * MB))];
    const volumes = [volume(7, 1, 'E:\\', 2_000, 200), volume(7, 3, 'F:\\', 2_000, 900)];
    const [db] = mapSqlServerLimits(files, volumes).databases;
    // E: 100 + 200 free (below 5,000); F: its own cap 150 (below 100 + 900).
    expect(db.limitBytes).toBe(300 * MB + 150 * MB);
  });

  it('without VIEW SERVER STATE: max_size alone, no limit where a file is unlimited', () => {
    const limits = mapSqlServerLimits([file('capped', 5, 1, 100, pages(300 * MB)), file('unlimited', 6, 1, 400, -1)], null);
    expect(limits.databases.map((d) => [d.database, d.limitBytes])).toEqual([
      ['capped', 300 * MB],
      ['unlimited', null],
    ]);
    expect(limits).toMatchObject({ instanceLimitBytes: null, volumeTotalBytes: null, volumeAvailableBytes: null, volumes: [] });
  });

  it('describes percentage growth and fixed files', () => {
    const percent = { ...file('p', 8, 1, 10, -1, 10), is_percent_growth: true };
    const fixed = file('f', 9, 1, 10, -1, 0);
    const limits = mapSqlServerLimits([percent, fixed], null);
    expect(limits.databases.map((d) => d.details[0].growth)).toEqual(['10%', 'none']);
    expect(limits.databases[1].limitBytes).toBe(10 * MB);
  });
});
