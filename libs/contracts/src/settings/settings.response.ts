import { ApiProperty } from '@nestjs/swagger';

/** GET /settings: the server's settings a client needs to show what the API answers the way the API means it. */
export class SettingsResponse {
  @ApiProperty({
    type: String,
    example: 'Asia/Shanghai',
    description: 'APP_TIMEZONE, the IANA time zone whose calendar files a reading under its day (`collected_date`) and defines "today"; show dates and date-times in it',
  })
  time_zone!: string;

  @ApiProperty({ type: 'string', format: 'date', description: 'Today on the calendar of `time_zone`, at the time of the answer' })
  today!: string;

  @ApiProperty({ type: 'string', format: 'date-time', description: 'The server time of the answer' })
  server_time!: string;
}
