import type { DbType } from '@capacity/contracts';
import { StatCards } from '../../../components/stat-cards';
import { useFormat } from '../../../components/use-format';
import { useI18n, type MessageKey } from '../../../i18n';
import type { InstanceSizeStatPoint } from '../../../lib/api-types';

/** What the instance-level log is called on each engine. */
export const LOG_LABEL: Record<DbType, MessageKey> = {
  postgresql: 'storage.instanceLog.postgresql',
  mysql: 'storage.instanceLog.mysql',
  oracle: 'storage.instanceLog.oracle',
  sqlserver: 'storage.instanceLog.sqlserver',
};

/** The latest instance reading split in its parts: databases + instance log (WAL, binary logs, redo) = total. */
export function InstanceTotals({ reading, dbType }: { reading: InstanceSizeStatPoint; dbType: DbType }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const log = reading.log_size_bytes === null ? <span className="muted">{t('storage.instanceLogUnknown')}</span> : fmt.bytes(reading.log_size_bytes);
  // A database size that could not be read leaves the databases and the total unknown, never a partial sum.
  const unknown = <span className="muted">{t('storage.instanceTotalUnknown')}</span>;
  const cards = [
    { id: 'databases', label: t('storage.instanceDatabases'), value: reading.data_size_bytes === null ? unknown : fmt.bytes(reading.data_size_bytes) },
    { id: 'log', label: t(LOG_LABEL[dbType]), value: log },
    { id: 'total', label: t('storage.instanceTotal'), value: reading.total_size_bytes === null ? unknown : fmt.bytes(reading.total_size_bytes) },
  ];
  return <StatCards cards={cards} testIdPrefix="instance-" testId="instance-totals" />;
}
