import { DB_TYPES, DEFAULT_PORTS, DEFAULT_ZONE, INSTANCE_LIMITS, ZONE_MAX_LENGTH, ZONE_PATTERN, type DbType } from '@capacity/contracts';
import type { MessageKey, TranslateParams } from '../../../i18n';
import type { InstanceResponse } from '../../../lib/api-types';
import { LIMIT_MAX_TEXT, limitBytesOf, limitTextOf, type LimitText } from '../../../lib/limit-bytes';
import type { InstancePayload } from '../api/instances';

/** What the form holds: strings as typed, validated with the bounds CreateInstanceDto/UpdateInstanceDto use (INSTANCE_LIMITS). */
export interface InstanceFormValues {
  name: string;
  db_type: DbType | '';
  host: string;
  port: string;
  username: string;
  password: string;
  database_name: string;
  description: string;
  is_active: boolean;
  /** Comma-separated, as typed. */
  tags: string;
  /** The owner's user id, '' for none. */
  owner_id: string;
  /** The capacity limit as typed (amount and unit); sent as whole bytes, empty: none. */
  capacity_limit_bytes: LimitText;
  /** The network zone whose collectors take the instance; empty: the default zone. */
  zone: string;
}

export type InstanceFormErrors = Partial<Record<keyof InstanceFormValues, MessageKey>>;

/** The bounds the validation messages quote, from the limits the checks use. */
export function limitParams(key: keyof InstanceFormValues): TranslateParams {
  switch (key) {
    case 'port':
      return { min: INSTANCE_LIMITS.port.minimum, max: INSTANCE_LIMITS.port.maximum };
    case 'name':
    case 'host':
    case 'username':
    case 'password':
    case 'database_name':
    case 'description':
      return { max: INSTANCE_LIMITS[key].maxLength };
    case 'tags':
      return { max: INSTANCE_LIMITS.tags.maxItems, length: INSTANCE_LIMITS.tags.itemMaxLength };
    case 'capacity_limit_bytes':
      return { max: LIMIT_MAX_TEXT };
    case 'zone':
      return { max: ZONE_MAX_LENGTH };
    default:
      return {};
  }
}

export const emptyInstanceForm = (): InstanceFormValues => ({
  name: '',
  db_type: '',
  host: '',
  port: '',
  username: '',
  password: '',
  database_name: '',
  description: '',
  is_active: true,
  tags: '',
  owner_id: '',
  capacity_limit_bytes: limitTextOf(null),
  zone: DEFAULT_ZONE,
});

export function formFromInstance(instance: InstanceResponse): InstanceFormValues {
  return {
    name: instance.name,
    db_type: instance.db_type,
    host: instance.host,
    port: String(instance.port),
    username: instance.username,
    password: '',
    database_name: instance.database_name ?? '',
    description: instance.description ?? '',
    is_active: instance.is_active,
    tags: instance.tags.join(', '),
    owner_id: instance.owner_id === null ? '' : String(instance.owner_id),
    capacity_limit_bytes: limitTextOf(instance.capacity_limit_bytes),
    zone: instance.zone,
  };
}

/** The tags as the API takes them: split at commas, trimmed, without empty or repeated ones. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/** The port the API will use: the typed one, or the engine's default when left empty. */
export function effectivePort(values: Pick<InstanceFormValues, 'port' | 'db_type'>): number | null {
  if (values.port.trim() === '') return values.db_type ? DEFAULT_PORTS[values.db_type] : null;
  return /^\d+$/.test(values.port.trim()) ? Number(values.port.trim()) : Number.NaN;
}

export function validateInstanceForm(values: InstanceFormValues): InstanceFormErrors {
  const errors: InstanceFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'validation.nameRequired';
  else if (name.length > INSTANCE_LIMITS.name.maxLength) errors.name = 'validation.nameTooLong';

  if (!(DB_TYPES as readonly string[]).includes(values.db_type)) errors.db_type = 'validation.dbType';

  const host = values.host.trim();
  if (!host) errors.host = 'validation.hostRequired';
  else if (host.length > INSTANCE_LIMITS.host.maxLength || !INSTANCE_LIMITS.host.pattern.test(host)) errors.host = 'validation.hostInvalid';

  const port = effectivePort(values);
  const { minimum, maximum } = INSTANCE_LIMITS.port;
  if (port !== null && (!Number.isInteger(port) || port < minimum || port > maximum)) errors.port = 'validation.port';

  if (!values.username.trim()) errors.username = 'validation.usernameRequired';
  else if (values.username.length > INSTANCE_LIMITS.username.maxLength) errors.username = 'validation.usernameTooLong';

  if (values.password.length > INSTANCE_LIMITS.password.maxLength) errors.password = 'validation.passwordTooLong';
  if (values.database_name.trim().length > INSTANCE_LIMITS.database_name.maxLength) errors.database_name = 'validation.databaseNameTooLong';
  if (values.description.trim().length > INSTANCE_LIMITS.description.maxLength) errors.description = 'validation.descriptionTooLong';

  const tags = parseTags(values.tags);
  if (tags.length > INSTANCE_LIMITS.tags.maxItems) errors.tags = 'validation.tagsTooMany';
  else if (tags.some((tag) => tag.length > INSTANCE_LIMITS.tags.itemMaxLength)) errors.tags = 'validation.tagTooLong';
  if (Number.isNaN(limitBytesOf(values.capacity_limit_bytes))) errors.capacity_limit_bytes = 'capacity.validation.limit';
  const zone = values.zone.trim();
  if (zone && (zone.length > ZONE_MAX_LENGTH || !ZONE_PATTERN.test(zone))) errors.zone = 'validation.zone';
  return errors;
}

/** The request body; an empty password on edit keeps the stored one (write-only field). */
export function toInstancePayload(values: InstanceFormValues): InstancePayload {
  const dbType = values.db_type as DbType;
  const payload: InstancePayload = {
    name: values.name.trim(),
    db_type: dbType,
    host: values.host.trim(),
    port: effectivePort(values) ?? DEFAULT_PORTS[dbType],
    username: values.username,
    database_name: values.database_name.trim() || null,
    description: values.description.trim() || null,
    is_active: values.is_active,
    tags: parseTags(values.tags),
    owner_id: values.owner_id ? Number(values.owner_id) : null,
    capacity_limit_bytes: limitBytesOf(values.capacity_limit_bytes),
    zone: values.zone.trim() || DEFAULT_ZONE,
  };
  if (values.password) payload.password = values.password;
  return payload;
}
