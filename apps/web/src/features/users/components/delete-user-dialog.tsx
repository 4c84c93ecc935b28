import { ConfirmActions } from '../../../components/confirm-actions';
import { Modal } from '../../../components/modal';
import { ErrorState } from '../../../components/states';
import { useI18n } from '../../../i18n';
import type { UserResponse } from '../../../lib/api-types';
import { useDeleteUser } from '../api/users';

export function DeleteUserDialog({ user, onClose }: { user: UserResponse; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteUser();
  return (
    <Modal
      title={t('users.deleteTitle')}
      onClose={onClose}
      testId="delete-user-dialog"
      footer={
        <ConfirmActions
          onClose={onClose}
          confirm={{
            danger: true,
            testId: 'delete-user-confirm',
            disabled: remove.isPending,
            onConfirm: () => remove.mutate(user.id, { onSuccess: onClose }),
          }}
        />
      }
    >
      <p>{t('users.deleteConfirm', { name: user.username })}</p>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </Modal>
  );
}
