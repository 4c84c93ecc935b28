import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { InstancesModule } from '../instances/instances.module';
import { CollectorRegistry } from './collector-registry';
import { ConnectionTestService } from './connection-test.service';
import { MysqlCollector } from './engines/mysql.collector';
import { OracleCollector } from './engines/oracle.collector';
import { PostgresqlCollector } from './engines/postgresql.collector';
import { SqlServerCollector } from './engines/sqlserver.collector';
import { TestConnectionController } from './test-connection.controller';

/** One collector per engine behind one interface, and the connection test of an instance. */
@Module({
  imports: [ConfigModule, InstancesModule],
  controllers: [TestConnectionController],
  providers: [PostgresqlCollector, MysqlCollector, SqlServerCollector, OracleCollector, CollectorRegistry, ConnectionTestService],
  exports: [CollectorRegistry],
})
export class CollectorModule {}
