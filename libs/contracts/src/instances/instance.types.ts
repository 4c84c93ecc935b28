import type { DbType, RecordStatus } from '../common/constants';

export interface InstanceResponse {
  id: number;
  name: string;
  db_type: DbType;
  host: string;
  port: number;
  username: string;
  database_name: string | null;
  is_active: boolean;
  tags: string[];
  owner_id: number | null;
  description: string | null;
  has_password: boolean;
  created_at: string;
  updated_at: string;
  /** From the latest collection; null before the first one. */
  latest_total_size_bytes: number | null;
  latest_total_size_mb: number | null;
  database_count: number | null;
  last_collected_at: string | null;
  last_collection_status: RecordStatus | null;
}

export type ConnectionFailureKind = 'refused' | 'timeout' | 'authentication' | 'unknown_database' | 'permission' | 'unknown_host' | 'other';

export interface TestConnectionResponse {
  ok: boolean;
  latency_ms: number;
  server_version?: string;
  failure?: ConnectionFailureKind;
  message?: string;
}
