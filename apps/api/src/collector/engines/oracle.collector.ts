import { Injectable } from '@nestjs/common';
import type { CollectedDatabase, CollectionResult, DatabaseSizeCollector, TableScanOptions } from '../collector.types';
import type { ConnectionOptions } from '../connections/connection-options';
import { withSession } from '../connections/open-session';
import { openOracleSession } from '../connections/oracle-session.repository';
import { limitsOrWarn } from '../engine-limits';
import { scanOrWarn } from '../table-scan';
import { collectOracleLimits } from './oracle-limits';
import { collectOracleTables } from './oracle-tables';
import { oracleSizeRepository, type OracleContainerRow, type OracleDatabaseRow } from './oracle.repository';
import { errorMessage } from '../../common/error-message';
import { toBytes } from './to-bytes';

/** In the root container of a CDB (CON_ID 1) the collector lists PDBs; elsewhere the current database. */
export function isCdbRoot(container: OracleContainerRow): boolean {
  return container.CDB === 'YES' && Number(container.CON_ID) === 1;
}

/** Allocated data files + temp files as data; redo is instance-level, so null per database. */
export function mapOracleRows(rows: OracleDatabaseRow[]): CollectedDatabase[] {
  return rows.map((row) => {
    const size = toBytes(row.DATA_BYTES) + toBytes(row.TEMP_BYTES);
    return { name: row.NAME, sizeBytes: size, dataSizeBytes: size, logSizeBytes: null, sizeSource: 'files' };
  });
}

@Injectable()
export class OracleCollector implements DatabaseSizeCollector {
  readonly dbType = 'oracle' as const;

  collect(options: ConnectionOptions, signal: AbortSignal, tables?: TableScanOptions): Promise<CollectionResult> {
    return withSession((s) => openOracleSession(options, s), signal, async (session) => {
      const warnings: string[] = [];
      const container = await oracleSizeRepository.container(session);
      const cdbRoot = isCdbRoot(container);
      const rows = cdbRoot
        ? await oracleSizeRepository.listPluggableDatabases(session)
        : await oracleSizeRepository.currentDatabase(session);
      let instanceLogBytes: number | null = null;
      try {
        instanceLogBytes = toBytes(await oracleSizeRepository.redoBytes(session));
      } catch (error) {
        warnings.push(`redo log size not collected: ${errorMessage(error)} (needs SELECT on v$log)`);
      }
      const databases = mapOracleRows(rows);
      const result: CollectionResult = { databases, instanceLogBytes, warnings, serverVersion: session.serverVersion };
      const limits = await limitsOrWarn(warnings, () => collectOracleLimits(session, cdbRoot));
      if (limits) result.limits = limits;
      if (tables) result.tables = await scanOrWarn(warnings, () => collectOracleTables(session, cdbRoot, databases, tables, signal, warnings));
      return result;
    });
  }
}
