import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../common/constants';

export class LoginDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64)
  username!: string;

  @ApiProperty({ writeOnly: true }) @IsString() @IsNotEmpty() @MaxLength(256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true }) @IsString() @IsNotEmpty() @MaxLength(256)
  current_password!: string;

  @ApiProperty({ writeOnly: true, minLength: 8 }) @IsString() @MinLength(8) @MaxLength(256)
  new_password!: string;
}

export class CreateUserDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_.-]{3,64}$' })
  @IsString() @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username!: string;

  @ApiProperty({ writeOnly: true, minLength: 8 }) @IsString() @MinLength(8) @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_.-]{3,64}$' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username?: string;

  @ApiPropertyOptional({ writeOnly: true, minLength: 8 }) @IsOptional() @IsString() @MinLength(8) @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;
}
