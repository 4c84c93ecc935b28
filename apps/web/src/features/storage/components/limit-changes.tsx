import { DataTable } from '../../../components/data-table';
import { PaginationBar } from '../../../components/pagination-bar';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useLimitChanges } from '../api/capacity';

/** The audit record of the instance's configured limits (its own and its databases'): who changed which, when, from what to what. */
export function LimitChanges({ instanceId, page, onPage }: { instanceId: number; page: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const changes = useLimitChanges(instanceId, page);
  const limit = (bytes: number | null) => (bytes === null ? <span className="muted">{t('capacity.none')}</span> : fmt.bytes(bytes));
  return (
    <div className="capacity-changes" data-testid="limit-changes">
      <h3>{t('capacity.limitChanges')}</h3>
      <QueryView query={changes} isEmpty={(data) => data.data.length === 0} empty={t('capacity.limitChangesEmpty')}>
        {(data) => (
          <DataTable
            testId="limit-changes-table"
            footer={<PaginationBar pagination={data.pagination} onPage={onPage} />}
            columns={[
              { label: t('capacity.changedAt') },
              { label: t('capacity.target') },
              { label: t('capacity.oldLimit'), numeric: true },
              { label: t('capacity.newLimit'), numeric: true },
              { label: t('capacity.changedBy') },
            ]}
          >
            {data.data.map((change) => (
              <tr key={change.id} data-testid={`limit-change-${change.id}`}>
                <td>{fmt.dateTime(change.changed_at)}</td>
                <td>{change.database_name ?? t('capacity.instanceTotal')}</td>
                <td className="num">{limit(change.old_limit_bytes)}</td>
                <td className="num">{limit(change.new_limit_bytes)}</td>
                <td>{change.changed_by_username}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </div>
  );
}
