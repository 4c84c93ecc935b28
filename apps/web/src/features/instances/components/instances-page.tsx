import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/data-table';
import { DownloadCsvButton } from '../../../components/download-csv-button';
import { Modal } from '../../../components/modal';
import { PaginationBar } from '../../../components/pagination-bar';
import { QueryView } from '../../../components/states';
import { StatusBadge } from '../../../components/status-badge';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { InstanceResponse } from '../../../lib/api-types';
import { useAuth } from '../../auth';
import { downloadInstancesCsv, useDeleteInstance, useInstancesPage, useSaveInstance } from '../api/instances';
import { useInstancesView } from '../hooks/use-instances-view';
import { CollectNowButton, TestConnectionButton } from './instance-actions';
import { InstanceForm } from './instance-form';
import { InstancesFilters } from './instances-filters';
import { hasFilters } from '../api/instances-view';
import { sortableColumn } from './sort-header';

type Editing = { mode: 'create' } | { mode: 'edit'; instance: InstanceResponse } | null;

export function InstancesPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { isAdmin } = useAuth();
  const { view, setFilter, setSort, setPage } = useInstancesView();
  // Typing in the search box changes the view at once; the request follows the deferred view.
  const query = useInstancesPage(useDeferredValue(view));
  const save = useSaveInstance();
  const remove = useDeleteInstance();
  const [editing, setEditing] = useState<Editing>(null);

  const closeForm = () => {
    setEditing(null);
    save.reset();
  };

  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('instances.title')}</h1>
        {isAdmin ? (
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ mode: 'create' })}>
            {t('instances.add')}
          </button>
        ) : null}
      </div>
      <InstancesFilters view={view} onChange={setFilter} />
      {remove.isError ? <p className="error-text" role="alert">{remove.error.message}</p> : null}
      <QueryView query={query}>
        {(page) => (
          <>
            <div className="table-toolbar">
              <span data-testid="instances-total">{t('instances.count', { count: page.pagination.total })}</span>
              <DownloadCsvButton testId="instances-csv" download={() => downloadInstancesCsv(view)} />
            </div>
            <DataTable
              testId="instances-table"
              columns={[
                sortableColumn(t('instances.name'), 'name', view.sort, setSort),
                sortableColumn(t('instances.engine'), 'db_type', view.sort, setSort),
                { label: t('instances.host') },
                { label: t('instances.active') },
                sortableColumn(t('instances.totalSize'), 'size', view.sort, setSort, { numeric: true }),
                sortableColumn(t('instances.growth7d'), 'growth_7d', view.sort, setSort, { numeric: true }),
                sortableColumn(t('instances.growth7dPercent'), 'growth_7d_percent', view.sort, setSort, { numeric: true }),
                sortableColumn(t('instances.growth30d'), 'growth_30d', view.sort, setSort, { numeric: true }),
                sortableColumn(t('instances.growth30dPercent'), 'growth_30d_percent', view.sort, setSort, { numeric: true }),
                sortableColumn(t('instances.databaseCount'), 'database_count', view.sort, setSort, { numeric: true }),
                sortableColumn(t('instances.lastCollection'), 'last_collected_at', view.sort, setSort),
                sortableColumn(t('instances.status'), 'last_status', view.sort, setSort),
                ...(isAdmin ? [{ label: t('common.actions') }] : []),
              ]}
              footer={<PaginationBar pagination={page.pagination} onPage={setPage} />}
            >
              {page.data.length === 0 ? (
                <tr>
                  <td colSpan={isAdmin ? 13 : 12} className="state-empty-row" data-testid="instances-empty">
                    {hasFilters(view) ? t('instances.noMatch') : t('instances.empty')}
                  </td>
                </tr>
              ) : null}
              {page.data.map((instance) => (
                <tr key={instance.id} data-testid={`instance-row-${instance.name}`}>
                  <td>
                    <Link to={`/instances/${instance.id}`}>{instance.name}</Link>
                  </td>
                  <td>{t(`engine.${instance.db_type}`)}</td>
                  <td>
                    {instance.host}:{instance.port}
                  </td>
                  <td>{instance.is_active ? t('common.yes') : t('common.no')}</td>
                  <td className="num" data-testid="instance-size">{fmt.bytes(instance.latest_total_size_bytes)}</td>
                  <td className="num">{fmt.signedBytes(instance.growth_7d_bytes)}</td>
                  <td className="num">{fmt.percent(instance.growth_7d_percent)}</td>
                  <td className="num">{fmt.signedBytes(instance.growth_30d_bytes)}</td>
                  <td className="num">{fmt.percent(instance.growth_30d_percent)}</td>
                  <td className="num">{fmt.number(instance.database_count)}</td>
                  <td>{instance.last_collected_at ? fmt.dateTime(instance.last_collected_at) : t('common.never')}</td>
                  <td>{instance.last_collection_status ? <StatusBadge status={instance.last_collection_status} /> : null}</td>
                  {isAdmin ? (
                    <td className="actions">
                      <CollectNowButton instance={instance} testId={`collect-now-${instance.name}`} />
                      <TestConnectionButton instance={instance} />
                      <button type="button" className="btn btn-small" onClick={() => setEditing({ mode: 'edit', instance })}>
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => {
                          if (window.confirm(t('instances.deleteConfirm', { name: instance.name }))) remove.mutate(instance.id);
                        }}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
      {editing ? (
        <Modal title={editing.mode === 'create' ? t('instances.add') : t('instances.edit')} onClose={closeForm}>
          <InstanceForm
            instance={editing.mode === 'edit' ? editing.instance : undefined}
            submitting={save.isPending}
            error={save.error}
            onCancel={closeForm}
            onSubmit={(payload) =>
              save.mutate({ id: editing.mode === 'edit' ? editing.instance.id : undefined, payload }, { onSuccess: closeForm })
            }
          />
        </Modal>
      ) : null}
    </section>
  );
}
