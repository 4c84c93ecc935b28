import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { AUTH_LIMITS } from './auth-limits';
import { MaxUtf8Bytes } from './max-utf8-bytes';

const { username: USERNAME, password: PASSWORD, login: LOGIN } = AUTH_LIMITS;
const USERNAME_MESSAGE = `username must be ${USERNAME.minLength}-${USERNAME.maxLength} letters, digits, _ . or -`;
const ROLE_MESSAGE = `role must be one of: ${ROLES.join(', ')}`;
const USERNAME_DOC = { type: String, pattern: USERNAME.pattern.source, minLength: USERNAME.minLength, maxLength: USERNAME.maxLength };
const NEW_PASSWORD_DOC = {
  type: String,
  writeOnly: true,
  minLength: PASSWORD.minLength,
  description: `At most ${PASSWORD.maxBytes} bytes in UTF-8; not the username`,
};
const ROLE_DOC = { enum: ROLES, enumName: 'Role' };

/** Login takes any password that could have been stored before the byte rule (up to 256 characters). */
export class LoginDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: LOGIN.usernameMaxLength })
  @IsString() @IsNotEmpty() @MaxLength(LOGIN.usernameMaxLength)
  username!: string;

  @ApiProperty({ type: String, writeOnly: true, minLength: 1, maxLength: LOGIN.passwordMaxLength })
  @IsString() @IsNotEmpty() @MaxLength(LOGIN.passwordMaxLength)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ type: String, writeOnly: true, minLength: 1, maxLength: LOGIN.passwordMaxLength })
  @IsString() @IsNotEmpty() @MaxLength(LOGIN.passwordMaxLength)
  current_password!: string;

  @ApiProperty(NEW_PASSWORD_DOC) @IsString() @MinLength(PASSWORD.minLength) @MaxUtf8Bytes(PASSWORD.maxBytes)
  new_password!: string;
}

export class CreateUserDto {
  @ApiProperty(USERNAME_DOC)
  @IsNotNull() @IsString() @Matches(USERNAME.pattern, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty(NEW_PASSWORD_DOC) @IsNotNull() @IsString() @MinLength(PASSWORD.minLength) @MaxUtf8Bytes(PASSWORD.maxBytes)
  password!: string;

  @ApiProperty(ROLE_DOC) @IsNotNull() @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;
}

/** Every field may be left out; none may be null. */
export class UpdateUserDto {
  @ApiPropertyOptional(USERNAME_DOC)
  @IsOptionalNonNull() @IsString() @Matches(USERNAME.pattern, { message: USERNAME_MESSAGE })
  username?: string;

  @ApiPropertyOptional(NEW_PASSWORD_DOC) @IsOptionalNonNull() @IsString() @MinLength(PASSWORD.minLength) @MaxUtf8Bytes(PASSWORD.maxBytes)
  password?: string;

  @ApiPropertyOptional(ROLE_DOC) @IsOptionalNonNull() @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;
}
