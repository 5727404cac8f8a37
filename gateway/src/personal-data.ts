import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode, isUuid, type Logger, logUnexpected } from '@supergraph/service-kit';
import { type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import type { GatewayContext } from './server.ts';

/** The type every domain's part of a personal data export has (each subgraph declares it, shareable). */
export const PERSONAL_DATA_PART = 'PersonalDataPart';

/** The fields of `Customer` that return a domain's part: one per domain, whoever added them. */
export function personalDataFields(schema: GraphQLSchema | undefined): string[] {
  const customer = schema?.getType('Customer');
  if (!customer || !isObjectType(customer)) return [];
  return Object.values(customer.getFields())
    .filter((field) => getNamedType(field.type).name === PERSONAL_DATA_PART)
    .map((field) => field.name);
}

type Single = {
  data?: { customer?: { part?: { domain: string; readAt: string; data: unknown } | null } | null } | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
};

const json = (res: ServerResponse, status: number, code: string, message: string): void => {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

const STATUS: Record<string, number> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadUserInput]: 400,
};

/**
 * `GET /personal-data` (the right of access): one JSON document with everything every domain
 * keeps about a customer, downloaded as a file. The caller's own data, or, for an admin of their
 * store, `?customerId=`. The parts are the `Customer` fields of type PersonalDataPart, so a new
 * domain's part is in it without a change here; each is read through this gateway as the caller
 * (every subgraph checks who may read, and an admin's read is audited), all at once, and written
 * as it arrives, so a large export streams instead of waiting for its slowest part. The account's
 * part is read first: who may read, and whether the customer exists, are answered with a proper
 * status before anything is sent. A part that fails later is listed under `errors` (with the
 * domain), not left out silently.
 */
export async function servePersonalData(
  req: IncomingMessage,
  res: ServerResponse,
  deps: {
    apollo: ApolloServer<GatewayContext>;
    schema: () => GraphQLSchema | undefined;
    context: (req: IncomingMessage) => Promise<GatewayContext>;
    formatError: (error: unknown) => { message: string; extensions?: { code?: string } };
    logger: Logger;
  },
): Promise<void> {
  if (req.method !== 'GET') return json(res, 405, ErrorCode.BadRequest, 'The personal data export is a GET.');
  let context: GatewayContext;
  try {
    context = await deps.context(req);
  } catch (error) {
    const formatted = deps.formatError(error);
    const code = formatted.extensions?.code ?? ErrorCode.Internal;
    return json(res, STATUS[code] ?? 500, code, formatted.message);
  }
  if (!context.viewer)
    return json(res, 401, ErrorCode.Unauthenticated, 'Sign in to download personal data: send Authorization: Bearer <token>.');
  const requested = new URL(req.url ?? '/', 'http://gateway').searchParams.get('customerId');
  const customerId = requested ?? context.viewer.accountId;
  if (!isUuid(customerId)) return json(res, 400, ErrorCode.BadUserInput, 'customerId must be a customer id (a UUID).');

  const fields = personalDataFields(deps.schema());
  if (fields.length === 0) return json(res, 503, ErrorCode.ServiceUnavailable, 'The supergraph is not loaded yet; try again in a moment.');
  const read = (field: string) =>
    deps.apollo
      .executeOperation<Single['data'] & object>(
        {
          query: `query PersonalDataExport($id: ID!) { customer(id: $id) { part: ${field} { domain readAt data } } }`,
          variables: { id: customerId },
        },
        { contextValue: { ...context, internalOperation: 'personal-data-export' } },
      )
      .then((response): Single => (response.body.kind === 'single' ? (response.body.singleResult as Single) : { errors: [] }));
  // Every part at once; the account's first, as the gate.
  const first = fields.includes('accountPersonalData') ? 'accountPersonalData' : fields[0]!;
  const pending = new Map(fields.map((field) => [field, read(field)]));
  const gate = await pending.get(first)!;
  const gateError = gate.errors?.[0];
  if (gateError) {
    const code = String(gateError.extensions?.code ?? ErrorCode.Internal);
    if (STATUS[code]) return json(res, STATUS[code]!, code, gateError.message);
  }
  if (!gate.data?.customer) return json(res, 404, ErrorCode.NotFound, `There is no customer with id "${customerId}".`);

  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="personal-data-${customerId}.json"`,
    'cache-control': 'no-store',
    'x-request-id': context.requestId,
  });
  let open = true;
  res.on('close', () => {
    open = false;
  });
  const write = (text: string) => open && res.write(text);
  write(
    `{"format":"supergraph-personal-data","version":1,"customerId":${JSON.stringify(customerId)},"exportedAt":${JSON.stringify(new Date().toISOString())},"parts":{`,
  );
  const errors: { domainField: string; message: string; code: string }[] = [];
  let written = 0;
  const take = (field: string, result: Single) => {
    const part = result.data?.customer?.part;
    for (const error of result.errors ?? [])
      errors.push({ domainField: field, message: error.message, code: String(error.extensions?.code ?? ErrorCode.Internal) });
    if (!part) return;
    write(
      `${written++ === 0 ? '' : ','}${JSON.stringify(part.domain)}:${JSON.stringify({ readAt: part.readAt, ...(part.data as object) })}`,
    );
  };
  take(first, gate);
  pending.delete(first);
  // As each part arrives.
  await Promise.all(
    [...pending].map(([field, result]) =>
      result.then(
        (r) => take(field, r),
        (error) => {
          logUnexpected(deps.logger, error, { reqId: context.requestId });
          errors.push({ domainField: field, message: 'This part could not be read.', code: ErrorCode.Internal });
        },
      ),
    ),
  );
  write(`},"errors":${JSON.stringify(errors)}}`);
  res.end();
}
