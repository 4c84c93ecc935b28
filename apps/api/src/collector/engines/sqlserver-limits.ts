import type { EngineDatabaseLimit, EngineLimits } from '../collector.types';
import type { EngineSession } from '../connections/connection-options';
import { sumOrNull } from '../engine-limits';
import { toBytes } from './to-bytes';

const PAGE = 8192;
export const VIEW_SERVER_STATE =
  'VIEW SERVER STATE is needed to read the volumes of the database files from sys.dm_os_volume_stats (GRANT VIEW SERVER STATE TO <login>); limits come from the files\' max_size only';

export interface SqlServerFileRow {
  database_name: string;
  database_id: number;
  file_id: number;
  file_name: string;
  /** 0 rows (data), 1 log. */
  type: number;
  size_bytes: string | number;
  /** Pages; -1 unlimited (until the volume is full), 0 no growth. */
  max_size: number;
  /** Pages, or a percentage when is_percent_growth; 0: the file does not grow. */
  growth: number;
  is_percent_growth: boolean | number;
}

export interface SqlServerVolumeRow {
  database_id: number;
  file_id: number;
  volume_mount_point: string;
  total_bytes: string | number;
  available_bytes: string | number;
}

/** The SQL of the SQL Server limits: every data and log file, and the volume under each (VIEW SERVER STATE). */
export const sqlServerLimitsRepository = {
  async hasViewServerState(session: EngineSession): Promise<boolean> {
    const [row] = await session.query<{ granted: number | null }>(`SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS granted`);
    return row?.granted === 1;
  },

  files(session: EngineSession): Promise<SqlServerFileRow[]> {
    return session.query<SqlServerFileRow>(
      `SELECT DB_NAME(mf.database_id) AS database_name, mf.database_id, mf.file_id, mf.name AS file_name, mf.type,
              CAST(mf.size AS bigint) * 8192 AS size_bytes, mf.max_size, mf.growth, mf.is_percent_growth
       FROM sys.master_files mf
       WHERE mf.type IN (0, 1) AND DB_NAME(mf.database_id) IS NOT NULL
       ORDER BY database_name, mf.file_id`,
    );
  },

  volumes(session: EngineSession): Promise<SqlServerVolumeRow[]> {
    return session.query<SqlServerVolumeRow>(
      `SELECT mf.database_id, mf.file_id, vs.volume_mount_point, vs.total_bytes, vs.available_bytes
       FROM sys.master_files mf
       CROSS APPLY sys.dm_os_volume_stats(mf.database_id, mf.file_id) vs
       WHERE mf.type IN (0, 1)`,
    );
  },
};

/** What one file can grow to on its own: its size when it does not grow, its max_size, or null (unlimited). */
export function fileCeiling(file: SqlServerFileRow): number | null {
  const size = toBytes(file.size_bytes);
  if (Number(file.growth) === 0 || Number(file.max_size) === 0) return size;
  if (Number(file.max_size) === -1) return null;
  return Math.max(Number(file.max_size) * PAGE, size);
}

interface Volume {
  mountPoint: string;
  totalBytes: number;
  availableBytes: number;
}

/**
 * Files and volumes → limits. A database can grow, on each volume holding its files, to the smaller of its files'
 * ceilings there and its files' size plus the volume's free space (an unlimited file: that free space alone); its
 * limit is the sum over its volumes, null when a file is unlimited on a volume that could not be read. The instance
 * can grow to the smaller of the sum of its databases' limits and its files plus the free space of every volume.
 * Without the volumes (`volumes` null), only the files' max_size count.
 */
export function mapSqlServerLimits(files: readonly SqlServerFileRow[], volumes: readonly SqlServerVolumeRow[] | null): EngineLimits {
  const volumeOf = new Map<string, Volume>();
  for (const row of volumes ?? []) {
    volumeOf.set(`${row.database_id}/${row.file_id}`, { mountPoint: row.volume_mount_point, totalBytes: toBytes(row.total_bytes), availableBytes: toBytes(row.available_bytes) });
  }
  const byDatabase = new Map<string, SqlServerFileRow[]>();
  for (const file of files) byDatabase.set(file.database_name, [...(byDatabase.get(file.database_name) ?? []), file]);
  const databases: EngineDatabaseLimit[] = [];
  for (const [database, own] of byDatabase) {
    const onVolume = new Map<string, { volume: Volume | undefined; files: SqlServerFileRow[] }>();
    for (const file of own) {
      const volume = volumeOf.get(`${file.database_id}/${file.file_id}`);
      const key = volume?.mountPoint ?? `\u0000${file.file_id}`;
      onVolume.set(key, { volume, files: [...(onVolume.get(key)?.files ?? []), file] });
    }
    const limits = [...onVolume.values()].map(({ volume, files: group }) => {
      const ceiling = sumOrNull(group.map(fileCeiling));
      if (!volume) return ceiling;
      const room = group.reduce((total, file) => total + toBytes(file.size_bytes), 0) + volume.availableBytes;
      return ceiling === null ? room : Math.min(ceiling, room);
    });
    databases.push({
      database,
      limitBytes: sumOrNull(limits),
      allocatedBytes: own.reduce((total, file) => total + toBytes(file.size_bytes), 0),
      usedBytes: null,
      details: own.map((file) => ({
        file: file.file_name,
        type: Number(file.type) === 0 ? 'rows' : 'log',
        size_bytes: toBytes(file.size_bytes),
        max_size_bytes: Number(file.max_size) === -1 ? null : Number(file.max_size) === 0 ? toBytes(file.size_bytes) : Number(file.max_size) * PAGE,
        growth: Number(file.growth) === 0 ? 'none' : file.is_percent_growth ? `${file.growth}%` : `${Number(file.growth) * PAGE} bytes`,
        volume: volumeOf.get(`${file.database_id}/${file.file_id}`)?.mountPoint ?? null,
      })),
    });
  }
  const distinct = [...new Map([...volumeOf.values()].map((volume) => [volume.mountPoint, volume])).values()];
  const readVolumes = volumes !== null && files.every((file) => volumeOf.has(`${file.database_id}/${file.file_id}`));
  const databaseSum = sumOrNull(databases.map((d) => d.limitBytes));
  const room = readVolumes
    ? files.reduce((total, file) => total + toBytes(file.size_bytes), 0) + distinct.reduce((total, volume) => total + volume.availableBytes, 0)
    : null;
  const instanceLimit = databaseSum === null ? room : room === null ? databaseSum : Math.min(databaseSum, room);
  return {
    instanceLimitBytes: instanceLimit,
    volumeTotalBytes: volumes === null ? null : distinct.reduce((total, volume) => total + volume.totalBytes, 0),
    volumeAvailableBytes: volumes === null ? null : distinct.reduce((total, volume) => total + volume.availableBytes, 0),
    volumes: distinct.map((volume) => ({ mount_point: volume.mountPoint, total_bytes: volume.totalBytes, available_bytes: volume.availableBytes })),
    databases,
  };
}

/** Reads the files and, with VIEW SERVER STATE, their volumes; without it a warning says so and the files alone count. */
export async function collectSqlServerLimits(session: EngineSession, warnings: string[]): Promise<EngineLimits> {
  const files = await sqlServerLimitsRepository.files(session);
  let volumes: SqlServerVolumeRow[] | null = null;
  if (await sqlServerLimitsRepository.hasViewServerState(session)) volumes = await sqlServerLimitsRepository.volumes(session);
  else warnings.push(`the login lacks VIEW SERVER STATE: ${VIEW_SERVER_STATE}`);
  return mapSqlServerLimits(files, volumes);
}
