import type { UserResponse } from '@capacity/contracts';
import { CreateUserDto, UpdateUserDto } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { hashPassword } from '../common/password-hasher';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { UsersRepository, type Identity, type User, type UserChanges, type UserStatements, type UserWithHash } from './users.repository';

/** 400 naming `field` when a new password is the username in any letter case. */
export function assertPasswordIsNotUsername(password: string, username: string, field: string): void {
  if (password.toLowerCase() === username.toLowerCase()) throw new InvalidInputError(`${field} must not be the username`, field);
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  findById(id: number): Promise<User | null> {
    return this.users.findById(id);
  }

  /** The fields a request's identity needs and the token's revocation, in one plain query (runs on every authenticated request). */
  findIdentity(id: number, jti: string): Promise<Identity | null> {
    return this.users.findIdentity(id, jti);
  }

  findByIdWithHash(id: number): Promise<UserWithHash | null> {
    return this.users.findByIdWithHash(id);
  }

  findWithHash(username: string): Promise<UserWithHash | null> {
    return this.users.findByUsernameWithHash(username);
  }

  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  async create(dto: CreateUserDto): Promise<UserResponse> {
    assertPasswordIsNotUsername(dto.password, dto.username, 'password');
    await this.assertUsernameFree(this.users, dto.username);
    const user = await this.users.insert({ username: dto.username, role: dto.role, passwordHash: await hashPassword(dto.password) });
    return toUserResponse(user);
  }

  /** A new password or a demotion from admin invalidates the user's earlier tokens. */
  async update(id: number, dto: UpdateUserDto): Promise<UserResponse> {
    // Hashed before the row is locked: the hash may wait behind a login flood.
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.users.transaction(async (users) => {
      const user = await users.lockById(id);
      if (!user) throw new NotFoundError(`user ${id} not found`);
      if (dto.password) assertPasswordIsNotUsername(dto.password, dto.username ?? user.username, 'password');
      if (dto.username && dto.username.toLowerCase() !== user.username.toLowerCase()) await this.assertUsernameFree(users, dto.username);
      const demoted = dto.role === 'viewer' && user.role === 'admin';
      if (demoted) await this.assertAnotherAdmin(users, id);
      const changes: UserChanges = { bumpTokenVersion: Boolean(passwordHash) || demoted };
      if (dto.username && dto.username !== user.username) changes.username = dto.username;
      if (dto.role && dto.role !== user.role) changes.role = dto.role;
      if (passwordHash) changes.passwordHash = passwordHash;
      await users.update(id, changes);
      return toUserResponse((await users.findById(id)) as User);
    });
  }

  async remove(id: number): Promise<void> {
    await this.users.transaction(async (users) => {
      const user = await users.lockById(id);
      if (!user) throw new NotFoundError(`user ${id} not found`);
      if (user.role === 'admin') await this.assertAnotherAdmin(users, id);
      await users.delete(id);
    });
  }

  /** Sets the password and invalidates every earlier token of the user. */
  async setPassword(id: number, password: string): Promise<void> {
    await this.users.update(id, { passwordHash: await hashPassword(password), bumpTokenVersion: true });
  }

  private async assertUsernameFree(users: UserStatements, username: string): Promise<void> {
    if (await users.usernameTaken(username)) throw new ConflictError(`username "${username}" is already taken`, 'username');
  }

  private async assertAnotherAdmin(users: UserStatements, exceptId: number): Promise<void> {
    const admins = await users.lockAdminIds();
    if (!admins.some((adminId) => adminId !== exceptId)) throw new ConflictError('the last admin cannot be removed or demoted');
  }
}
