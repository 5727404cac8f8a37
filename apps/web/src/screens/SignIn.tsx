import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { graphql } from '../__generated__';
import { errorMessage } from '../apollo.ts';
import { session } from '../session.ts';

const Stores = graphql(`
  query Stores {
    stores { id slug name }
  }
`);

const SignInMutation = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      refreshToken
      customer { id firstName role store { slug } }
    }
  }
`);

const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      token
      expiresAt
      refreshToken
      customer { id firstName role store { slug } }
    }
  }
`);

/** Signing in, or creating a customer account at a store (which signs in too). */
export function SignIn() {
  const stores = useQuery(Stores);
  const [storeSlug, setStoreSlug] = useState('napoli');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [registering, setRegistering] = useState(false);
  const [login, signingIn] = useMutation(SignInMutation, { context: { anonymous: true } });
  const [register, creating] = useMutation(RegisterMutation, { context: { anonymous: true } });
  const { loading, error } = registering ? creating : signingIn;
  const notice = session.notice();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = registering
      ? (
          await register({
            variables: { input: { storeSlug, email: email.trim(), password, firstName: firstName.trim(), lastName: lastName.trim() } },
          }).catch(() => ({ data: undefined }))
        ).data?.register
      : (await login({ variables: { input: { storeSlug, email: email.trim(), password } } }).catch(() => ({ data: undefined }))).data
          ?.login;
    if (!payload) return;
    const { token, expiresAt, refreshToken, customer } = payload;
    session.set({
      token,
      expiresAt,
      refreshToken,
      account: { id: customer.id, firstName: customer.firstName, role: customer.role, storeSlug: customer.store.slug },
    });
  };

  return (
    <form className="card sign-in" onSubmit={submit} aria-label={registering ? 'Create an account' : 'Sign in'}>
      <h1>{registering ? 'Create an account' : 'Sign in'}</h1>
      {notice && <p className="notice">{notice}</p>}
      <label>
        Store
        <select value={storeSlug} onChange={(e) => setStoreSlug(e.target.value)} disabled={!stores.data}>
          {stores.data?.stores.map((s) => (
            <option key={s.id} value={s.slug}>
              {s.name}
            </option>
          )) ?? <option value="napoli">Loading stores…</option>}
        </select>
      </label>
      {stores.error && <p className="error">{errorMessage(stores.error)}</p>}
      {registering && (
        <>
          <label>
            First name
            <input name="first-name" autoComplete="given-name" required value={firstName} onChange={(e) => setFirstName(e.target.value)} />
          </label>
          <label>
            Last name
            <input name="last-name" autoComplete="family-name" required value={lastName} onChange={(e) => setLastName(e.target.value)} />
          </label>
        </>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {registering ? 'Password (at least 12 characters)' : 'Password'}
        <input
          name="password"
          type="password"
          autoComplete={registering ? 'new-password' : 'current-password'}
          minLength={registering ? 12 : undefined}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <button type="submit" disabled={loading}>
        {registering ? (loading ? 'Creating your account…' : 'Create account') : loading ? 'Signing in…' : 'Sign in'}
      </button>
      <button type="button" className="secondary" onClick={() => setRegistering(!registering)}>
        {registering ? 'I have an account: sign in' : 'New here? Create an account'}
      </button>
      <p className="hint">
        Demo logins (<code>npm start</code> prints them): <code>ada@napoli.example</code>, <code>staff@napoli.example</code>, password{' '}
        <code>supergraph-demo</code>.
      </p>
    </form>
  );
}
