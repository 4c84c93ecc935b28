import { Injectable } from '@nestjs/common';

/**
 * The time of the alerts module: when an event fired, was notified, resolved, and whether its repeat interval has
 * passed. One provider, so a spec moves time forward on the real app (`vi.spyOn(app.get(AlertClock), 'now')`).
 */
@Injectable()
export class AlertClock {
  now(): Date {
    return new Date();
  }
}
