import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../components/auth/login-form.tsx';
import { Alert } from '../components/common/alert.tsx';
import { Card } from '../components/common/card.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useSession } from '../hooks/use-session.ts';
import styles from './auth-page.module.css';

export function LoginPage() {
  usePageTitle('Log in');
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const session = useSession();
  const reauth = params.get('reauth') === '1' || session?.needsLogin === true;
  const from = (location.state as { from?: string } | null)?.from ?? '/dashboard';

  return (
    <div className={styles.page}>
      <Card className={styles.card}>
        <h1>Log in</h1>
        {reauth && session && (
          <Alert severity="warning" title="Your session has ended.">
            Log in again to keep syncing. Everything on this device is still here.
          </Alert>
        )}
        <LoginForm
          defaultUsername={reauth ? (session?.username ?? '') : ''}
          onLoggedIn={() => void navigate(from, { replace: true })}
        />
        <p className={styles.switch}>
          New to Eco-Track? <Link to="/register">Create an account</Link>
        </p>
      </Card>
    </div>
  );
}
