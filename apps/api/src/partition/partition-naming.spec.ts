import { monthOfRange, parsePartitionName, parseRangeBound, partitionName } from './partition-naming';

describe('partition naming', () => {
  it('names a month partition with zero-padded month', () => {
    expect(partitionName('database_size_stats', '2027-01')).toBe('database_size_stats_2027_01');
  });

  it('parses only whitelisted tables and real months', () => {
    expect(parsePartitionName('instance_size_stats_2026_12')).toEqual({ table: 'instance_size_stats', month: '2026-12' });
    expect(parsePartitionName('users_2026_12')).toBeNull();
    expect(parsePartitionName('instance_size_stats_2026_13')).toBeNull();
    expect(parsePartitionName('instance_size_stats_default')).toBeNull();
  });
});

describe('partition bounds', () => {
  it('reads the bounds PostgreSQL prints for a range partition and the default', () => {
    expect(parseRangeBound(`FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')`)).toEqual({ isDefault: false, from: '2026-12-01', to: '2027-01-01' });
    expect(parseRangeBound('DEFAULT')).toEqual({ isDefault: true });
    expect(parseRangeBound(`FOR VALUES FROM (MINVALUE) TO ('2027-01-01')`)).toBeNull();
  });

  it('recognises exactly one calendar month', () => {
    expect(monthOfRange('2026-12-01', '2027-01-01')).toBe('2026-12');
    expect(monthOfRange('2026-12-01', '2027-02-01')).toBeNull();
    expect(monthOfRange('2026-12-15', '2027-01-15')).toBeNull();
  });
});
