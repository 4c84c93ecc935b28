import { ROLES, type Role } from '@capacity/contracts';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { ErrorState, QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { UserResponse } from '../../../lib/api-types';
import { useAuth } from '../../auth';
import { useUpdateUser, useUsers } from '../api/users';
import { CreateUserDialog } from './create-user-dialog';
import { DeleteUserDialog } from './delete-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';

type Dialog = { kind: 'create' } | { kind: 'reset' | 'delete'; user: UserResponse } | null;

/** Admin: the users, their roles and passwords. One's own account is changed with "Change password" instead. */
export function UsersPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { user: me } = useAuth();
  const query = useUsers();
  const roleChange = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('users.title')}</h1>
        <button type="button" className="btn btn-primary" data-testid="add-user" onClick={() => setDialog({ kind: 'create' })}>
          {t('users.add')}
        </button>
      </div>
      <p className="muted">
        {t('users.roleHint')} {t('users.roleHintEnds')}
      </p>
      {roleChange.isError ? <ErrorState error={roleChange.error} /> : null}
      <QueryView query={query} isEmpty={(users) => users.length === 0} empty={t('users.empty')}>
        {(users) => (
          <DataTable
            testId="users-table"
            columns={[{ label: t('users.username') }, { label: t('users.role') }, { label: t('users.created') }, { label: t('common.actions') }]}
          >
            {users.map((user) => {
              const isMe = user.id === me?.id;
              return (
                <tr key={user.id} data-testid={`user-row-${user.username}`}>
                  <td>
                    {user.username} {isMe ? <span className="badge">{t('users.you')}</span> : null}
                  </td>
                  <td>
                    <select
                      aria-label={t('users.roleOf', { name: user.username })}
                      data-testid={`user-role-${user.username}`}
                      value={user.role}
                      // Changing one's own role would end one's own session (a demotion revokes the tokens).
                      disabled={isMe || (roleChange.isPending && roleChange.variables.id === user.id)}
                      onChange={(e) => roleChange.mutate({ id: user.id, body: { role: e.target.value as Role } })}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{fmt.dateTime(user.created_at)}</td>
                  <td className="actions">
                    {isMe ? (
                      <span className="muted">{t('users.selfHint')}</span>
                    ) : (
                      <>
                        <button type="button" className="btn btn-small" data-testid={`user-reset-${user.username}`} onClick={() => setDialog({ kind: 'reset', user })}>
                          {t('users.resetPassword')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          data-testid={`user-delete-${user.username}`}
                          onClick={() => setDialog({ kind: 'delete', user })}
                        >
                          {t('common.delete')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryView>
      {dialog?.kind === 'create' ? <CreateUserDialog onClose={close} /> : null}
      {dialog?.kind === 'reset' ? <ResetPasswordDialog user={dialog.user} onClose={close} /> : null}
      {dialog?.kind === 'delete' ? <DeleteUserDialog user={dialog.user} onClose={close} /> : null}
    </section>
  );
}
