import type { AppDeps } from './app.ts';
import type { LoginLimiter } from './login-limiter.ts';

/** What routes share: the app's dependencies and the per-app services built from them. */
export interface AppContext {
  deps: AppDeps;
  loginLimiter: LoginLimiter;
}
