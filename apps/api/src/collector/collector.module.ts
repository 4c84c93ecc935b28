import { Module } from '@nestjs/common';
import { CollectorRegistry } from './collector-registry';
import { ConnectionTestService } from './connection-test.service';
import { MysqlCollector } from './engines/mysql.collector';
import { OracleCollector } from './engines/oracle.collector';
import { PostgresqlCollector } from './engines/postgresql.collector';
import { SqlServerCollector } from './engines/sqlserver.collector';
import { TestConnectionController } from './test-connection.controller';

/** One collector per engine behind one interface, and the connection test of an instance. */
@Module({
  controllers: [TestConnectionController],
  providers: [PostgresqlCollector, MysqlCollector, SqlServerCollector, OracleCollector, CollectorRegistry, ConnectionTestService],
  exports: [CollectorRegistry],
})
export class CollectorModule {}
