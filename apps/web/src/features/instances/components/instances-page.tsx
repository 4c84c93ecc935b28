import type { DbType } from '@capacity/contracts';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/data-table';
import { EngineSelect } from '../../../components/engine-select';
import { Modal } from '../../../components/modal';
import { QueryView } from '../../../components/states';
import { StatusBadge } from '../../../components/status-badge';
import { TextField } from '../../../components/text-field';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { InstanceResponse } from '../../../lib/api-types';
import { useAuth } from '../../auth';
import { useDeleteInstance, useInstances, useSaveInstance } from '../api/instances';
import { CollectNowButton, TestConnectionButton } from './instance-actions';
import { InstanceForm } from './instance-form';

type Editing = { mode: 'create' } | { mode: 'edit'; instance: InstanceResponse } | null;

export function InstancesPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { isAdmin } = useAuth();
  const [engine, setEngine] = useState<DbType | ''>('');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const query = useInstances({ db_type: engine, search: deferredSearch });
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
      <div className="filters">
        <TextField label={t('instances.filterName')} type="search" name="search" value={search} onChange={setSearch} />
        <EngineSelect label={t('instances.filterEngine')} name="engine" value={engine} onChange={setEngine} />
      </div>
      {remove.isError ? <p className="error-text" role="alert">{remove.error.message}</p> : null}
      <QueryView query={query}>
        {(page) => (
          <DataTable
            testId="instances-table"
            columns={[
              { label: t('instances.name') },
              { label: t('instances.engine') },
              { label: t('instances.host') },
              { label: t('instances.active') },
              { label: t('instances.totalSize'), numeric: true },
              { label: t('instances.databaseCount'), numeric: true },
              { label: t('instances.lastCollection') },
              ...(isAdmin ? [{ label: t('common.actions') }] : []),
            ]}
          >
            {page.data.length === 0 ? (
              <tr>
                <td colSpan={isAdmin ? 8 : 7} className="state-empty-row" data-testid="instances-empty">
                  {t('instances.empty')}
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
                <td className="num">{fmt.bytes(instance.latest_total_size_bytes)}</td>
                <td className="num">{fmt.number(instance.database_count)}</td>
                <td>
                  {instance.last_collected_at ? fmt.dateTime(instance.last_collected_at) : t('common.never')}{' '}
                  {instance.last_collection_status ? <StatusBadge status={instance.last_collection_status} /> : null}
                </td>
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
