export { RequireAdmin, RequireAuth } from './components/guards';
export { LoginPage } from './components/login-page';
export { AuthProvider, useAuth } from './hooks/auth-provider';
