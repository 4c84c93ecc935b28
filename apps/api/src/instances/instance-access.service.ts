import type { DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { CredentialCipher } from '../common/credential-cipher';
import { NotFoundError } from '../common/domain-errors';
import type { Instance } from './instance.entity';
import { InstancesRepository } from './instances.repository';

export interface InstanceCredentials {
  id: number;
  name: string;
  dbType: DbType;
  host: string;
  port: number;
  username: string;
  /** Decrypted; null when the instance has none. Never log it. */
  password: string | null;
  databaseName: string | null;
}

/**
 * Who may read which instance, for every module that serves instance data: an admin reads all,
 * a viewer only those it owns; an instance a user may not read does not exist for it (404).
 */
@Injectable()
export class InstanceAccessService {
  constructor(
    private readonly repository: InstancesRepository,
    private readonly cipher: CredentialCipher,
  ) {}

  async assertReadable(user: AuthUser, instanceId: number): Promise<void> {
    const instance = await this.repository.ownerOf(instanceId);
    if (!instance || !this.canRead(user, instance)) throw new NotFoundError(`instance ${instanceId} not found`);
  }

  canRead(user: AuthUser, instance: Pick<Instance, 'ownerId'>): boolean {
    return user.role === 'admin' || instance.ownerId === user.id;
  }

  /** The owner id a list must be restricted to; undefined = no restriction (admin). */
  ownerFilter(user: AuthUser): number | undefined {
    return user.role === 'admin' ? undefined : user.id;
  }

  /** Ids the user may read; null = every instance (admin), so callers can skip the filter. */
  async readableInstanceIds(user: AuthUser): Promise<number[] | null> {
    const ownerId = this.ownerFilter(user);
    return ownerId === undefined ? null : this.repository.idsOwnedBy(ownerId);
  }

  /** Connection details with the password decrypted, for the collectors. */
  async getCredentials(instanceId: number): Promise<InstanceCredentials> {
    const instance = await this.repository.findEntityWithSecret(instanceId);
    if (!instance) throw new NotFoundError(`instance ${instanceId} not found`);
    return {
      id: instance.id,
      name: instance.name,
      dbType: instance.dbType,
      host: instance.host,
      port: instance.port,
      username: instance.username,
      password: instance.passwordEncrypted ? this.cipher.decrypt(instance.passwordEncrypted) : null,
      databaseName: instance.databaseName,
    };
  }
}
