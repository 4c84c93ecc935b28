export { ChangePasswordButton } from './components/change-password-dialog';
export { RequireAdmin, RequireAuth } from './components/guards';
export { LoginPage } from './components/login-page';
export { AuthProvider, useAuth } from './hooks/auth-provider';
export { NEW_PASSWORD_PARAMS, newPasswordProblem } from './utils/new-password';
