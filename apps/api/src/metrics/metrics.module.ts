import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { CapacityModule } from '../capacity/capacity.module';
import { ConfigModule } from '../config/config.module';
import { CollectionMetrics, METRICS_REGISTRY } from './collection-metrics';
import { MetricsAccessMiddleware } from './metrics-access.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/** GET /metrics (Prometheus) and the collection observations behind it. */
@Module({
  imports: [ConfigModule, CapacityModule],
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useFactory: () => new Registry() },
    { provide: CollectionMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new CollectionMetrics(registry) },
    MetricsRepository,
    MetricsService,
  ],
  exports: [CollectionMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsAccessMiddleware).forRoutes(MetricsController);
  }
}
