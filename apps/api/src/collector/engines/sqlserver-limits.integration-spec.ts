import { openSqlServerSession } from '../connections/mssql-session.repository';
import { required } from '../../common/required';
import { connectionOptionsFromUrl } from './external-engine-url';
import { fileCeiling, sqlServerLimitsRepository } from './sqlserver-limits';
import { SqlServerCollector } from './sqlserver.collector';

const url = process.env.MSSQL_URL;
if (!url) console.warn('SKIPPED: set MSSQL_URL=mssql://sa:<password>@127.0.0.1:1433/master to run the SQL Server limits integration spec (docker compose --profile engines up -d sqlserver)');
const describeIfServer = url ? describe : describe.skip;

describeIfServer('SQL Server engine-reported limits against a real server (MSSQL_URL)', () => {
  const options = () => connectionOptionsFromUrl(required(url, 'MSSQL_URL'), 1433);

  it('reads every file\'s max_size and the volumes with the sizes, in the same run', async () => {
    const result = await new SqlServerCollector().collect(options(), new AbortController().signal);
    const limits = required(result.limits, 'the limits');
    const session = await openSqlServerSession(options(), new AbortController().signal);
    try {
      const files = await sqlServerLimitsRepository.files(session);
      const master = required(limits.databases.find((d) => d.database === 'master'), 'master');
      const masterFiles = files.filter((f) => f.database_name === 'master');
      expect(master.allocatedBytes).toBe(masterFiles.reduce((total, f) => total + Number(f.size_bytes), 0));
      expect(master.details).toHaveLength(masterFiles.length);
      if (await sqlServerLimitsRepository.hasViewServerState(session)) {
        const [volume] = await session.query<{ total: string }>(`SELECT TOP 1 CAST(vs.total_bytes AS bigint) AS total FROM sys.master_files mf CROSS APPLY sys.dm_os_volume_stats(mf.database_id, mf.file_id) vs`);
        expect(limits.volumeTotalBytes).toBeGreaterThanOrEqual(Number(volume.total));
        expect(master.limitBytes).not.toBeNull();
      } else {
        expect(result.warnings.join(' ')).toContain('VIEW SERVER STATE');
        const capped = masterFiles.every((f) => fileCeiling(f) !== null);
        expect(master.limitBytes === null).toBe(!capped);
      }
    } finally {
      await session.close();
    }
  });
});
