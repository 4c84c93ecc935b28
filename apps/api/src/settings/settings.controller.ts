import { SettingsResponse } from '@capacity/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-responses';
import { ZonedClock } from '../config/zoned-clock';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly clock: ZonedClock) {}

  @Get()
  @ApiOperation({
    summary: 'Server settings for clients',
    description:
      'The time zone of the calendar (APP_TIMEZONE) that files readings under their day, and today on it. ' +
      'A client shows dates and date-times in this zone, so a reading is shown under the same day everywhere. Any logged-in user.',
  })
  @ApiOkResponse({ type: SettingsResponse })
  // 503: the guard reads the token's user from the repository.
  @ApiErrorResponses(401, 503)
  get(): SettingsResponse {
    const now = new Date();
    return { time_zone: this.clock.timeZone, today: this.clock.today(now), server_time: now.toISOString() };
  }
}
