import type { AlertDetailResponse, AlertResponse, AlertRuleResponse, NotificationChannelResponse, NotificationDeliveryResponse, Pagination } from '../lib/api-types';

/** Page `page` of `total` rows, `perPage` a page. */
export const pageOf = (page: number, perPage: number, total: number): Pagination => {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { page, pages, per_page: perPage, total, has_next: page < pages, has_prev: page > 1 };
};

export const channelFixture = (overrides: Partial<NotificationChannelResponse> = {}): NotificationChannelResponse => ({
  id: 1,
  name: 'ops-webhook',
  kind: 'webhook',
  mode: 'immediate',
  enabled: true,
  email: null,
  url_origin: 'https://hooks.example.com',
  has_secret: false,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...overrides,
});

export const deliveryFixture = (overrides: Partial<NotificationDeliveryResponse> = {}): NotificationDeliveryResponse => ({
  id: 1,
  channel_id: 1,
  purpose: 'test',
  event_ids: [],
  attempt: 1,
  ok: true,
  status_code: 200,
  error: null,
  duration_ms: 42,
  attempted_at: '2026-01-01T08:00:00Z',
  ...overrides,
});

export const ruleFixture = (overrides: Partial<AlertRuleResponse> = {}): AlertRuleResponse => ({
  id: 1,
  name: 'orders over 5 GB',
  enabled: true,
  type: 'size_above',
  level: 'database',
  params: { bytes: 5 * 1024 ** 3, percent: null, days: null, match: null, direction: null, runs: null },
  scope: { type: 'all', tag: null, db_type: null, instance_id: null, database_name: null },
  severity: 'warning',
  repeat_interval_minutes: 1440,
  channel_ids: [1],
  is_default: false,
  firing_count: 0,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...overrides,
});

export const alertFixture = (overrides: Partial<AlertResponse> = {}): AlertResponse => ({
  id: 1,
  rule: { id: 1, name: 'orders over 5 GB', type: 'size_above' },
  instance: { id: 5, name: 'pg1', db_type: 'postgresql' },
  database_name: 'orders',
  state: 'firing',
  severity: 'warning',
  first_fired_at: '2026-01-01T06:00:00Z',
  last_seen_at: '2026-01-01T07:00:00Z',
  last_notified_at: '2026-01-01T06:00:00Z',
  notification_count: 1,
  resolved_at: null,
  acknowledged_by: null,
  acknowledged_at: null,
  size_bytes: 6 * 1024 ** 3,
  size_mb: 6144,
  limit_bytes: null,
  days_to_full: null,
  summary: 'orders is 6 GB, at or above 5 GB',
  ...overrides,
});

export const alertDetailFixture = (overrides: Partial<AlertDetailResponse> = {}): AlertDetailResponse => ({
  ...alertFixture(),
  history: [
    { transition: 'fired', at: '2026-01-01T06:00:00Z', channel_count: 1, user: null, size_bytes: 6 * 1024 ** 3, limit_bytes: null, days_to_full: null, summary: 'orders is 6 GB, at or above 5 GB' },
  ],
  ...overrides,
});
