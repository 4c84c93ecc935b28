import type { FleetChangeItem, FleetRankingItem } from '@capacity/contracts';
import { bytesToMb, toNumberOrNull } from '../common/units';
import type { ChangeRow, RankingRow } from './fleet.repository';

/** A ranking row as the API answers it; `rank` is its place in the whole ranking. */
export function toRankingItem(row: RankingRow, rank: number, dateThen: string, dateNow: string): FleetRankingItem {
  return {
    rank,
    instance: { id: row.instance_id, name: row.instance_name, db_type: row.db_type },
    database_name: row.database_name,
    date_then: dateThen,
    date_now: dateNow,
    size_then_bytes: toNumberOrNull(row.size_then),
    size_then_mb: bytesToMb(row.size_then),
    size_now_bytes: Number(row.size_now),
    size_now_mb: bytesToMb(row.size_now) as number,
    change_bytes: toNumberOrNull(row.change_bytes),
    change_mb: bytesToMb(row.change_bytes),
    change_percent: toNumberOrNull(row.change_percent),
  };
}

export function toChangeItem(row: ChangeRow, date: string, previousDate: string): FleetChangeItem {
  return {
    change: row.change,
    instance: { id: row.instance_id, name: row.instance_name, db_type: row.db_type },
    database_name: row.database_name,
    date,
    previous_date: previousDate,
    size_before_bytes: toNumberOrNull(row.size_before),
    size_before_mb: bytesToMb(row.size_before),
    size_after_bytes: toNumberOrNull(row.size_after),
    size_after_mb: bytesToMb(row.size_after),
    change_bytes: toNumberOrNull(row.change_bytes),
    change_mb: bytesToMb(row.change_bytes),
    change_percent: toNumberOrNull(row.change_percent),
  };
}
