import { mapMysqlSizes, mysqlFlavour, unreadableSchemasWarning, type MysqlSchemaAccess } from './mysql.collector';

const readable = (...names: string[]): MysqlSchemaAccess[] => names.map((name) => ({ name, readable: true }));

describe('mapMysqlSizes', () => {
  it('adds InnoDB file sizes and non-InnoDB table lengths per schema, empty schemas at 0', () => {
    const databases = mapMysqlSizes(
      readable('app', 'empty', "cap x 'ö数据"),
      [
        { schema_raw: 'app', schema_decoded: 'app', table_raw: 'orders', table_decoded: 'orders', file_size: '114688' },
        { schema_raw: 'app', schema_decoded: 'app', table_raw: 'items', table_decoded: 'items', file_size: '98304' },
        { schema_raw: 'cap@0020x@0020@0027@1i@6570@636e', schema_decoded: "cap x 'ö数据", table_raw: 't@0020@1i', table_decoded: 't ö', file_size: '65536' },
      ],
      [
        { schema_name: 'app', table_name: 'orders', engine: 'InnoDB', bytes: '16384' },
        { schema_name: 'app', table_name: 'items', engine: 'InnoDB', bytes: '16384' },
        { schema_name: 'app', table_name: 'log', engine: 'MyISAM', bytes: '2048' },
        { schema_name: "cap x 'ö数据", table_name: 't ö', engine: 'InnoDB', bytes: '16384' },
        { schema_name: "cap x 'ö数据", table_name: 'm', engine: 'Aria', bytes: '8192' },
      ],
      'files',
    );
    expect(databases).toEqual([
      { name: 'app', sizeBytes: 114688 + 98304 + 2048, dataSizeBytes: 114688 + 98304 + 2048, logSizeBytes: null, sizeSource: 'files' },
      { name: 'empty', sizeBytes: 0, dataSizeBytes: 0, logSizeBytes: null, sizeSource: 'files' },
      { name: "cap x 'ö数据", sizeBytes: 65536 + 8192, dataSizeBytes: 65536 + 8192, logSizeBytes: null, sizeSource: 'files' },
    ]);
  });

  it('falls back to data + index length for InnoDB tables without their own file (system tablespace)', () => {
    const [db] = mapMysqlSizes(readable('legacy'), [], [{ schema_name: 'legacy', table_name: 't', engine: 'InnoDB', bytes: '49152' }], 'files');
    expect(db.sizeBytes).toBe(49152);
  });

  it('adds every partition file of a partitioned table once and not its table length', () => {
    const [db] = mapMysqlSizes(
      readable('p'),
      [
        { schema_raw: 'p', schema_decoded: 'p', table_raw: 'events', table_decoded: 'events', file_size: '131072' },
        { schema_raw: 'p', schema_decoded: 'p', table_raw: 'events', table_decoded: 'events', file_size: '131072' },
      ],
      [{ schema_name: 'p', table_name: 'events', engine: 'InnoDB', bytes: '32768' }],
      'files',
    );
    expect(db.sizeBytes).toBe(262144);
  });

  it('ignores tablespaces of schemas not listed (system schemas)', () => {
    const databases = mapMysqlSizes(readable('app'), [{ schema_raw: 'mysql', schema_decoded: 'mysql', table_raw: 'x', table_decoded: 'x', file_size: '999' }], [], 'files');
    expect(databases).toEqual([{ name: 'app', sizeBytes: 0, dataSizeBytes: 0, logSizeBytes: null, sizeSource: 'files' }]);
  });

  it('gives a schema whose tables the user cannot see no size (null), not 0, even with its tablespace files listed', () => {
    const databases = mapMysqlSizes(
      [{ name: 'seen', readable: true }, { name: 'hidden', readable: false }],
      [{ schema_raw: 'hidden', schema_decoded: 'hidden', table_raw: 't', table_decoded: 't', file_size: '65536' }],
      [{ schema_name: 'seen', table_name: 'm', engine: 'MyISAM', bytes: '1024' }],
      'files',
    );
    expect(databases).toEqual([
      { name: 'seen', sizeBytes: 1024, dataSizeBytes: 1024, logSizeBytes: null, sizeSource: 'files' },
      { name: 'hidden', sizeBytes: null, dataSizeBytes: null, logSizeBytes: null, sizeSource: null },
    ]);
  });

  it('flags InnoDB figures read from information_schema.TABLES (no tablespaces) as statistics', () => {
    const [db] = mapMysqlSizes(readable('app'), [], [{ schema_name: 'app', table_name: 't', engine: 'InnoDB', bytes: '32768' }], 'statistics');
    expect(db).toEqual({ name: 'app', sizeBytes: 32768, dataSizeBytes: 32768, logSizeBytes: null, sizeSource: 'statistics' });
  });
});

describe('unreadableSchemasWarning', () => {
  it('says nothing when every schema is readable', () => {
    expect(unreadableSchemasWarning(readable('a', 'b'))).toBeNull();
  });

  it('names the hidden schemas and the privilege that is missing, listing at most ten', () => {
    const hidden = Array.from({ length: 12 }, (_, i) => ({ name: `s${i}`, readable: false }));
    const warning = unreadableSchemasWarning([...readable('ok'), ...hidden]);
    expect(warning).toContain('size of 12 schema(s) unknown (stored as null, not 0): s0, s1');
    expect(warning).toContain('s9, … (2 more)');
    expect(warning).not.toContain('ok,');
    expect(warning).toContain('grant SELECT');
  });
});

describe('mysqlFlavour', () => {
  it('reads MariaDB as INNODB_SYS_TABLESPACES without a stats cache', () => {
    expect(mysqlFlavour('MariaDB 10.11.19-MariaDB-0+deb12u1')).toEqual({ tablespaceView: 'INNODB_SYS_TABLESPACES', statsCache: false });
  });

  it('reads MySQL 8 as INNODB_TABLESPACES with information_schema_stats_expiry', () => {
    expect(mysqlFlavour('MySQL 8.4.3')).toEqual({ tablespaceView: 'INNODB_TABLESPACES', statsCache: true });
  });

  it('reads MySQL 5.7 as INNODB_SYS_TABLESPACES', () => {
    expect(mysqlFlavour('MySQL 5.7.44-log')).toEqual({ tablespaceView: 'INNODB_SYS_TABLESPACES', statsCache: false });
  });

  it('probes when the version is unreadable', () => {
    expect(mysqlFlavour('MySQL unknown')).toEqual({ tablespaceView: null, statsCache: true });
  });
});
