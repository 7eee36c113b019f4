import { RegisterRequestSchema, type RegisterRequest } from '@eco-track/shared-schema';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { errorMessage, NetworkError } from '../../services/api-errors.ts';
import { register as registerAccount } from '../../services/auth-service.ts';
import type { StoredSession } from '../../services/session-store.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Input } from '../common/input.tsx';
import { Select } from '../common/select.tsx';
import styles from './auth-form.module.css';

const ACCOUNT_TYPES = [
  { value: 'individual', label: 'Individual' },
  { value: 'business', label: 'Business' },
];

/** Create an account, then sign in with it (the seed's Auth/Register). */
export function RegisterForm({ onRegistered }: { onRegistered: (s: StoredSession) => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    control,
    watch,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof RegisterRequestSchema>, unknown, RegisterRequest>({
    resolver: zodResolver(RegisterRequestSchema),
    defaultValues: {
      username: '',
      email: '',
      password: '',
      first_name: '',
      last_name: '',
      company_name: '',
      user_type: 'individual',
    },
  });
  const isBusiness = watch('user_type') === 'business';

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      onRegistered(await registerAccount(values));
    } catch (err) {
      setFailure(
        err instanceof NetworkError
          ? 'You are offline. Creating an account needs a connection.'
          : errorMessage(err),
      );
    }
  });

  const msg = (field: string, m: string | undefined) => (m ? `${field} ${m}` : undefined);

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      {failure && <Alert severity="error">{failure}</Alert>}
      <Input
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        hint="3 to 50 characters, no spaces or @"
        error={msg('Username', errors.username?.message)}
        {...register('username')}
      />
      <Input
        label="Email"
        type="email"
        autoComplete="email"
        error={msg('Email', errors.email?.message)}
        {...register('email')}
      />
      <Input
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters"
        error={msg('Password', errors.password?.message)}
        {...register('password')}
      />
      <div className={styles.pair}>
        <Input
          label="First name"
          autoComplete="given-name"
          error={msg('First name', errors.first_name?.message)}
          {...register('first_name')}
        />
        <Input
          label="Last name"
          autoComplete="family-name"
          error={msg('Last name', errors.last_name?.message)}
          {...register('last_name')}
        />
      </div>
      <Controller
        control={control}
        name="user_type"
        render={({ field }) => (
          <Select
            label="Account type"
            value={field.value ?? 'individual'}
            onValueChange={field.onChange}
            onBlur={field.onBlur}
            options={ACCOUNT_TYPES}
          />
        )}
      />
      {isBusiness && (
        <Input
          label="Company name"
          autoComplete="organization"
          error={msg('Company name', errors.company_name?.message)}
          {...register('company_name')}
        />
      )}
      <Button type="submit" loading={isSubmitting}>
        Create account
      </Button>
    </form>
  );
}
