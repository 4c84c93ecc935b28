import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, bodyOf } from '../../../lib/api-client';
import type { CreateUserBody, UpdateUserBody, UserResponse, UsersList } from '../../../lib/api-types';
import { userKeys } from '../../../lib/query-keys';

export async function fetchUsers(): Promise<UsersList> {
  return bodyOf(await apiClient.GET('/api/v1/users'));
}

/** Every user, by id (admin only: a viewer's call answers 403). */
export const usersQuery = () => queryOptions({ queryKey: userKeys.list(), queryFn: fetchUsers });

export function useUsers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...usersQuery(), enabled });
}

function useInvalidateUsers() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: userKeys.all });
}

async function createUser(body: CreateUserBody): Promise<UserResponse> {
  return bodyOf(await apiClient.POST('/api/v1/users', { body }));
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: createUser, onSuccess: invalidate });
}

async function updateUser({ id, body }: { id: number; body: UpdateUserBody }): Promise<UserResponse> {
  return bodyOf(await apiClient.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
}

/** Role change or password reset: either one ends the user's earlier sessions (the API bumps its token version). */
export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: updateUser, onSuccess: invalidate });
}

async function deleteUser(id: number): Promise<void> {
  await apiClient.DELETE('/api/v1/users/{id}', { params: { path: { id } } });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: deleteUser, onSuccess: invalidate });
}
