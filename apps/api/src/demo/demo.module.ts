import { Module } from '@nestjs/common';
import { DemoRepository } from './demo.repository';
import { DemoSeederService } from './demo-seeder.service';

/** Seeds demo data at start-up when DEMO=1 (and the repository has no instance yet). */
@Module({ providers: [DemoRepository, DemoSeederService] })
export class DemoModule {}
