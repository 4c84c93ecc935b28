import type { UserResponse } from '@capacity/contracts';
import { CreateUserDto, UpdateUserDto } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { User } from './user.entity';

/** Who a token belongs to, whether its version is current and whether it was logged out. */
export interface Identity {
  id: number;
  username: string;
  role: User['role'];
  tokenVersion: number;
  revoked: boolean;
}

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
  private readonly users: Repository<User>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(User);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The fields a request's identity needs and the token's revocation, in one plain query (runs on every authenticated request). */
  async findIdentity(id: number, jti: string): Promise<Identity | null> {
    const rows: Identity[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.token_version AS "tokenVersion", EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked
       FROM users u WHERE u.id = $1`,
      [id, jti],
    );
    return rows[0] ?? null;
  }

  findByIdWithHash(id: number): Promise<User | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  findWithHash(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  async list(): Promise<UserResponse[]> {
    return (await this.users.find({ order: { id: 'ASC' } })).map(toUserResponse);
  }

  async countAdmins(): Promise<number> {
    return this.users.countBy({ role: 'admin' });
  }

  async create(dto: CreateUserDto): Promise<UserResponse> {
    assertPasswordIsNotUsername(dto.password, dto.username, 'password');
    await this.assertUsernameFree(dto.username);
    const user = await this.users.save(
      this.users.create({ username: dto.username, role: dto.role, passwordHash: await hashPassword(dto.password) }),
    );
    return toUserResponse((await this.findById(user.id))!);
  }

  /** A new password or a demotion from admin invalidates the user's earlier tokens. */
  async update(id: number, dto: UpdateUserDto): Promise<UserResponse> {
    // Hashed before the row is locked: the hash may wait behind a login flood.
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      const user = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError(`user ${id} not found`);
      if (dto.password) assertPasswordIsNotUsername(dto.password, dto.username ?? user.username, 'password');
      if (dto.username && dto.username.toLowerCase() !== user.username.toLowerCase()) await this.assertUsernameFree(dto.username);
      const demoted = dto.role === 'viewer' && user.role === 'admin';
      if (demoted) await this.assertAnotherAdmin(manager.getRepository(User), id);
      if (dto.username) user.username = dto.username;
      if (dto.role) user.role = dto.role;
      if (passwordHash) user.passwordHash = passwordHash;
      if (passwordHash || demoted) user.tokenVersion += 1;
      await repository.save(user);
      return toUserResponse((await repository.findOneBy({ id }))!);
    });
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      const user = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError(`user ${id} not found`);
      if (user.role === 'admin') await this.assertAnotherAdmin(repository, id);
      await repository.delete({ id });
    });
  }

  /** Sets the password and invalidates every earlier token of the user. */
  async setPassword(id: number, password: string): Promise<void> {
    await this.users.update({ id }, { passwordHash: await hashPassword(password), tokenVersion: () => 'token_version + 1' });
  }

  private async assertUsernameFree(username: string): Promise<void> {
    const taken = await this.users.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getExists();
    if (taken) throw new ConflictError(`username "${username}" is already taken`, 'username');
  }

  private async assertAnotherAdmin(repository: Repository<User>, exceptId: number): Promise<void> {
    // Lock every admin row so two concurrent demotions cannot both pass this check.
    const admins = await repository.find({ where: { role: 'admin' }, lock: { mode: 'pessimistic_write' } });
    if (!admins.some((admin) => admin.id !== exceptId)) throw new ConflictError('the last admin cannot be removed or demoted');
  }
}
