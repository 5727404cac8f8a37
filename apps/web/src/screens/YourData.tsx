import { useApolloClient, useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { graphql } from '../__generated__';
import { errorMessage } from '../apollo.ts';
import { appConfig } from '../config.ts';
import { session } from '../session.ts';

const DeleteMyAccount = graphql(`
  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
    deleteMyAccount(input: $input) { customerId erasedAt }
  }
`);

/** Where the gateway serves the personal data export: `/personal-data` beside its GraphQL path. */
const exportUrl = () => new URL('/personal-data', appConfig().gatewayUrl).toString();

/**
 * The customer's data rights: download everything every domain keeps about them (the gateway's
 * `/personal-data`, one JSON document), and erase the account, with the password asked again.
 */
export function YourData() {
  const client = useApolloClient();
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [erase, { loading: erasing, error: eraseError }] = useMutation(DeleteMyAccount);

  const download = async () => {
    const current = session.get();
    if (!current) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      const response = await fetch(exportUrl(), { headers: { authorization: `Bearer ${current.token}` } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
        throw new Error(body?.errors?.[0]?.message ?? `The export could not be made (HTTP ${response.status}). Try again in a moment.`);
      }
      const file = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = file;
      link.download = `personal-data-${current.account.id}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(file), 10_000);
    } catch (error) {
      setDownloadError(
        error instanceof TypeError
          ? 'The service cannot be reached just now. Check your connection and try again.'
          : (error as Error).message,
      );
    } finally {
      setDownloading(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await erase({ variables: { input: { password } } }).catch(() => ({ data: undefined }));
    if (!data) return;
    // The account is gone and every session with it: forget everything the page held.
    session.set(null, 'Your account has been erased. Everything that identified you is gone; you can register again with the same email.');
    await client.clearStore();
  };

  return (
    <section className="card your-data" data-testid="your-data">
      <h2>Your data</h2>
      <p>
        <button type="button" onClick={download} disabled={downloading}>
          {downloading ? 'Preparing your data…' : 'Download my data'}
        </button>{' '}
        <span className="hint">Everything every part of the service keeps about you, as one JSON file.</span>
      </p>
      {downloadError && (
        <p className="error" role="alert">
          {downloadError}
        </p>
      )}
      {!confirming ? (
        <p>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete my account…
          </button>
        </p>
      ) : (
        <form onSubmit={submit} aria-label="Delete my account">
          <p>
            This erases your profile, addresses and sessions at once, and every part of the service erases what it holds about you moments
            later. Amounts and dates of past orders and payments are kept for the store's accounts, without anything that identifies you. It
            cannot be undone.
          </p>
          <label>
            Your password, to confirm
            <input
              name="confirm-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {eraseError && (
            <p className="error" role="alert">
              {errorMessage(eraseError)}
            </p>
          )}
          <p>
            <button type="submit" className="danger" disabled={erasing}>
              {erasing ? 'Erasing…' : 'Erase my account for good'}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep my account
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
