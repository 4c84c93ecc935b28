import { openOracleSession } from '../connections/oracle-session.repository';
import { required } from '../../common/required';
import { connectionOptionsFromUrl } from './external-engine-url';
import { OracleCollector } from './oracle.collector';

const url = process.env.ORACLE_URL;
if (!url) console.warn('SKIPPED: set ORACLE_URL=oracle://system:<password>@127.0.0.1:1521/FREEPDB1 to run the Oracle limits integration spec (docker compose --profile engines up -d oracle)');
const describeIfServer = url ? describe : describe.skip;

describeIfServer('Oracle engine-reported limits against a real Oracle (ORACLE_URL, thin mode)', () => {
  const options = () => connectionOptionsFromUrl(required(url, 'ORACLE_URL'), 1521);

  it('reads the tablespaces\' autoextend ceilings per database with the sizes, in the same run', async () => {
    const result = await new OracleCollector().collect(options(), new AbortController().signal);
    const limits = required(result.limits, 'the limits');
    const session = await openOracleSession(options(), new AbortController().signal);
    try {
      const [own] = await session.query<{ NAME: string; CEILING: number }>(
        `SELECT SYS_CONTEXT('USERENV', 'CON_NAME') AS "NAME",
                (SELECT SUM(CASE WHEN autoextensible = 'YES' THEN GREATEST(maxbytes, bytes) ELSE bytes END) FROM dba_data_files)
              + (SELECT NVL(SUM(CASE WHEN autoextensible = 'YES' THEN GREATEST(maxbytes, bytes) ELSE bytes END), 0) FROM dba_temp_files) AS "CEILING"
         FROM dual`,
      );
      const database = limits.databases.find((d) => d.database === own.NAME);
      if (database) expect(database.limitBytes).toBe(Number(own.CEILING));
      for (const d of limits.databases) {
        expect(Number(d.limitBytes)).toBeGreaterThanOrEqual(Number(d.allocatedBytes));
        expect(result.databases.find((s) => s.name === d.database)?.sizeBytes).toBe(d.allocatedBytes);
      }
    } finally {
      await session.close();
    }
  });
});
