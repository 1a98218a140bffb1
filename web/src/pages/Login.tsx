import { useState } from 'react';
import { loginResponseSchema } from '../../../src/contracts/auth.ts';
import { messageOf, request, setCsrfToken } from '../api.ts';
import { Button, ErrorNote, Field } from '../components/ui.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="login">
      <form
        className="card login-card"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          request(loginResponseSchema, 'POST', '/api/auth/login', { email, password })
            .then(async (session) => {
              setCsrfToken(session.csrfToken);
              await refresh();
              navigate('/learners', { replace: true });
            })
            .catch((e: unknown) => setError(messageOf(e)))
            .finally(() => setBusy(false));
        }}
      >
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span>Rollcall</span>
        </div>
        <h1>Sign in</h1>
        <Field
          label="Work email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorNote error={error} />
        <Button type="submit" variant="primary" busy={busy}>
          Sign in
        </Button>
      </form>
    </div>
  );
}
