import { mapOracleLimits, type OracleTablespaceRow } from './oracle-limits';

const MB = 1024 * 1024;

function tablespace(database: string, name: string, allocatedMb: number, ceilingMb: number, freeMb: number | null, kind = 'DATA'): OracleTablespaceRow {
  // oracledb returns NUMBER as number; strings are accepted as well.
  return { DATABASE_NAME: database, TABLESPACE: name, KIND: kind, ALLOCATED: allocatedMb * MB, CEILING: String(ceilingMb * MB), FREE: freeMb === null ? null : freeMb * MB };
}

describe('Oracle limit mapping', () => {
  it('sums the autoextend ceilings of the tablespaces per PDB, used = allocated − free for data', () => {
    const limits = mapOracleLimits([
      tablespace('SALES', 'SYSTEM', 800, 32_768, 20),
      tablespace('SALES', 'USERS', 100, 100, 60), // not autoextensible: its BYTES
      tablespace('SALES', 'TEMP', 50, 1_024, null, 'TEMP'),
      tablespace('HR', 'SYSTEM', 500, 500, 100),
    ]);
    expect(limits.databases.map((d) => [d.database, d.limitBytes, d.allocatedBytes, d.usedBytes])).toEqual([
      ['SALES', (32_768 + 100 + 1_024) * MB, 950 * MB, (780 + 40 + 50) * MB],
      ['HR', 500 * MB, 500 * MB, 400 * MB],
    ]);
    expect(limits.instanceLimitBytes).toBe((32_768 + 100 + 1_024 + 500) * MB);
    expect(limits.databases[0].details[2]).toEqual({ tablespace: 'TEMP', kind: 'temp', allocated_bytes: 50 * MB, used_bytes: null, max_bytes: 1_024 * MB });
  });

  it('never reports a ceiling below what is allocated (MAXBYTES below BYTES after a resize)', () => {
    const [db] = mapOracleLimits([tablespace('ORCL', 'USERS', 300, 200, 0)]).databases;
    expect(db.limitBytes).toBe(300 * MB);
  });

  it('has no instance limit without tablespaces', () => {
    expect(mapOracleLimits([])).toMatchObject({ instanceLimitBytes: null, databases: [] });
  });
});
