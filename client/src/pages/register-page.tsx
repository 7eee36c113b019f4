import { Link, useNavigate } from 'react-router';
import { RegisterForm } from '../components/auth/register-form.tsx';
import { Card } from '../components/common/card.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import styles from './auth-page.module.css';

export function RegisterPage() {
  usePageTitle('Register');
  const navigate = useNavigate();
  return (
    <div className={styles.page}>
      <Card className={styles.card}>
        <h1>Create your account</h1>
        <RegisterForm onRegistered={() => void navigate('/dashboard', { replace: true })} />
        <p className={styles.switch}>
          Already registered? <Link to="/login">Log in</Link>
        </p>
      </Card>
    </div>
  );
}
