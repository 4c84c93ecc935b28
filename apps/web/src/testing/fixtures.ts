import type { ApiErrorBody, InstanceResponse, Pagination, UserResponse } from '../lib/api-types';

/** One page holding every row. */
export const pagination = (total: number): Pagination => ({ page: 1, pages: 1, per_page: 100, total, has_next: false, has_prev: false });

export const errorBody = (statusCode: number, error: string, message: string | string[], fields: string[] = []): ApiErrorBody => ({
  statusCode,
  error,
  message,
  fields,
});

export const userFixture = (overrides: Partial<UserResponse> = {}): UserResponse => ({
  id: 1,
  username: 'admin',
  role: 'admin',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...overrides,
});

/** A never-collected PostgreSQL instance. */
export const instanceFixture = (overrides: Partial<InstanceResponse> = {}): InstanceResponse => ({
  id: 5,
  name: 'pg1',
  db_type: 'postgresql',
  host: 'db',
  port: 5432,
  username: 'u',
  database_name: null,
  zone: 'default',
  is_active: true,
  tags: [],
  owner_id: null,
  description: null,
  has_password: false,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  latest_total_size_bytes: null,
  latest_total_size_mb: null,
  growth_7d_bytes: null,
  growth_7d_percent: null,
  growth_30d_bytes: null,
  growth_30d_percent: null,
  database_count: null,
  last_collected_at: null,
  last_collection_status: null,
  capacity_limit_bytes: null,
  ...overrides,
});
