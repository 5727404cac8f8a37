import { useApolloClient, useMutation } from '@apollo/client/react';
import { graphql } from './__generated__';
import { CustomerHome } from './screens/CustomerHome.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { StaffBoard } from './screens/StaffBoard.tsx';
import { session, useSession } from './session.ts';

const SignOut = graphql(`
  mutation SignOut($refreshToken: String!) {
    logout(input: { refreshToken: $refreshToken })
  }
`);

export function App() {
  const current = useSession();
  const client = useApolloClient();
  const [logout] = useMutation(SignOut);
  if (!current) return <SignIn />;

  const signOut = async () => {
    // The refresh token is revoked at the gateway; the page forgets everything it held.
    await logout({ variables: { refreshToken: current.refreshToken } }).catch(() => undefined);
    session.set(null);
    await client.clearStore();
  };
  const { role } = current.account;
  return (
    <div className="app">
      <header>
        <strong>supergraph</strong>
        <span data-testid="signed-in-as">
          {current.account.firstName} · {role.toLowerCase()} · {current.account.storeSlug}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        {role === 'CUSTOMER' && <CustomerHome />}
        {(role === 'STAFF' || role === 'ADMIN') && <StaffBoard />}
        {role === 'DRIVER' && (
          <p className="notice">This app has screens for customers and store staff; drivers use the pickup board of their own app.</p>
        )}
      </main>
    </div>
  );
}
