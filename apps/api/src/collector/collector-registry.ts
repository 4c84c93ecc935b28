import type { DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { DatabaseSizeCollector } from './collector.types';
import { MysqlCollector } from './engines/mysql.collector';
import { OracleCollector } from './engines/oracle.collector';
import { PostgresqlCollector } from './engines/postgresql.collector';
import { SqlServerCollector } from './engines/sqlserver.collector';

/** The collector of each engine. */
@Injectable()
export class CollectorRegistry {
  private readonly collectors: Record<DbType, DatabaseSizeCollector>;

  constructor(postgresql: PostgresqlCollector, mysql: MysqlCollector, sqlserver: SqlServerCollector, oracle: OracleCollector) {
    this.collectors = { postgresql, mysql, sqlserver, oracle };
  }

  forType(dbType: DbType): DatabaseSizeCollector {
    return this.collectors[dbType];
  }
}
