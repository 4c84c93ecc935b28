export { usersQuery, useUsers } from './api/users';
