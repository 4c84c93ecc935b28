import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { BCRYPT_MAX_BYTES, MaxUtf8Bytes } from './max-utf8-bytes';

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const USERNAME_MESSAGE = 'username must be 3-64 letters, digits, _ . or -';
const NEW_PASSWORD_DOC = { writeOnly: true, minLength: 8, description: `at most ${BCRYPT_MAX_BYTES} bytes in UTF-8; not the username` };

/** Login takes any password that could have been stored before the byte rule (up to 256 characters). */
export class LoginDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64)
  username!: string;

  @ApiProperty({ writeOnly: true }) @IsString() @IsNotEmpty() @MaxLength(256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true }) @IsString() @IsNotEmpty() @MaxLength(256)
  current_password!: string;

  @ApiProperty(NEW_PASSWORD_DOC) @IsString() @MinLength(8) @MaxUtf8Bytes(BCRYPT_MAX_BYTES)
  new_password!: string;
}

export class CreateUserDto {
  @ApiProperty({ pattern: USERNAME.source })
  @IsNotNull() @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty(NEW_PASSWORD_DOC) @IsNotNull() @IsString() @MinLength(8) @MaxUtf8Bytes(BCRYPT_MAX_BYTES)
  password!: string;

  @ApiProperty({ enum: ROLES }) @IsNotNull() @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}

/** Every field may be left out; none may be null. */
export class UpdateUserDto {
  @ApiPropertyOptional({ pattern: USERNAME.source })
  @IsOptionalNonNull() @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username?: string;

  @ApiPropertyOptional(NEW_PASSWORD_DOC) @IsOptionalNonNull() @IsString() @MinLength(8) @MaxUtf8Bytes(BCRYPT_MAX_BYTES)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptionalNonNull() @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;
}
