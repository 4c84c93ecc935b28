import { openOracleSession } from '../connections/oracle-session.repository';
import { required } from '../../common/required';
import { connectionOptionsFromUrl } from './external-engine-url';
import { OracleCollector } from './oracle.collector';

const url = process.env.ORACLE_URL;
if (!url) console.warn('SKIPPED: set ORACLE_URL=oracle://system:<password>@127.0.0.1:1521/FREEPDB1 to run the Oracle collector integration spec (docker compose --profile engines up -d oracle)');
const describeIfServer = url ? describe : describe.skip;

describeIfServer('OracleCollector against a real Oracle (ORACLE_URL, thin mode)', () => {
  // Read when a test runs: the suite is only collected, never run, without ORACLE_URL.
  const options = () => connectionOptionsFromUrl(required(url, 'ORACLE_URL'), 1521);

  const query = async <T extends object>(sql: string): Promise<T[]> => {
    const session = await openOracleSession(options(), new AbortController().signal);
    try {
      return await session.query<T>(sql);
    } finally {
      await session.close();
    }
  };

  it('sizes each database (open PDB in a CDB root, else the database) as data files + temp files', async () => {
    const result = await new OracleCollector().collect(options(), new AbortController().signal);
    const [container] = await query<{ CDB: string; CON_ID: string }>(`SELECT cdb AS "CDB", SYS_CONTEXT('USERENV', 'CON_ID') AS "CON_ID" FROM v$database`);
    const expected =
      container.CDB === 'YES' && container.CON_ID === '1'
        ? await query<{ NAME: string; BYTES: number }>(
            `SELECT p.name AS "NAME",
                    (SELECT NVL(SUM(bytes), 0) FROM cdb_data_files f WHERE f.con_id = p.con_id)
                  + (SELECT NVL(SUM(bytes), 0) FROM cdb_temp_files t WHERE t.con_id = p.con_id) AS "BYTES"
             FROM v$pdbs p WHERE p.open_mode LIKE 'READ%' AND p.name <> 'PDB$SEED'`,
          )
        : await query<{ NAME: string; BYTES: number }>(
            `SELECT SYS_CONTEXT('USERENV', 'CON_NAME') AS "NAME",
                    (SELECT SUM(bytes) FROM dba_data_files) + (SELECT NVL(SUM(bytes), 0) FROM dba_temp_files) AS "BYTES" FROM dual`,
          );
    expect(result.databases.map((d) => [d.name, d.sizeBytes]).sort()).toEqual(expected.map((e) => [e.NAME, Number(e.BYTES)]).sort());
    const [redo] = await query<{ BYTES: number }>(`SELECT SUM(bytes * members) AS "BYTES" FROM v$log`);
    expect(result.instanceLogBytes).toBe(Number(redo.BYTES));
    expect(result.serverVersion).toMatch(/^Oracle /);
  });
});
