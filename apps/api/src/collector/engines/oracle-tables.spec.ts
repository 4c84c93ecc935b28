import { mapOracleTables } from './oracle-tables';

describe('Oracle top tables mapping', () => {
  it('adds table, index and LOB segments into the total, LOB as toast, owner as schema', () => {
    const { tables, databases } = mapOracleTables(
      [{ DATABASE_NAME: 'SALES', OWNER: 'APP', TABLE_NAME: 'ORDERS', DATA_BYTES: 65_536_000, INDEX_BYTES: '20971520', LOB_BYTES: 1_048_576, NUM_ROWS: 480_000 }],
      ['SALES'],
    );
    expect(databases).toEqual(['SALES']);
    expect(tables).toEqual([
      { database: 'SALES', schema: 'APP', name: 'ORDERS', totalBytes: 65_536_000 + 20_971_520 + 1_048_576, dataBytes: 65_536_000, indexBytes: 20_971_520, toastBytes: 1_048_576, rowEstimate: 480_000, sizeSource: 'files' },
    ]);
  });

  it('keeps the rows of the scanned PDBs only, each database its own largest first, no statistics as null rows', () => {
    const { tables } = mapOracleTables(
      [
        { DATABASE_NAME: 'HR', OWNER: 'HR', TABLE_NAME: 'SMALL', DATA_BYTES: 65536, INDEX_BYTES: 0, LOB_BYTES: 0, NUM_ROWS: null },
        { DATABASE_NAME: 'HR', OWNER: 'HR', TABLE_NAME: 'BIG', DATA_BYTES: 655360, INDEX_BYTES: 65536, LOB_BYTES: null, NUM_ROWS: '12' },
        { DATABASE_NAME: 'SKIPPED', OWNER: 'X', TABLE_NAME: 'T', DATA_BYTES: 1, INDEX_BYTES: 0, LOB_BYTES: 0, NUM_ROWS: 0 },
      ],
      ['HR'],
    );
    expect(tables.map((t) => [t.database, t.name, t.totalBytes, t.rowEstimate])).toEqual([
      ['HR', 'BIG', 720896, 12],
      ['HR', 'SMALL', 65536, null],
    ]);
  });
});
