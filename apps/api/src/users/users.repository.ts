import type { Role } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A user as the API handles it; the password hash only where a check needs it (UserWithHash). */
export interface User {
  id: number;
  username: string;
  role: Role;
  /** Carried in every JWT; bumping it invalidates the user's earlier tokens. */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

/** Who a token belongs to, whether its version is current and whether it was logged out. */
export interface Identity {
  id: number;
  username: string;
  role: Role;
  tokenVersion: number;
  revoked: boolean;
}

/** Columns of a write; only the given ones change (and `updated_at` with them). */
export interface UserChanges {
  username?: string;
  role?: Role;
  passwordHash?: string;
  bumpTokenVersion?: boolean;
}

interface UserRow {
  id: number;
  username: string;
  role: Role;
  token_version: number;
  created_at: Date;
  updated_at: Date;
}

interface UserWithHashRow extends UserRow {
  password_hash: string;
}

const COLUMNS = 'id, username, role, token_version, created_at, updated_at';

type Queryable = Pick<EntityManager, 'query'>;

/** The statements over `users`, on the pool or inside a transaction (UsersRepository.transaction). */
export class UserStatements {
  constructor(protected readonly db: Queryable) {}

  async findById(id: number): Promise<User | null> {
    const [row]: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ? toUser(row) : null;
  }

  /** The row locked until the end of the transaction. */
  async lockById(id: number): Promise<User | null> {
    const [row]: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toUser(row) : null;
  }

  /** Ids of every admin, their rows locked: two concurrent demotions cannot both see another admin. */
  async lockAdminIds(): Promise<number[]> {
    const rows: { id: number }[] = await this.db.query(`SELECT id FROM users WHERE role = 'admin' FOR UPDATE`);
    return rows.map((row) => row.id);
  }

  /** Whether the username is taken in any letter case. */
  async usernameTaken(username: string): Promise<boolean> {
    const [{ taken }]: { taken: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1)) AS taken`,
      [username],
    );
    return taken;
  }

  async update(id: number, changes: UserChanges): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const set = (column: string, value: unknown): void => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (changes.username !== undefined) set('username', changes.username);
    if (changes.role !== undefined) set('role', changes.role);
    if (changes.passwordHash !== undefined) set('password_hash', changes.passwordHash);
    if (changes.bumpTokenVersion) sets.push('token_version = token_version + 1');
    if (sets.length === 0) return;
    await this.db.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
  }

  async delete(id: number): Promise<void> {
    await this.db.query(`DELETE FROM users WHERE id = $1`, [id]);
  }
}

/** The only SQL over `users`. */
@Injectable()
export class UsersRepository extends UserStatements {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super(dataSource);
  }

  /** Runs `work` in one transaction; its statements see and lock the same rows. */
  transaction<T>(work: (users: UserStatements) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new UserStatements(manager)));
  }

  async findByIdWithHash(id: number): Promise<UserWithHash | null> {
    const [row]: UserWithHashRow[] = await this.db.query(`SELECT ${COLUMNS}, password_hash FROM users WHERE id = $1`, [id]);
    return row ? toUserWithHash(row) : null;
  }

  async findByUsernameWithHash(username: string): Promise<UserWithHash | null> {
    const [row]: UserWithHashRow[] = await this.db.query(`SELECT ${COLUMNS}, password_hash FROM users WHERE lower(username) = lower($1)`, [username]);
    return row ? toUserWithHash(row) : null;
  }

  /** The fields a request's identity needs and the token's revocation, in one plain query (runs on every authenticated request). */
  async findIdentity(id: number, jti: string): Promise<Identity | null> {
    const rows: Identity[] = await this.db.query(
      `SELECT u.id, u.username, u.role, u.token_version AS "tokenVersion", EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked
       FROM users u WHERE u.id = $1`,
      [id, jti],
    );
    return rows[0] ?? null;
  }

  async list(): Promise<User[]> {
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM users ORDER BY id`);
    return rows.map(toUser);
  }

  async insert(user: { username: string; role: Role; passwordHash: string }): Promise<User> {
    const [row]: UserRow[] = await this.db.query(
      `INSERT INTO users (username, role, password_hash) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [user.username, user.role, user.passwordHash],
    );
    return toUser(row);
  }

  /** The first admin, only while the table is empty; null when a user exists or a concurrent start won the race. */
  async insertFirstAdmin(username: string, passwordHash: string): Promise<number | null> {
    const created: { id: number }[] = await this.db.query(
      `INSERT INTO users (username, password_hash, role)
       SELECT $1, $2, 'admin' WHERE NOT EXISTS (SELECT 1 FROM users)
       ON CONFLICT ((lower(username))) DO NOTHING
       RETURNING id`,
      [username, passwordHash],
    );
    return created[0]?.id ?? null;
  }

  async isEmpty(): Promise<boolean> {
    const [{ empty }]: { empty: boolean }[] = await this.db.query(`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
    return empty;
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    tokenVersion: row.token_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toUserWithHash(row: UserWithHashRow): UserWithHash {
  return { ...toUser(row), passwordHash: row.password_hash };
}
