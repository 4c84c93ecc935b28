import { randomBytes } from 'node:crypto';
import { openSqlServerSession } from '../connections/mssql-session.repository';
import { required } from '../../common/required';
import { connectionOptionsFromUrl } from './external-engine-url';
import { SqlServerCollector } from './sqlserver.collector';

const url = process.env.MSSQL_URL;
if (!url) console.warn('SKIPPED: set MSSQL_URL=mssql://sa:<password>@127.0.0.1:1433/master to run the SQL Server collector integration spec (docker compose --profile engines up -d sqlserver)');
const describeIfServer = url ? describe : describe.skip;

describeIfServer('SqlServerCollector against a real SQL Server (MSSQL_URL)', () => {
  // Read when a test runs: the suite is only collected, never run, without MSSQL_URL.
  const options = () => connectionOptionsFromUrl(required(url, 'MSSQL_URL'), 1433);
  const name = `cap b ${randomBytes(3).toString('hex')} 'ö数据`;
  const bracket = (n: string) => `[${n.replace(/]/g, ']]')}]`;

  const admin = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const session = await openSqlServerSession(options(), new AbortController().signal);
    try {
      return await session.query<T>(sql, params);
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${bracket(name)}`);
  });
  afterAll(async () => {
    await admin(`IF DB_ID(@p1) IS NOT NULL BEGIN ALTER DATABASE ${bracket(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${bracket(name)}; END`, [name]);
  });

  it('sizes each database from sys.master_files pages × 8192, data and log apart', async () => {
    const result = await new SqlServerCollector().collect(options(), new AbortController().signal);
    const [expected] = await admin<{ size: string; data: string; log: string }>(
      `SELECT SUM(CAST(size AS bigint)) * 8192 AS size,
              SUM(CASE WHEN type = 0 THEN CAST(size AS bigint) ELSE 0 END) * 8192 AS data,
              SUM(CASE WHEN type = 1 THEN CAST(size AS bigint) ELSE 0 END) * 8192 AS log
       FROM sys.master_files WHERE database_id = DB_ID(@p1)`,
      [name],
    );
    expect(result.databases.find((d) => d.name === name)).toEqual({
      name,
      sizeBytes: Number(expected.size),
      dataSizeBytes: Number(expected.data),
      logSizeBytes: Number(expected.log),
      sizeSource: 'files',
    });
    expect(result.serverVersion).toMatch(/^SQL Server /);
  });
});
