import { ConfirmModal } from '../../../components/confirm-actions';
import { ErrorState } from '../../../components/states';
import { useI18n } from '../../../i18n';
import type { UserResponse } from '../../../lib/api-types';
import { useDeleteUser } from '../api/users';

export function DeleteUserDialog({ user, onClose }: { user: UserResponse; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteUser();
  return (
    <ConfirmModal
      title={t('users.deleteTitle')}
      onClose={onClose}
      testId="delete-user-dialog"
      confirm={{
        danger: true,
        testId: 'delete-user-confirm',
        disabled: remove.isPending,
        onConfirm: () => remove.mutate(user.id, { onSuccess: onClose }),
      }}
    >
      <p>{t('users.deleteConfirm', { name: user.username })}</p>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </ConfirmModal>
  );
}
