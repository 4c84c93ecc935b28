import { mapPostgresDatabases } from './postgresql.collector';

describe('mapPostgresDatabases', () => {
  it('maps sizes and skips a database without CONNECT with a warning naming it', () => {
    const { databases, warnings } = mapPostgresDatabases([
      { oid: 5, name: 'postgres', may_connect: true, size_bytes: '7631663' },
      { oid: 16384, name: 'payroll', may_connect: false, size_bytes: null },
    ]);
    expect(databases).toEqual([{ name: 'postgres', sizeBytes: 7631663, dataSizeBytes: 7631663, logSizeBytes: null, sizeSource: 'files' }]);
    expect(warnings).toEqual(['skipped database "payroll": the user has no CONNECT privilege on it']);
  });
});
