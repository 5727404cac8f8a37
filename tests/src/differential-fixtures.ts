/**
 * What the differential test sends as arguments: real ids, slugs and cursors read at the start
 * (the caller's own things, a neighbour's at the same store, another store's, and nobody's), and
 * a table from argument position to values. One table serves the corpus (whose variables it
 * fills by the position each variable is used at) and the generator (which picks among values).
 */
import { createHash } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { DEMO_PASSWORD } from '@supergraph/platform';
import type { TestPlatform } from './harness/index.ts';
import { baselineValue, entityOf, type BaselineTable } from './hostile-sweep.ts';
import type { ArgumentValues } from './operation-generator.ts';

export const ROLES = ['anonymous', 'customer', 'driver', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whose things the ids, slugs and cursors name: a napoli customer's, a neighbour's, another store's, nobody's. */
export const VARIANTS = ['ada', 'neighbour', 'burger-barn', 'nobody'] as const;
export type Variant = (typeof VARIANTS)[number];

interface Things {
  ids: Record<string, string>;
  storeSlug: string;
  /** Real cursors by argument position (`Customer.orders(after)`), each a page's end. */
  cursors: Record<string, string>;
}

export interface Fixtures {
  tokens: Record<Role, string | undefined>;
  emails: Record<Role, string>;
  things: Record<Variant, Things>;
  /** A refresh token of its own sign-in: the first refresh spends it, later ones are reuse. */
  refreshToken: string;
  /** An order of ada's waiting for payment: `payOrder` can succeed once, then replays. */
  pendingOrder: string;
}

const NOBODY = '00000000-0000-4000-8000-000000000000';

/** A customer's things as a caller who may see them reads them (their own token, or their store's admin's). */
async function thingsOf(platform: TestPlatform, token: string, customerId: string | undefined, storeSlug: string): Promise<Things> {
  const page = (connection: any) => ({ first: connection.edges[0]?.node.id as string | undefined, cursor: connection.pageInfo.endCursor });
  const selection =
    'id orders(first: 1) { edges { node { id } } pageInfo { endCursor } } payments(first: 1) { edges { node { id } } pageInfo { endCursor } }';
  const result: any = customerId
    ? await platform.gql(`query ($id: ID!) { customer(id: $id) { ${selection} } }`, { id: customerId }, token)
    : await platform.gql(`{ me { ${selection} } }`, {}, token);
  const customer = result.data?.customer ?? result.data?.me;
  if (!customer) throw new Error(`no fixtures: ${JSON.stringify(result.errors)}`);
  const stores: any = await platform.gql('query ($slug: String!) { store(slug: $slug) { id menu { id } } }', { slug: storeSlug });
  const listed: any = await platform.gql('{ customers(first: 2) { pageInfo { endCursor } } }', {}, token);
  const orders = page(customer.orders);
  const payments = page(customer.payments);
  if (!orders.first || !payments.first) throw new Error(`fixture customer ${customer.id} has no order or no payment`);
  return {
    ids: {
      Customer: customer.id,
      Order: orders.first,
      Payment: payments.first,
      Store: stores.data.store.id,
      MenuItem: stores.data.store.menu[0].id,
    },
    storeSlug,
    cursors: {
      'Customer.orders(after)': orders.cursor,
      'Customer.payments(after)': payments.cursor,
      ...(listed.data?.customers ? { 'Query.customers(after)': listed.data.customers.pageInfo.endCursor } : {}),
    },
  };
}

/** Signs every role of napoli in and reads the things each variant names. */
export async function collectFixtures(platform: TestPlatform): Promise<Fixtures> {
  const emails = { anonymous: 'ada@napoli.example' } as Record<Role, string>;
  const tokens = { anonymous: undefined } as Record<Role, string | undefined>;
  for (const role of ROLES.filter((r) => r !== 'anonymous')) {
    const login = platform.demoLogins.find((l) => l.storeSlug === 'napoli' && l.role === role.toUpperCase())!;
    emails[role] = login.email;
    tokens[role] = await platform.login(login.email);
  }
  const ada = await thingsOf(platform, tokens.customer!, undefined, 'napoli');
  // The neighbour: another napoli customer with an order and a payment, as napoli's admin sees them.
  const listed: any = await platform.gql(
    '{ customers(first: 50) { edges { node { id role payments(first: 1) { edges { node { id } } } } } } }',
    {},
    tokens.admin,
  );
  const neighbourId = listed.data.customers.edges
    .map((e: any) => e.node)
    .find((c: any) => c.id !== ada.ids.Customer && c.role === 'CUSTOMER' && c.payments.edges.length > 0).id;
  const neighbour = await thingsOf(platform, tokens.admin!, neighbourId, 'napoli');
  // Ada may not list customers; her variant pages the store's list as its staff does.
  ada.cursors['Query.customers(after)'] = neighbour.cursors['Query.customers(after)']!;
  const barnAdmin = await platform.login('admin@burgerbarn.example', 'burger-barn');
  const barnCustomer = await platform.login('ada@burgerbarn.example', 'burger-barn');
  const barn = { ...(await thingsOf(platform, barnCustomer, undefined, 'burger-barn')) };
  barn.cursors = { ...(await thingsOf(platform, barnAdmin, barn.ids.Customer, 'burger-barn')).cursors, ...barn.cursors };
  const nobody: Things = {
    ids: Object.fromEntries(Object.keys(ada.ids).map((entity) => [entity, NOBODY])),
    storeSlug: 'nowhere',
    cursors: Object.fromEntries(Object.keys(ada.cursors).map((key) => [key, 'bm90LWEtY3Vyc29y'])),
  };

  const session: any = await platform.gql('mutation ($input: LoginInput!) { login(input: $input) { refreshToken } }', {
    input: { storeSlug: 'napoli', email: emails.customer, password: DEMO_PASSWORD },
  });
  const pendingOrder = (await platform.placeOrder(tokens.customer!)).id;
  await platform.settle();
  return {
    tokens,
    emails,
    things: { ada, neighbour, 'burger-barn': barn, nobody },
    refreshToken: session.data.login.refreshToken,
    pendingOrder,
  };
}

/** A UUID that is the same for the same words: the same request always sends the same idempotency key. */
const uuidOf = (words: string) => {
  const hex = createHash('sha256').update(words).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The values an argument position takes, for one role and variant; `salt` names the request, so
 * that registrations and idempotency keys are its own and the same on every send. The first value
 * is what the corpus sends; the generator picks among all of them, so a few are wrong on purpose
 * (a `first` over 100, a declined card) and meet the same error through both gateways.
 */
export function argumentValues(schema: GraphQLSchema, fixtures: Fixtures, variant: Variant, role: Role, salt: string): ArgumentValues {
  const things = fixtures.things[variant];
  const byKey: Record<string, readonly unknown[]> = {
    'LoginInput.email': [fixtures.emails[role]],
    'LoginInput.password': [variant === 'ada' ? DEMO_PASSWORD : 'not the password'],
    'RegisterInput.email': [`differential-${uuidOf(salt).slice(0, 13)}@example.com`],
    'RegisterInput.password': ['correct horse battery staple'],
    'RefreshTokenInput.refreshToken': [variant === 'ada' ? fixtures.refreshToken : 'not-a-refresh-token'],
    'LogoutInput.refreshToken': [variant === 'ada' ? fixtures.refreshToken : 'not-a-refresh-token'],
    'PayOrderInput.orderId': [variant === 'ada' ? fixtures.pendingOrder : things.ids.Order],
    'PayOrderInput.paymentMethodToken': ['tok_visa', 'tok_chargeDeclined'],
    // Never a deactivation: later requests of the same role must still be let in.
    'Mutation.setCustomerStatus(isActive)': [true],
  };
  const byName: Record<string, readonly unknown[]> = {
    slug: [things.storeSlug],
    storeSlug: [things.storeSlug],
    idempotencyKey: [uuidOf(salt)],
    first: [2, 1, 3, 2, 101],
    limit: [3, 1, 0],
    search: ['a', 'LOVELACE', '%'],
    since: ['2020-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 'garbage'],
    until: ['2099-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
    country: ['IT'],
    postalCode: ['80100'],
    quantity: [1, 2],
    amountCents: [1],
    reason: ['differential test'],
  };
  return (key, type) => {
    if (byKey[key]) return byKey[key];
    const name = key.replace(/\)$/, '').split(/[.(]/).pop()!;
    if (name === 'after') return things.cursors[key] ? [things.cursors[key], 'garbage'] : ['garbage'];
    if (byName[name]) return byName[name];
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues().map((v) => v.value);
    if (!isScalarType(named)) return [];
    switch (named.name) {
      case 'ID': {
        const entity = entityOf(schema, key);
        return [(entity && things.ids[entity]) || NOBODY];
      }
      case 'Int':
      case 'SafeInt':
        return [1, 2];
      case 'Boolean':
        return [true, false];
      case 'DateTime':
        return ['2020-01-01T00:00:00.000Z'];
      default:
        return ['differential'];
    }
  };
}

/**
 * The position each variable of an operation is used at first (`Query.order(id)`,
 * `PlaceOrderInput.items`, `@skip(if)`), in the notation of the argument table.
 */
function variablePositions(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Map<string, string> {
  const positions = new Map<string, string>();
  const typeInfo = new TypeInfo(schema);
  const used = { ...document, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
  visit(
    used,
    visitWithTypeInfo(typeInfo, {
      Variable(node, _key, parent, _path, ancestors) {
        const name = node.name.value;
        if (positions.has(name)) return;
        // `ancestors` stops short of the parent.
        const trail = [...ancestors, parent] as readonly (ASTNode | readonly ASTNode[])[];
        const holder = [...trail].reverse().find((a): a is ASTNode => !Array.isArray(a) && (a as ASTNode).kind !== Kind.LIST);
        if (!holder || holder.kind === Kind.VARIABLE_DEFINITION) return;
        if (holder.kind === Kind.OBJECT_FIELD) {
          const parent = typeInfo.getParentInputType();
          const nullable = parent && isNonNullType(parent) ? parent.ofType : parent;
          if (nullable && isInputObjectType(nullable)) positions.set(name, `${nullable.name}.${holder.name.value}`);
        } else if (holder.kind === Kind.ARGUMENT) {
          const directive = typeInfo.getDirective();
          const field = typeInfo.getFieldDef();
          const parent = typeInfo.getParentType();
          if (directive) positions.set(name, `@${directive.name}(${holder.name.value})`);
          else if (field && parent) positions.set(name, `${parent.name}.${field.name}(${holder.name.value})`);
        }
      },
    }),
  );
  return positions;
}

/**
 * Variables for one operation: each filled from the table by the position it is used at (input
 * objects with their required fields), or left out when the table has nothing for it.
 */
export async function variablesFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  values: ArgumentValues,
): Promise<Record<string, unknown>> {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  )!;
  const positions = variablePositions(schema, document, operation);
  const table: BaselineTable = (key, type) => {
    const options = values(key, type);
    return options.length > 0 ? () => options[0] : undefined;
  };
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    const key = positions.get(name);
    if (!type || !key) continue;
    try {
      const value = await baselineValue(type, key, table);
      // A list variable used where one item goes (`[$x]`) would get a list of lists: one item is enough.
      variables[name] = isListType(isNonNullType(type) ? type.ofType : type) && !Array.isArray(value) ? [value] : value;
    } catch {
      // No value for this position: the variable is left out (an error, the same through both).
    }
  }
  return variables;
}
