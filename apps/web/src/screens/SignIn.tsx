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

export function SignIn() {
  const stores = useQuery(Stores);
  const [storeSlug, setStoreSlug] = useState('napoli');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(SignInMutation, { context: { anonymous: true } });
  const notice = session.notice();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await login({ variables: { input: { storeSlug, email: email.trim(), password } } }).catch(() => ({ data: undefined }));
    if (!data) return;
    const { token, expiresAt, refreshToken, customer } = data.login;
    session.set({
      token,
      expiresAt,
      refreshToken,
      account: { id: customer.id, firstName: customer.firstName, role: customer.role, storeSlug: customer.store.slug },
    });
  };

  return (
    <form className="card sign-in" onSubmit={submit} aria-label="Sign in">
      <h1>Sign in</h1>
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
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
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
        {loading ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="hint">
        Demo logins (<code>npm start</code> prints them): <code>ada@napoli.example</code>, <code>staff@napoli.example</code>, password{' '}
        <code>supergraph-demo</code>.
      </p>
    </form>
  );
}
