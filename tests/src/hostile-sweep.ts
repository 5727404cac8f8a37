/**
 * The machinery of the hostile-input sweep (`hostile-input.test.ts`): it walks the API schema the
 * gateway serves, lists every argument position (each argument, each nested input field, each
 * list item), builds requests that put one hostile value at one position, and judges the answers.
 * Nothing here knows a field of this schema by name; baseline values are handed in by the test.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

// ---------------------------------------------------------------------------------------------
// Positions: where a hostile value can go.
// ---------------------------------------------------------------------------------------------

/** One step from a root to the swept field: a field without required arguments where possible. */
export interface Step {
  parentType: string;
  field: GraphQLField<unknown, unknown>;
}

/** A field that takes arguments, and how to reach it from Query, Mutation or Subscription. */
export interface SweptField {
  operation: 'query' | 'mutation' | 'subscription';
  /** The fields from the root down to (not including) the swept field. */
  via: Step[];
  parentType: string;
  field: GraphQLField<unknown, unknown>;
  /** `Customer.orders` */
  coordinate: string;
  /** `me.orders`, as a client would write the path. */
  label: string;
}

/** One place inside one argument: the argument itself, a nested input field, or a list item. */
export interface Position {
  field: SweptField;
  arg: GraphQLArgument;
  /** Where inside the argument's value: input-field names and list indexes (always 0). */
  inner: (string | number)[];
  type: GraphQLInputType;
  /** The schema coordinate the baseline table is keyed by: `Query.customers(after)`, `PlaceOrderInput.items`, `OrderItemInput.quantity`. */
  key: string;
  /** `me.orders(after)`, `placeOrder(input).items[0].quantity` */
  label: string;
}

const requiredArgs = (field: GraphQLField<unknown, unknown>) =>
  field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/**
 * Every field with arguments on Query, Mutation and Subscription, and on every object type reachable from Query.
 * Each nested type is reached by its shortest path; fields without required arguments are tried
 * first, and only types they cannot reach are reached through fields whose required arguments
 * take baseline values.
 */
export function sweptFields(schema: GraphQLSchema): SweptField[] {
  const roots: [SweptField['operation'], GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  const result: SweptField[] = [];
  for (const [operation, root] of roots) {
    if (!root) continue;
    const paths = operation === 'query' ? shortestPaths(root) : new Map([[root.name, [] as Step[]]]);
    for (const [typeName, via] of paths) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.args.length === 0 || field.name.startsWith('__')) continue;
        result.push({
          operation,
          via,
          parentType: type.name,
          field,
          coordinate: `${type.name}.${field.name}`,
          label: [...via.map((s) => s.field.name), field.name].join('.'),
        });
      }
    }
  }
  return result;
}

/** Shortest path from the root to every object type, through fields without required arguments first. */
function shortestPaths(root: GraphQLObjectType): Map<string, Step[]> {
  const types = new Map<string, GraphQLObjectType>([[root.name, root]]);
  const paths = new Map<string, Step[]>([[root.name, []]]);
  const walk = (allowRequired: boolean) => {
    const queue = [...paths.keys()];
    while (queue.length > 0) {
      const parent = types.get(queue.shift()!)!;
      for (const field of Object.values(parent.getFields())) {
        const child = getNamedType(field.type);
        if (field.name.startsWith('__') || !isObjectType(child) || paths.has(child.name)) continue;
        if (!allowRequired && requiredArgs(field).length > 0) continue;
        types.set(child.name, child);
        paths.set(child.name, [...paths.get(parent.name)!, { parentType: parent.name, field }]);
        queue.push(child.name);
      }
    }
  };
  walk(false);
  walk(true);
  return paths;
}

/** Every position inside every argument of the given fields (recursive input types are followed once). */
export function positionsOf(fields: SweptField[]): Position[] {
  const result: Position[] = [];
  for (const field of fields) {
    for (const arg of field.field.args) {
      const visit = (type: GraphQLInputType, inner: (string | number)[], key: string, label: string, seen: Set<string>) => {
        result.push({ field, arg, inner, type, key, label });
        const nullable = isNonNullType(type) ? type.ofType : type;
        if (isListType(nullable)) {
          visit(nullable.ofType as GraphQLInputType, [...inner, 0], `${key}[]`, `${label}[0]`, seen);
        } else if (isInputObjectType(nullable) && !seen.has(nullable.name)) {
          for (const child of Object.values(nullable.getFields())) {
            visit(
              child.type,
              [...inner, child.name],
              `${nullable.name}.${child.name}`,
              `${label}.${child.name}`,
              new Set([...seen, nullable.name]),
            );
          }
        }
      };
      visit(arg.type, [], `${field.coordinate}(${arg.name})`, `${field.label}(${arg.name})`, new Set());
    }
  }
  return result;
}

/**
 * An independent count of what the composed supergraph declares, read from its SDL text rather
 * than from the served schema: every argument of an object type's field and every input field,
 * federation's own types (join__, link__) left out. The sweep must cover at least this many
 * distinct coordinates, so it cannot silently shrink.
 */
export function declaredCoordinates(supergraphSdl: string): Set<string> {
  const coordinates = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    if (/^(join|link)__/.test(typeName)) continue;
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) coordinates.add(`${typeName}.${field.name.value}`);
    } else {
      for (const field of definition.fields ?? [])
        for (const arg of field.arguments ?? []) coordinates.add(`${typeName}.${field.name.value}(${arg.name.value})`);
    }
  }
  return coordinates;
}

/** The coordinates a list of positions covers, in the same notation as `declaredCoordinates`. */
export function coveredCoordinates(positions: Position[]): Set<string> {
  return new Set(positions.map((p) => p.key.replace(/(\[\])+$/, '')));
}

// ---------------------------------------------------------------------------------------------
// Values: baselines and hostile ones.
// ---------------------------------------------------------------------------------------------

/** Baseline values by coordinate, with fallbacks by type: undefined when it has none (then objects and lists are built). */
export type BaselineTable = (key: string, type: GraphQLInputType) => (() => unknown) | undefined;

/**
 * Fills a value of `type` with baselines: required input fields only, lists with one item.
 * `except` names a field (or the list item) the caller replaces anyway, so it is not built: some
 * baselines cost a write (a fresh order, a fresh session).
 */
export async function baselineValue(
  type: GraphQLInputType,
  key: string,
  table: BaselineTable,
  seen = new Set<string>(),
  except?: string | number,
): Promise<unknown> {
  const fromTable = table(key, type);
  if (fromTable) return fromTable();
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return except === 0 ? [] : [await baselineValue(nullable.ofType as GraphQLInputType, `${key}[]`, table, seen)];
  if (isInputObjectType(nullable)) {
    if (seen.has(nullable.name)) return null;
    const value: Record<string, unknown> = {};
    for (const child of Object.values(nullable.getFields())) {
      if (!isNonNullType(child.type) || child.defaultValue !== undefined || child.name === except) continue;
      value[child.name] = await baselineValue(child.type, `${nullable.name}.${child.name}`, table, new Set([...seen, nullable.name]));
    }
    return value;
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  throw new Error(`no baseline for ${key} (${String(type)}): add one to the baseline table`);
}

/**
 * A value of `type` that is its baseline everywhere except at `inner`, which holds `hostile`.
 * Objects and lists on the way that the baseline leaves out (optional ones) are filled with theirs.
 */
export async function withHostileAt(
  type: GraphQLInputType,
  key: string,
  inner: (string | number)[],
  hostile: unknown,
  table: BaselineTable,
): Promise<unknown> {
  if (inner.length === 0) return hostile;
  const nullable = isNonNullType(type) ? type.ofType : type;
  const [head, ...rest] = inner;
  if (typeof head === 'number' && isListType(nullable)) {
    const itemType = nullable.ofType as GraphQLInputType;
    const list = [...((await baselineValue(type, key, table, new Set(), head)) as unknown[])];
    list[head] = await withHostileAt(itemType, `${key}[]`, rest, hostile, table);
    return list;
  }
  if (typeof head === 'string' && isInputObjectType(nullable)) {
    const object = { ...((await baselineValue(type, key, table, new Set(), head)) as Record<string, unknown>) };
    object[head] = await withHostileAt(nullable.getFields()[head]!.type, `${nullable.name}.${head}`, rest, hostile, table);
    return object;
  }
  throw new Error(`${key}: no ${String(head)} inside ${String(type)}`);
}

export interface Hostile {
  label: string;
  value: unknown;
  /** Sent to every role, not only to the one that gets past the door first (see the test). */
  representative?: boolean;
  /**
   * Also sent as an inline literal: text that needs escapes and numbers, whose literals take
   * another path (the parser, literal coercion, the subgraph query text) than variables do.
   */
  literal?: boolean;
}

const b64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
const SOME_UUID = '5b0c7a8e-2f4d-4c1a-9e3b-7d6f8a9b0c1d';
const SOME_DATE = '2026-01-01T00:00:00.000Z';
// Built once: every text position gets the same strings (a fresh 1 MB string per position adds up).
const TEN_THOUSAND = 'a'.repeat(10_000);
const ONE_MILLION = 'b'.repeat(1_000_000);
const TEN_THOUSAND_DIGITS = '9'.repeat(10_000);
const LONG_CURSOR = b64([SOME_DATE, 'c'.repeat(10_000)]);

/** Other stores' real ids, and wrong-kind ids of the caller's own store, to send where ids go. */
export type ForeignIds = { label: string; id: string; representative?: boolean }[];

/** What to send in a text position (String, ID, DateTime and any custom scalar). */
export function textValues(): Hostile[] {
  return [
    { label: 'NUL', value: '\u0000', representative: true, literal: true },
    { label: 'NUL inside text', value: 'a\u0000b', literal: true },
    { label: 'control U+0001', value: '\u0001', literal: true },
    { label: 'control U+001F', value: '\u001f', literal: true },
    { label: 'control U+007F', value: '\u007f', literal: true },
    { label: 'control U+0085', value: 'x\u0085y', literal: true },
    { label: 'right-to-left override', value: 'x\u202ey' },
    { label: 'unpaired high surrogate', value: '\ud800', representative: true, literal: true },
    { label: 'unpaired low surrogate after text', value: 'x\udfff', literal: true },
    { label: 'empty string', value: '', literal: true },
    { label: 'whitespace only', value: ' \t\n ', literal: true },
    { label: '10,000 characters', value: TEN_THOUSAND, representative: true, literal: true },
    { label: '1,000,000 characters', value: ONE_MILLION },
    { label: "SQL ' OR '1'='1", value: "' OR '1'='1", literal: true },
    { label: 'SQL LIKE %', value: '%' },
    { label: 'SQL LIKE _', value: '_' },
    { label: 'backslash', value: '\\', literal: true },
    // Cursors: base64url JSON that decodes, with a value that is wrong; and ones that do not decode.
    { label: 'cursor holding SQL', value: b64([SOME_DATE, "x' OR '1'='1"]), representative: true, literal: true },
    { label: 'cursor holding year 0', value: b64(['0000-01-01T00:00:00.000Z', SOME_UUID]), representative: true, literal: true },
    { label: 'cursor holding year 275760', value: b64(['+275760-09-13T00:00:00.000Z', SOME_UUID]) },
    { label: 'cursor holding year -271821', value: b64(['-271821-04-20T00:00:00.000Z', SOME_UUID]) },
    { label: 'cursor holding a NUL id', value: b64([SOME_DATE, '\u0000']) },
    { label: 'cursor holding a 10,000-character id', value: LONG_CURSOR },
    { label: 'cursor of shape {}', value: b64({}) },
    { label: 'cursor of shape [1,2]', value: b64([1, 2]) },
    { label: 'cursor of shape [date]', value: b64([SOME_DATE]) },
    { label: 'malformed cursor !!!', value: '!!!' },
    { label: 'malformed cursor (random base64)', value: 'q83vASNFZ4mrze8BI0VniavN7wEjRWeJ' },
    // Dates: impossible, extreme, and not dates at all.
    { label: 'date garbage', value: 'garbage', representative: true, literal: true },
    { label: 'date 2026-13-45T99:00:00Z', value: '2026-13-45T99:00:00Z' },
    { label: 'date 2026-02-30', value: '2026-02-30T00:00:00Z' },
    { label: 'date year 0', value: '0000-01-01T00:00:00.000Z', representative: true, literal: true },
    { label: 'date -271821 (earliest JS date)', value: '-271821-04-20T00:00:00.000Z' },
    { label: 'date +275760 (latest JS date)', value: '+275760-09-13T00:00:00.000Z' },
    { label: 'date 9999-12-31', value: '9999-12-31T23:59:59.999Z' },
    // Not a string at all.
    { label: 'number 0 for text', value: 0 },
    { label: 'number 2^53+2 for text', value: 2 ** 53 + 2 },
    { label: 'boolean for text', value: true },
    { label: 'list for text', value: ['a'] },
    { label: 'object for text', value: { a: 1 } },
    { label: 'null', value: null, representative: true },
  ];
}

/** The entity an ID position names: `x(id)` the type x returns, `fooId` a Foo. */
export function entityOf(schema: GraphQLSchema, key: string): string | undefined {
  const arg = /^(\w+)\.(\w+)\((\w+)\)$/.exec(key);
  const name = arg ? arg[3]! : key.split('.').pop()!;
  if (name === 'id' && arg) {
    const owner = schema.getType(arg[1]!);
    const field = isObjectType(owner) ? owner.getFields()[arg[2]!] : undefined;
    return field ? getNamedType(field.type).name : undefined;
  }
  const match = /^(\w+)Id$/.exec(name);
  return match ? match[1]![0]!.toUpperCase() + match[1]!.slice(1) : undefined;
}

/** What to send in an ID position, besides text: ids of the wrong shape, of nobody, of another store or of another kind. */
export function idValues(ids: ForeignIds): Hostile[] {
  return [
    { label: 'id abc', value: 'abc' },
    { label: 'id nil UUID', value: '00000000-0000-0000-0000-000000000000' },
    { label: 'id upper-case UUID', value: SOME_UUID.toUpperCase() },
    { label: 'id with a trailing NUL', value: `${SOME_UUID}\u0000`, literal: true },
    ...ids.map(({ label, id, representative }) => ({ label: `id of ${label}`, value: id, representative })),
  ];
}

/** What to send in an Int, Float or SafeInt position. */
export function numberValues(): Hostile[] {
  return [
    { label: '0', value: 0, literal: true },
    { label: '-1', value: -1, representative: true, literal: true },
    { label: '2^31-1', value: 2147483647, literal: true },
    { label: '2^31', value: 2147483648, representative: true, literal: true },
    { label: '-2^31', value: -2147483648, literal: true },
    { label: '-2^31-1', value: -2147483649, literal: true },
    { label: '2^53', value: 2 ** 53, literal: true },
    { label: '2^53+2', value: 2 ** 53 + 2, representative: true, literal: true },
    { label: '-2^53-2', value: -(2 ** 53) - 2, literal: true },
    { label: '1e300', value: 1e300, literal: true },
    { label: '1.5', value: 1.5, literal: true },
    { label: 'string "NaN"', value: 'NaN' },
    { label: 'string "1"', value: '1' },
    { label: 'string of 10,000 digits', value: TEN_THOUSAND_DIGITS },
    { label: 'null', value: null, representative: true },
  ];
}

export function booleanValues(): Hostile[] {
  return [
    { label: 'string "true"', value: 'true', representative: true },
    { label: 'number 1 for boolean', value: 1 },
    { label: 'empty string for boolean', value: '' },
    { label: 'null', value: null, representative: true },
  ];
}

export function enumValues(values: string[]): Hostile[] {
  return [
    { label: 'unknown enum value', value: 'NOPE', representative: true },
    { label: 'enum value in lower case', value: values[0]!.toLowerCase() },
    { label: 'empty string for enum', value: '' },
    { label: 'enum value with NUL', value: `${values[0]}\u0000`, literal: true },
    { label: 'number for enum', value: 1 },
    { label: '__proto__ for enum', value: '__proto__' },
    { label: 'null', value: null, representative: true },
  ];
}

/** What to send in a list position; `item` is a valid item (a baseline). */
export function listValues(item: unknown): Hostile[] {
  return [
    { label: 'empty list', value: [], representative: true },
    { label: 'list of one null', value: [null] },
    { label: 'list of 10,000 items', value: Array.from({ length: 10_000 }, () => item), representative: true },
    { label: 'list of 101 items', value: Array.from({ length: 101 }, () => item) },
    { label: 'the same item twice', value: [item, item] },
    { label: 'list inside a list', value: [[item]] },
    { label: 'a single item instead of a list', value: item },
    { label: 'null', value: null, representative: true },
  ];
}

/** What to send in an input-object position; `valid` is a valid object (a baseline). */
export function objectValues(valid: unknown): Hostile[] {
  const base = valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  return [
    { label: 'empty object', value: {}, representative: true },
    { label: 'unknown field', value: { ...base, unknownField: 1 } },
    // Mass assignment: fields the schema deliberately does not have.
    { label: 'extra role/storeId/priceCents fields', value: { ...base, role: 'ADMIN', storeId: SOME_UUID, priceCents: 0 } },
    // JSON.parse makes "__proto__" an own key, as a server parsing the request body would see it.
    {
      label: '__proto__ field',
      value: JSON.parse(JSON.stringify({ ...base, PROTO: { role: 'ADMIN' } }).replace('"PROTO"', '"__proto__"')) as unknown,
    },
    { label: 'string for object', value: 'x' },
    { label: 'list for object', value: [base] },
    { label: 'null', value: null, representative: true },
  ];
}

/** The hostile values for a position of this type; `valid` is its baseline (lists and objects are built around it). */
export function hostileValuesFor(type: GraphQLInputType, valid: unknown, ids: ForeignIds): Hostile[] {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return listValues(Array.isArray(valid) ? valid[0] : valid);
  if (isInputObjectType(nullable)) return objectValues(valid);
  if (isEnumType(nullable)) return enumValues(nullable.getValues().map((v) => v.name));
  switch ((nullable as GraphQLNamedType).name) {
    case 'Int':
    case 'Float':
    case 'SafeInt':
      return numberValues();
    case 'Boolean':
      return booleanValues();
    case 'ID':
      return [...textValues(), ...idValues(ids)];
    default:
      // String, DateTime, and any custom scalar added later: all arrive as text.
      return textValues();
  }
}

// ---------------------------------------------------------------------------------------------
// Requests.
// ---------------------------------------------------------------------------------------------

/**
 * A selection for a field's type: its leaf fields; a type without leaf fields (a connection, say)
 * gets its object fields' selections instead. Small, so each case costs little, yet every
 * resolver the swept field needs runs (a connection's edges and cursors are read from the rows).
 */
export function selectionFor(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth === 0) return '{ __typename }';
  const usable = Object.values(named.getFields()).filter((f) => requiredArgs(f).length === 0);
  const leaves = usable.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const parts = leaves.length > 0 ? leaves : usable.map((f) => `${f.name} ${selectionFor(f.type, depth - 1)}`);
  return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A GraphQL string literal: quotes, backslashes, control characters and lone surrogates escaped. */
function stringLiteral(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const ch = value[i]!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff && !isPairAt(value, i)))
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdbff) {
      out += value.slice(i, i + 2);
      i += 1;
    } else out += ch;
  }
  return `${out}"`;
}
const isPairAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
  return false;
};

/**
 * A JSON value printed as a GraphQL literal of `type` (enum values as names), or undefined when it
 * cannot be written as one (a non-finite number, a key that is not a name).
 */
export function printLiteral(value: unknown, type: GraphQLInputType | undefined): string | undefined {
  const nullable = type && isNonNullType(type) ? type.ofType : type;
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? (Number.isInteger(value) ? BigInt(value).toString() : String(value)) : undefined;
  if (typeof value === 'string') return nullable && isEnumType(nullable) && NAME.test(value) ? value : stringLiteral(value);
  if (Array.isArray(value)) {
    const itemType = nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : nullable;
    const items = value.map((item) => printLiteral(item, itemType));
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
    const entries: string[] = [];
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const printed = printLiteral(child, fields[key]?.type);
      if (!NAME.test(key) || printed === undefined) return undefined;
      entries.push(`${key}: ${printed}`);
    }
    return `{${entries.join(', ')}}`;
  }
  return undefined;
}

export type Mode = 'variable' | 'literal';

export interface Request {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * The operation for one case: the swept field reached through its path, its arguments either all
 * as variables (the hostile value inside the JSON) or all inline as literals. Arguments of the
 * steps on the way are inline baselines. Undefined when the value cannot be written as a literal.
 */
export function buildRequest(
  field: SweptField,
  args: Map<string, unknown>,
  viaArgs: Map<Step, Map<string, unknown>>,
  mode: Mode,
): Request | undefined {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const argText = (defs: readonly GraphQLArgument[], values: Map<string, unknown>, asVariables: boolean) => {
    const parts: string[] = [];
    for (const def of defs) {
      if (!values.has(def.name)) continue;
      const value = values.get(def.name);
      if (asVariables) {
        const name = `${def.name}_${definitions.length}`;
        definitions.push(`$${name}: ${String(def.type)}`);
        variables[name] = value;
        parts.push(`${def.name}: $${name}`);
      } else {
        const printed = printLiteral(value, def.type);
        if (printed === undefined) return undefined;
        parts.push(`${def.name}: ${printed}`);
      }
    }
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  };
  let open = '';
  let close = '';
  for (const step of field.via) {
    const text = argText(step.field.args, viaArgs.get(step) ?? new Map(), false);
    if (text === undefined) return undefined;
    open += `${step.field.name}${text} { `;
    close = ` }${close}`;
  }
  const own = argText(field.field.args, args, mode === 'variable');
  if (own === undefined) return undefined;
  const head = definitions.length > 0 ? `${field.operation} Sweep(${definitions.join(', ')})` : `${field.operation} Sweep`;
  return { query: `${head} { ${open}${field.field.name}${own} ${selectionFor(field.field.type)}${close} }`, variables };
}

// ---------------------------------------------------------------------------------------------
// Answers.
// ---------------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorJson[] } | undefined;
  text: string;
  ms: number;
  /** Set when no HTTP answer came back at all. */
  failure?: string;
}

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface Problem {
  /** What is wrong, for example `undocumented code; leaks SQL, column names` or `refused, but wrote`. */
  kind: string;
  /** The error's `extensions.code` (or `-`). */
  code: string;
  /** A short excerpt of the error message. */
  message: string;
}

/** The codes docs/contract-and-errors.md documents for answers to a client's input. */
export const DOCUMENTED_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);
export const ALLOWED_STATUSES = new Set([200, 400, 401, 403, 413]);

/** Things no error may carry: SQL, driver details, column names, stacks, file paths. */
const LEAKS: [string, RegExp][] = [
  ['SQL', /\b(select|insert|update|delete)\b[\s\S]{0,300}?\b(from|into|set)\b/i],
  ['SQL parameters', /\$\d+\b/],
  [
    'driver text',
    /\b(failed query|syntax error at|violates|relation "|column "|invalid input syntax|out of range for type|PostgresError|PGlite)\b/i,
  ],
  ['column names', /\b(password_hash|[a-z]+_(id|at|hash|cents|number))\b/],
  ['a stack trace', /(^|\s{2,}|\\n\s*)at \S+ \(|\bat \S+:\d+:\d+/m],
  ['file paths', /\/work\/|\/home\/|node_modules|\.[cm]?[jt]s:\d+|file:\/\//],
];
/** How much error text one answer may carry; more is the hostile value (or a cost) echoed back. */
export const MAX_ERROR_CHARS = 5_000;

/** Everything wrong with one answer; empty when it is valid data or documented errors only. */
export function judge(answer: Answer, hostile: unknown): Problem[] {
  if (answer.failure) return [{ kind: 'no answer', code: '-', message: answer.failure }];
  const problems: Problem[] = [];
  const body = answer.body;
  if (!ALLOWED_STATUSES.has(answer.status))
    problems.push({ kind: `HTTP ${answer.status}`, code: body?.errors?.[0]?.extensions?.code ?? '-', message: excerpt(answer.text) });
  if (!body || typeof body !== 'object' || (!('data' in body) && !Array.isArray(body.errors))) {
    problems.push({ kind: 'not a GraphQL response', code: '-', message: excerpt(answer.text) });
    return problems;
  }
  // One problem per error, naming everything wrong with it, so that one error is one line of the report.
  for (const error of body.errors ?? []) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : '(no code)';
    const text = `${error.message}\n${JSON.stringify(error.extensions ?? {})}`;
    const leaks = LEAKS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
    const wrong = [
      ...(DOCUMENTED_CODES.has(code) ? [] : ['undocumented code']),
      ...(leaks.length > 0 ? [`leaks ${leaks.join(', ')}`] : []),
    ];
    if (wrong.length > 0) problems.push({ kind: wrong.join('; '), code, message: excerpt(error.message) });
  }
  const errorText = JSON.stringify(body.errors ?? []);
  const code = body.errors?.[0]?.extensions?.code ?? '-';
  if (errorText.length > MAX_ERROR_CHARS)
    problems.push({
      kind: `error text of ${errorText.length > 100_000 ? 'over 100,000' : errorText.length > 10_000 ? 'over 10,000' : `over ${MAX_ERROR_CHARS}`} characters`,
      code,
      message: excerpt(errorText),
    });
  else if (typeof hostile === 'string' && hostile.length >= 1000 && errorText.includes(hostile.slice(0, 1000)))
    problems.push({ kind: 'echoes the hostile value', code, message: excerpt(errorText) });
  return problems;
}

/** A short, readable excerpt: long runs of one character and ids collapsed, so equal failures group. */
export function excerpt(text: string, max = 160): string {
  const collapsed = text
    .replace(/(.)\1{15,}/g, (run, ch: string) => `${ch}…×${run.length}`)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\s+/g, ' ')
    // Control characters and lone surrogates (the hostile values, echoed) printed as escapes.
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: it shows control characters in the report, so it must find them.
      /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .trim();
  return collapsed.length > max ? `${collapsed.slice(0, max)}…` : collapsed;
}

export interface Failure {
  position: string;
  value: string;
  role: string;
  mode: Mode;
  problem: Problem;
}

/** Failures grouped by position and what went wrong, each group listing its values, roles and modes. */
export function groupFailures(failures: Failure[]): string {
  const groups = new Map<
    string,
    { position: string; problem: Problem; values: Set<string>; roles: Set<string>; modes: Set<string>; count: number }
  >();
  for (const failure of failures) {
    // The start of a message says what failed; its tail often holds the hostile value itself.
    const key = [failure.position, failure.problem.kind, failure.problem.code, failure.problem.message.slice(0, 60)].join('\u0000');
    const group = groups.get(key) ?? {
      position: failure.position,
      problem: failure.problem,
      values: new Set(),
      roles: new Set(),
      modes: new Set(),
      count: 0,
    };
    group.values.add(failure.value);
    group.roles.add(failure.role);
    group.modes.add(failure.mode);
    group.count += 1;
    groups.set(key, group);
  }
  const lines = [...groups.values()]
    .sort((a, b) => a.position.localeCompare(b.position) || a.problem.code.localeCompare(b.problem.code))
    .map((g) =>
      [
        `- ${g.position}: ${g.problem.code}, ${g.problem.kind} (${g.count} cases)`,
        `    values: ${[...g.values].join('; ')}`,
        `    roles: ${[...g.roles].join(', ')}; as: ${[...g.modes].join(', ')}`,
        `    message: ${g.problem.message}`,
      ].join('\n'),
    );
  return `${groups.size} distinct failures in ${failures.length} cases:\n${lines.join('\n')}`;
}
