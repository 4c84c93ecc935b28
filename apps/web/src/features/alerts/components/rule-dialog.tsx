import {
  ALERT_CHANGE_DIRECTIONS,
  ALERT_FIXED_LEVELS,
  ALERT_GROWTH_MATCHES,
  ALERT_LEVELS,
  ALERT_RULE_LIMITS,
  ALERT_RULE_TYPES,
  ALERT_SCOPE_TYPES,
  ALERT_SEVERITIES,
  INSTANCE_LIMITS,
  type AlertRuleType,
} from '@capacity/contracts';
import { useState, type FormEvent } from 'react';
import { LimitField } from '../../../components/capacity/limit-field';
import { EngineSelect } from '../../../components/engine-select';
import { fieldErrorProps } from '../../../components/field-error';
import { FormModal } from '../../../components/form-modal';
import { SelectField } from '../../../components/select-field';
import { ErrorState, Loading } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import type { AlertRuleResponse } from '../../../lib/api-types';
import { InstancePicker, useChosenInstance } from '../../aggregations';
import { useSaveRule } from '../api/alerts';
import { useChannelOptions } from '../api/channels';
import { daysMaximum, emptyRule, RULE_FIELDS, ruleBody, ruleValues, showsParam, validateRule, type RuleErrors, type RuleField, type RuleValues } from './rule-model';

function ChannelChoices({ values, onChange, error }: { values: RuleValues; onChange: (ids: number[]) => void; error: ReturnType<typeof fieldErrorProps> }) {
  const { t } = useI18n();
  const options = useChannelOptions();
  const toggle = (id: number, on: boolean) => onChange(on ? [...values.channelIds, id] : values.channelIds.filter((chosen) => chosen !== id));
  return (
    <fieldset className="field" aria-describedby={error['aria-describedby']} data-testid="rule-channels">
      <legend>{t('rules.channels')}</legend>
      {options.isPending ? <Loading /> : null}
      {options.isError ? <ErrorState error={options.error} onRetry={() => void options.refetch()} /> : null}
      {options.data?.data.length === 0 ? <span className="muted">{t('rules.noChannels')}</span> : null}
      <div className="actions">
        {options.data?.data.map((channel) => (
          <label key={channel.id} className="field-check">
            <input type="checkbox" checked={values.channelIds.includes(channel.id)} onChange={(e) => toggle(channel.id, e.target.checked)} />
            {channel.name} <span className="muted">({t(`channels.kind.${channel.kind}`)})</span>
          </label>
        ))}
      </div>
      {error.hint}
    </fieldset>
  );
}

/** Create or edit an alert rule: its type with the parameters of that type, scope, severity, repeat and channels. */
export function RuleDialog({ rule, onClose }: { rule?: AlertRuleResponse; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSaveRule();
  const [values, setValues] = useState<RuleValues>(() => (rule ? ruleValues(rule) : emptyRule()));
  const [errors, setErrors] = useState<RuleErrors>({});
  const api = formApiErrors(save.error, RULE_FIELDS);
  const chosen = useChosenInstance(values.instanceId);
  const change = (patch: Partial<RuleValues>) => setValues((previous) => ({ ...previous, ...patch }));
  const params = { min: 1, max: daysMaximum(values.type), runs: ALERT_RULE_LIMITS.runs.maximum, minutes: ALERT_RULE_LIMITS.repeatIntervalMinutes.maximum };
  const field = (id: RuleField) => {
    const own = errors[id];
    return fieldErrorProps(`rule-${id.replace('.', '-')}`, own ? t(own, params) : api.byField[id]);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateRule(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(rule ? { id: rule.id, body: ruleBody(values) } : { body: ruleBody(values) }, { onSuccess: onClose });
  }

  const fixedLevel = ALERT_FIXED_LEVELS[values.type];
  const bytes = field('params.bytes');
  return (
    <FormModal
      title={rule ? t('rules.editTitle', { name: rule.name }) : t('rules.add')}
      testId="rule-dialog"
      onClose={onClose}
      onSubmit={submit}
      submit={{ label: t('common.save'), testId: 'rule-submit', pending: save.isPending }}
    >
      <TextField label={`${t('rules.name')} *`} testId="rule-name" maxLength={ALERT_RULE_LIMITS.name.maxLength} value={values.name} onChange={(name) => change({ name })} {...field('name')} />
      <div className="field-row">
        <SelectField<AlertRuleType>
          label={t('rules.type')}
          name="type"
          testId="rule-type"
          value={values.type}
          options={ALERT_RULE_TYPES.map((type) => ({ value: type, label: t(`rules.type.${type}`) }))}
          onChange={(type) => change({ type: type || 'size_above' })}
        />
        <SelectField
          label={t('rules.severity')}
          name="severity"
          testId="rule-severity"
          value={values.severity}
          options={ALERT_SEVERITIES.map((severity) => ({ value: severity, label: t(`severity.${severity}`) }))}
          onChange={(severity) => change({ severity: severity || 'warning' })}
        />
        {fixedLevel || values.scopeType === 'database' ? null : (
          <SelectField
            label={t('rules.level')}
            name="level"
            testId="rule-level"
            value={values.level}
            options={ALERT_LEVELS.map((level) => ({ value: level, label: t(`rules.level.${level}`) }))}
            onChange={(level) => change({ level: level || 'database' })}
          />
        )}
      </div>
      <p className="muted">{t(`rules.typeHint.${values.type}`)}</p>

      {values.type === 'size_above' ? (
        <SelectField
          label={t('rules.sizeBasis')}
          name="size_basis"
          testId="rule-size-basis"
          value={values.sizeBasis}
          options={[
            { value: 'bytes', label: t('rules.sizeBasis.bytes') },
            { value: 'percent', label: t('rules.sizeBasis.percent') },
          ]}
          onChange={(sizeBasis) => change({ sizeBasis: sizeBasis || 'bytes' })}
        />
      ) : null}
      {showsParam(values, 'bytes') ? (
        <LimitField
          label={values.type === 'growth' ? t('rules.growthBytes') : `${t('rules.bytes')} *`}
          name="bytes"
          testId="rule-bytes"
          value={values.bytes}
          onChange={(amount) => change({ bytes: amount })}
          invalid={bytes['aria-invalid']}
          describedBy={bytes['aria-describedby']}
          hint={bytes.hint}
        />
      ) : null}
      {showsParam(values, 'percent') ? (
        <TextField
          label={values.type === 'growth' ? t('rules.growthPercent') : `${t(values.type === 'size_above' ? 'rules.percentOfLimit' : 'rules.changePercent')} *`}
          testId="rule-percent"
          inputMode="decimal"
          value={values.percent}
          onChange={(percent) => change({ percent })}
          {...field('params.percent')}
        />
      ) : null}
      {showsParam(values, 'days') ? (
        <TextField
          label={values.type === 'database_disappeared' ? t('rules.lookBackDays') : `${t(values.type === 'growth' ? 'rules.windowDays' : 'rules.daysToFull')} *`}
          testId="rule-days"
          inputMode="numeric"
          value={values.days}
          onChange={(days) => change({ days })}
          {...field('params.days')}
        />
      ) : null}
      {showsParam(values, 'match') ? (
        <SelectField
          label={t('rules.match')}
          name="match"
          testId="rule-match"
          value={values.match}
          options={ALERT_GROWTH_MATCHES.map((match) => ({ value: match, label: t(`rules.match.${match}`) }))}
          onChange={(match) => change({ match: match || 'all' })}
        />
      ) : null}
      {showsParam(values, 'direction') ? (
        <SelectField
          label={t('rules.direction')}
          name="direction"
          testId="rule-direction"
          value={values.direction}
          options={ALERT_CHANGE_DIRECTIONS.map((direction) => ({ value: direction, label: t(`rules.direction.${direction}`) }))}
          onChange={(direction) => change({ direction: direction || 'both' })}
        />
      ) : null}
      {showsParam(values, 'runs') ? (
        <TextField label={`${t('rules.runs')} *`} testId="rule-runs" inputMode="numeric" value={values.runs} onChange={(runs) => change({ runs })} {...field('params.runs')} />
      ) : null}

      <div className="field-row">
        <SelectField
          label={t('rules.scope')}
          name="scope"
          testId="rule-scope"
          value={values.scopeType}
          options={ALERT_SCOPE_TYPES.map((scope) => ({ value: scope, label: t(`rules.scope.${scope}`) }))}
          onChange={(scopeType) => change({ scopeType: scopeType || 'all' })}
        />
        {values.scopeType === 'tag' ? (
          <TextField label={`${t('rules.scope.tag')} *`} testId="rule-tag" maxLength={INSTANCE_LIMITS.tags.itemMaxLength} value={values.tag} onChange={(tag) => change({ tag })} {...field('scope.tag')} />
        ) : null}
        {values.scopeType === 'db_type' ? (
          <div>
            <EngineSelect label={`${t('rules.scope.db_type')} *`} name="scope_db_type" value={values.dbType} onChange={(dbType) => change({ dbType })} />
            {field('scope.db_type').hint}
          </div>
        ) : null}
        {values.scopeType === 'instance' || values.scopeType === 'database' ? (
          <div data-testid="rule-instance">
            <InstancePicker value={values.instanceId} chosen={chosen.data} onChange={(instanceId) => change({ instanceId })} />
            {field('scope.instance_id').hint}
          </div>
        ) : null}
        {values.scopeType === 'database' ? (
          <TextField
            label={`${t('rules.scope.database')} *`}
            testId="rule-database"
            maxLength={INSTANCE_LIMITS.database_name.maxLength}
            value={values.databaseName}
            onChange={(databaseName) => change({ databaseName })}
            {...field('scope.database_name')}
          />
        ) : null}
      </div>
      <TextField
        label={t('rules.repeat')}
        testId="rule-repeat"
        inputMode="numeric"
        value={values.repeat}
        onChange={(repeat) => change({ repeat })}
        {...field('repeat_interval_minutes')}
      />
      <p className="muted">{t('rules.repeatHint')}</p>
      <ChannelChoices values={values} onChange={(channelIds) => change({ channelIds })} error={field('channel_ids')} />
      <label className="field-check">
        <input type="checkbox" data-testid="rule-enabled" checked={values.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
        {t('rules.enabled')}
      </label>
      {api.unplaced ? <ErrorState error={save.error} /> : null}
    </FormModal>
  );
}
