import { currentMonthIn, todayIn, type CalendarDate, type YearMonth } from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config';

/** Today and the current month on the calendar of APP_TIMEZONE (DESIGN.md §10), for services that need only the zone. */
@Injectable()
export class ZonedClock {
  readonly timeZone: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'timeZone'>) {
    this.timeZone = config.timeZone;
  }

  today(now: Date = new Date()): CalendarDate {
    return todayIn(this.timeZone, now);
  }

  currentMonth(now: Date = new Date()): YearMonth {
    return currentMonthIn(this.timeZone, now);
  }
}
