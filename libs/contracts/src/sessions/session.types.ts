import type { RecordStatus, SessionCategory, SessionStatus, SessionType } from '../common/constants';

export interface SessionRecordResponse {
  id: number;
  instance_id: number | null;
  instance_name: string;
  status: RecordStatus;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  items_synced: number;
  error_message: string | null;
  details: Record<string, unknown> | null;
}

export interface SessionResponse {
  session_id: string;
  sync_type: SessionType;
  sync_category: SessionCategory;
  status: SessionStatus;
  started_at: string;
  completed_at: string | null;
  duration_ms: number | null;
  total_instances: number;
  successful_instances: number;
  failed_instances: number;
  created_by: number | null;
  summary: Record<string, unknown> | null;
  error_message: string | null;
}

export interface SessionDetailResponse extends SessionResponse {
  records: SessionRecordResponse[];
}

export interface RunAcceptedResponse {
  session_id: string;
  status: 'running';
}
