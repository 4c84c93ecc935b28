import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../common/constants';

/** A user as the API shows it (never its password hash). */
export class UserResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ type: 'string', format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updated_at!: string;
}

/** POST /auth/login */
export class LoginResponse {
  @ApiProperty({ type: String, description: 'The JWT to send as `Authorization: Bearer <token>`' }) access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Seconds until the token expires' }) expires_in!: number;
  @ApiProperty({ type: () => UserResponse }) user!: UserResponse;
}
