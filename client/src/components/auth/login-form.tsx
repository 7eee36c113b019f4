import { LoginRequestSchema, type LoginRequest } from '@eco-track/shared-schema';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { errorMessage, NetworkError } from '../../services/api-errors.ts';
import { login } from '../../services/auth-service.ts';
import type { StoredSession } from '../../services/session-store.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Input } from '../common/input.tsx';
import styles from './auth-form.module.css';

export interface LoginFormProps {
  defaultUsername?: string;
  onLoggedIn: (session: StoredSession) => void;
}

/** Log in with a username or an email (the seed's Auth/Login). */
export function LoginForm({ defaultUsername = '', onLoggedIn }: LoginFormProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof LoginRequestSchema>, unknown, LoginRequest>({
    resolver: zodResolver(LoginRequestSchema),
    defaultValues: { username: defaultUsername, password: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      onLoggedIn(await login(values.username, values.password));
    } catch (err) {
      setFailure(
        err instanceof NetworkError
          ? 'You are offline. Logging in needs a connection; your data on this device stays safe.'
          : errorMessage(err),
      );
    }
  });

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      {failure && <Alert severity="error">{failure}</Alert>}
      <Input
        label="Username or email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={errors.username?.message && `Username or email ${errors.username.message}`}
        {...register('username')}
      />
      <Input
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message && `Password ${errors.password.message}`}
        {...register('password')}
      />
      <Button type="submit" loading={isSubmitting}>
        Log in
      </Button>
    </form>
  );
}
