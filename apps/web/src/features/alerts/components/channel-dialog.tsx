import {
  NOTIFICATION_CHANNEL_KINDS,
  NOTIFICATION_CHANNEL_MODES,
  NOTIFICATION_CHANNEL_NAME_MAX,
  NOTIFICATION_SECRET_MAX,
  NOTIFICATION_URL_MAX,
  SMTP_TLS_MODES,
  type NotificationChannelKind,
} from '@capacity/contracts';
import { useState, type FormEvent } from 'react';
import { fieldErrorProps } from '../../../components/field-error';
import { FormModal } from '../../../components/form-modal';
import { SelectField } from '../../../components/select-field';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import type { NotificationChannelResponse } from '../../../lib/api-types';
import { useSaveChannel } from '../api/channels';
import {
  CHANNEL_FIELDS,
  channelValues,
  createChannelBody,
  emptyChannel,
  SIGNED_KINDS,
  updateChannelBody,
  validateChannel,
  type ChannelErrors,
  type ChannelField,
  type ChannelValues,
  type SecretAction,
} from './channel-model';

const PORT_PARAMS = { min: 1, max: 65535 };

/** A stored secret is never shown: "set" with a choice to keep, replace or remove it; without one, a field to set it. */
function SecretField({
  label,
  stored,
  values,
  onChange,
  error,
}: {
  label: string;
  stored: boolean;
  values: ChannelValues;
  onChange: (patch: Partial<ChannelValues>) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const input = (
    <TextField
      label={label}
      testId="channel-secret"
      type="password"
      autoComplete="new-password"
      maxLength={NOTIFICATION_SECRET_MAX}
      value={values.secret}
      onChange={(secret) => onChange({ secret })}
      {...fieldErrorProps('channel-secret', error)}
    />
  );
  if (!stored) return input;
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <span className="muted" data-testid="channel-secret-set">
        {t('channels.secretSet')}
      </span>
      <div className="actions">
        {(['keep', 'replace', 'remove'] as const satisfies readonly SecretAction[]).map((action) => (
          <label key={action} className="field-check">
            <input
              type="radio"
              name="secret-action"
              value={action}
              checked={values.secretAction === action}
              onChange={() => onChange({ secretAction: action, secret: '' })}
            />
            {t(`channels.secret.${action}`)}
          </label>
        ))}
      </div>
      {values.secretAction === 'replace' ? input : null}
    </fieldset>
  );
}

/** Create or edit a channel; the kind is chosen once (the API refuses changing it). */
export function ChannelDialog({ channel, onClose }: { channel?: NotificationChannelResponse; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSaveChannel();
  const editing = channel !== undefined;
  const [values, setValues] = useState<ChannelValues>(() => (channel ? channelValues(channel) : emptyChannel()));
  const [errors, setErrors] = useState<ChannelErrors>({});
  const api = formApiErrors(save.error, CHANNEL_FIELDS);

  const change = (patch: Partial<ChannelValues>) => setValues((previous) => ({ ...previous, ...patch }));
  const messageOf = (field: ChannelField) => {
    const own = errors[field];
    return own ? t(own, PORT_PARAMS) : api.byField[field];
  };
  const field = (id: ChannelField) => fieldErrorProps(`channel-${id.replace('.', '-')}`, messageOf(id));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateChannel(values, editing);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const request = channel ? { id: channel.id, body: updateChannelBody(values) } : { body: createChannelBody(values) };
    save.mutate(request, { onSuccess: onClose });
  }

  const isEmail = values.kind === 'email';
  const secretStored = Boolean(channel?.has_secret);
  return (
    <FormModal
      title={editing ? t('channels.editTitle', { name: channel.name }) : t('channels.add')}
      testId="channel-dialog"
      onClose={onClose}
      onSubmit={submit}
      submit={{ label: t('common.save'), testId: 'channel-submit', pending: save.isPending }}
    >
      <TextField
        label={`${t('channels.name')} *`}
        testId="channel-name"
        name="name"
        maxLength={NOTIFICATION_CHANNEL_NAME_MAX}
        value={values.name}
        onChange={(name) => change({ name })}
        {...field('name')}
      />
      <div className="field-row">
        {editing ? (
          <p className="field">
            <span>{t('channels.kind')}</span>
            <strong data-testid="channel-kind-fixed">{t(`channels.kind.${values.kind}`)}</strong>
          </p>
        ) : (
          <SelectField<NotificationChannelKind>
            label={t('channels.kind')}
            name="kind"
            testId="channel-kind"
            value={values.kind}
            options={NOTIFICATION_CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`channels.kind.${kind}`) }))}
            onChange={(kind) => change({ kind: kind || 'webhook', secret: '' })}
          />
        )}
        <SelectField
          label={t('channels.mode')}
          name="mode"
          testId="channel-mode"
          value={values.mode}
          options={NOTIFICATION_CHANNEL_MODES.map((mode) => ({ value: mode, label: t(`channels.mode.${mode}`) }))}
          onChange={(mode) => change({ mode: mode || 'immediate' })}
        />
      </div>
      <label className="field-check">
        <input type="checkbox" data-testid="channel-enabled" checked={values.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
        {t('channels.enabled')}
      </label>

      {isEmail ? (
        <>
          <div className="field-row">
            <TextField
              grow
              label={`${t('channels.smtpHost')} *`}
              testId="channel-host"
              value={values.host}
              maxLength={255}
              onChange={(host) => change({ host })}
              {...field('email.host')}
            />
            <TextField
              label={`${t('channels.smtpPort')} *`}
              testId="channel-port"
              inputMode="numeric"
              value={values.port}
              onChange={(port) => change({ port })}
              {...field('email.port')}
            />
            <SelectField
              label={t('channels.tlsMode')}
              name="tls_mode"
              testId="channel-tls"
              value={values.tlsMode}
              options={SMTP_TLS_MODES.map((mode) => ({ value: mode, label: t(`channels.tls.${mode}`) }))}
              onChange={(tlsMode) => change({ tlsMode: tlsMode || 'starttls' })}
            />
          </div>
          <TextField label={t('channels.smtpUser')} testId="channel-user" autoComplete="off" maxLength={255} value={values.user} onChange={(user) => change({ user })} {...field('email.user')} />
          <SecretField label={t('channels.smtpPassword')} stored={secretStored} values={values} onChange={change} error={messageOf('email.password')} />
          <TextField label={`${t('channels.from')} *`} testId="channel-from" type="email" maxLength={255} value={values.from} onChange={(from) => change({ from })} {...field('email.from')} />
          <label className="field">
            <span>{t('channels.to')} *</span>
            <textarea
              data-testid="channel-to"
              rows={2}
              value={values.to}
              onChange={(e) => change({ to: e.target.value })}
              aria-invalid={field('email.to')['aria-invalid']}
              aria-describedby={field('email.to')['aria-describedby']}
            />
            <span className="muted">{t('channels.toHint')}</span>
            {field('email.to').hint}
          </label>
        </>
      ) : (
        <>
          <TextField
            label={editing ? t('channels.url') : `${t('channels.url')} *`}
            testId="channel-url"
            type="url"
            autoComplete="off"
            maxLength={NOTIFICATION_URL_MAX}
            placeholder={editing ? t('channels.urlKeep', { origin: channel.url_origin ?? '' }) : 'https://'}
            value={values.url}
            onChange={(url) => change({ url })}
            {...field('url')}
          />
          <p className="muted">{t('channels.urlHint')}</p>
          {SIGNED_KINDS.includes(values.kind) ? (
            <SecretField label={t(`channels.secretOf.${values.kind as 'webhook' | 'dingtalk' | 'feishu'}`)} stored={secretStored} values={values} onChange={change} error={messageOf('secret')} />
          ) : null}
        </>
      )}
      {api.unplaced ? <ErrorState error={save.error} /> : null}
    </FormModal>
  );
}
