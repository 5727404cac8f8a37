/** Money is integer minor units plus a currency code: shown in the currency's own decimals. */
export function formatMoney(minor: number, currency: string | null | undefined): string {
  if (!currency) return String(minor);
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** An ISO-8601 UTC time, in the reader's own time zone. */
export const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An order status for a person: `OUT_FOR_DELIVERY` → "Out for delivery". */
export const formatStatus = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replaceAll('_', ' ');
