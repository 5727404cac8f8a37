import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { graphql } from '../__generated__';
import { errorMessage } from '../apollo.ts';

const AddAddress = graphql(`
  mutation AddAddress($input: AddAddressInput!) {
    addAddress(input: $input) {
      id
      addresses { id line1 line2 city postalCode country isDefault }
    }
  }
`);

/** A first delivery address, for an account that has none (a new one): the answer updates the cached account. */
export function AddressForm() {
  const [fields, setFields] = useState({ line1: '', city: '', postalCode: '', country: '' });
  const [addAddress, { loading, error }] = useMutation(AddAddress);
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await addAddress({
      variables: {
        input: {
          label: 'Home',
          line1: fields.line1.trim(),
          city: fields.city.trim(),
          postalCode: fields.postalCode.trim(),
          country: fields.country.trim().toUpperCase(),
        },
      },
    }).catch(() => undefined);
  };

  return (
    <form className="address" onSubmit={submit} aria-label="Delivery address">
      <p>Where should orders go? Add a delivery address to order.</p>
      <label>
        Street and number
        <input name="line1" autoComplete="address-line1" required value={fields.line1} onChange={set('line1')} />
      </label>
      <label>
        City
        <input name="city" autoComplete="address-level2" required value={fields.city} onChange={set('city')} />
      </label>
      <label>
        Postal code
        <input name="postal-code" autoComplete="postal-code" required value={fields.postalCode} onChange={set('postalCode')} />
      </label>
      <label>
        Country (two letters, for example IT)
        <input
          name="country"
          autoComplete="country"
          required
          minLength={2}
          maxLength={2}
          value={fields.country}
          onChange={set('country')}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <button type="submit" disabled={loading}>
        {loading ? 'Saving…' : 'Save address'}
      </button>
    </form>
  );
}
