import { isCdbRoot, mapOracleRows } from './oracle.collector';

describe('Oracle result mapping', () => {
  it('counts allocated data files plus temp files as data, no per-database log', () => {
    expect(mapOracleRows([{ NAME: 'ORCLPDB1', DATA_BYTES: 1_048_576_000, TEMP_BYTES: 37_748_736 }])).toEqual([
      { name: 'ORCLPDB1', sizeBytes: 1_086_324_736, dataSizeBytes: 1_086_324_736, logSizeBytes: null, sizeSource: 'files' },
    ]);
  });

  it('maps one database per open PDB', () => {
    const rows = mapOracleRows([
      { NAME: 'SALES', DATA_BYTES: 500, TEMP_BYTES: 20 },
      { NAME: 'HR', DATA_BYTES: '700', TEMP_BYTES: null },
    ]);
    expect(rows.map((r) => [r.name, r.sizeBytes])).toEqual([
      ['SALES', 520],
      ['HR', 700],
    ]);
  });

  it('lists PDBs only from the root container of a CDB', () => {
    expect(isCdbRoot({ CDB: 'YES', CON_ID: '1' })).toBe(true);
    expect(isCdbRoot({ CDB: 'YES', CON_ID: 3 })).toBe(false);
    expect(isCdbRoot({ CDB: 'NO', CON_ID: 0 })).toBe(false);
  });
});
