import { createPartitionSql } from './partition.repository';

describe('partition DDL', () => {
  it('builds the range DDL with an exclusive upper bound', () => {
    expect(createPartitionSql('database_size_stats', '2026-12')).toBe(
      `CREATE TABLE IF NOT EXISTS "database_size_stats_2026_12" PARTITION OF "database_size_stats" FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')`,
    );
  });
});
