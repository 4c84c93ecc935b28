import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-actions';
import { DataTable } from '../../../components/data-table';
import { ErrorState, QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { AlertRuleResponse } from '../../../lib/api-types';
import { useAlertRules, useDeleteRule, useSaveRule } from '../api/alerts';
import { useChannelOptions } from '../api/channels';
import { AlertsTabs } from './alerts-tabs';
import { RuleDialog } from './rule-dialog';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'delete'; rule: AlertRuleResponse } | null;

/** What a rule watches, in a few words ("≥ 5 GB", "< 30 days to full", …). */
function useRuleCondition() {
  const { t } = useI18n();
  const fmt = useFormat();
  return (rule: AlertRuleResponse): string => {
    const { params } = rule;
    const parts = [
      params.bytes === null ? null : fmt.bytes(params.bytes),
      params.percent === null ? null : `${fmt.number(params.percent)} %`,
      params.days === null ? null : t('rules.inDays', { days: params.days }),
      params.runs === null ? null : t('rules.inRuns', { runs: params.runs }),
      params.match === null ? null : t(`rules.match.${params.match}`),
      params.direction === null ? null : t(`rules.direction.${params.direction}`),
    ];
    return parts.filter(Boolean).join(' · ');
  };
}

function scopeText(rule: AlertRuleResponse, t: ReturnType<typeof useI18n>['t']): string {
  const { scope } = rule;
  const detail = scope.tag ?? scope.db_type ?? (scope.instance_id === null ? null : `#${scope.instance_id}${scope.database_name ? ` / ${scope.database_name}` : ''}`);
  return detail === null ? t(`rules.scope.${scope.type}`) : `${t(`rules.scope.${scope.type}`)}: ${detail}`;
}

function DeleteRuleDialog({ rule, onClose }: { rule: AlertRuleResponse; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteRule();
  return (
    <ConfirmModal
      title={t('rules.deleteTitle')}
      onClose={onClose}
      testId="delete-rule-dialog"
      confirm={{ danger: true, testId: 'delete-rule-confirm', disabled: remove.isPending, onConfirm: () => remove.mutate(rule.id, { onSuccess: onClose }) }}
    >
      <p>{t('rules.deleteConfirm', { name: rule.name })}</p>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </ConfirmModal>
  );
}

/** Admin: the alert rules, each with its condition, scope, severity and channels; enabled or not at a click. */
export function RulesPage() {
  const { t } = useI18n();
  const query = useAlertRules();
  const channels = useChannelOptions();
  const toggle = useSaveRule();
  const condition = useRuleCondition();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const channelName = (id: number) => channels.data?.data.find((channel) => channel.id === id)?.name ?? `#${id}`;

  return (
    <section className="page">
      <AlertsTabs />
      <div className="page-header">
        <h1>{t('rules.title')}</h1>
        <button type="button" className="btn btn-primary" data-testid="add-rule" onClick={() => setDialog({ kind: 'create' })}>
          {t('rules.add')}
        </button>
      </div>
      {toggle.isError ? <ErrorState error={toggle.error} /> : null}
      <QueryView query={query} isEmpty={(rules) => rules.length === 0} empty={t('rules.empty')}>
        {(rules) => (
          <DataTable
            testId="rules-table"
            columns={[
              { label: t('rules.name') },
              { label: t('rules.type') },
              { label: t('rules.condition') },
              { label: t('rules.scope') },
              { label: t('rules.severity') },
              { label: t('rules.channels') },
              { label: t('rules.firing'), numeric: true },
              { label: t('rules.enabled') },
              { label: t('common.actions') },
            ]}
          >
            {rules.map((rule) => (
              <tr key={rule.id} data-testid={`rule-row-${rule.name}`}>
                <td>
                  {rule.name} {rule.is_default ? <span className="badge">{t('rules.default')}</span> : null}
                </td>
                <td>{t(`rules.type.${rule.type}`)}</td>
                <td>{condition(rule)}</td>
                <td>{scopeText(rule, t)}</td>
                <td>
                  <span className={`badge badge-${rule.severity}`}>{t(`severity.${rule.severity}`)}</span>
                </td>
                <td>{rule.channel_ids.length === 0 ? '—' : rule.channel_ids.map(channelName).join(', ')}</td>
                <td className="num">{rule.firing_count}</td>
                <td>
                  <label className="field-check">
                    <input
                      type="checkbox"
                      aria-label={t('rules.enabledOf', { name: rule.name })}
                      data-testid={`rule-enabled-${rule.name}`}
                      checked={rule.enabled}
                      disabled={toggle.isPending && toggle.variables.id === rule.id}
                      onChange={(e) => toggle.mutate({ id: rule.id, body: { enabled: e.target.checked } })}
                    />
                  </label>
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit', rule })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => setDialog({ kind: 'delete', rule })}>
                      {t('common.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {dialog?.kind === 'create' ? <RuleDialog onClose={close} /> : null}
      {dialog?.kind === 'edit' ? <RuleDialog rule={dialog.rule} onClose={close} /> : null}
      {dialog?.kind === 'delete' ? <DeleteRuleDialog rule={dialog.rule} onClose={close} /> : null}
    </section>
  );
}
