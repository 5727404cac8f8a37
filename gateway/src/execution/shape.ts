import {
  type CompositeType,
  ERRORS,
  type FieldSelection,
  isCompositeType,
  isCustomScalarType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  type Operation,
  type OutputType,
  type Schema,
  type SelectionSet,
  Variable,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

/**
 * The last step of executing a plan: the data the fetches gathered (which holds keys, `@requires`
 * inputs and `__typename`s the client did not ask for, in the order the fetches answered) is cut
 * to the operation: its fields in its order under its response names, `@skip`/`@include` applied,
 * `__typename` given for every type (root types included), `@inaccessible` types and values
 * refused, and a null where the schema forbids one propagated to the nearest nullable parent.
 *
 * It gives the same answers as `@apollo/gateway`'s `computeResponse` (the differential test holds
 * both to it), but the operation is compiled once per plan into plain records and closures, so a
 * request does no schema lookups, directive parsing or subtype checks.
 */
/** Shapes one request's data; `errors` are the value-completion errors (see `executePlan`). */
export type CompiledShape = (
  input: Record<string, unknown> | null | undefined,
  variables: Record<string, unknown>,
  introspect: Introspect,
) => { data: Record<string, unknown> | null | undefined; errors: GraphQLError[] };

/** Answers one `__schema`/`__type` field (by graphql-js, over the API schema). */
export type Introspect = (field: FieldSelection) => unknown;

type Condition = { variable: string } | boolean;

interface TypeInfo {
  name: string;
  isObject: boolean;
  isComposite: boolean;
}

type Out =
  | { kind: 'nonNull'; of: Out; name: string }
  | { kind: 'list'; of: Out; name: string }
  | { kind: 'composite'; name: string }
  | { kind: 'leaf'; name: string; valid: (value: unknown) => boolean };

type Step =
  | { kind: 'field'; responseName: string; skip: Condition[]; include: Condition[]; type: Out; selection: Step[] | undefined }
  | { kind: 'typename'; responseName: string; skip: Condition[]; include: Condition[] }
  | { kind: 'introspection'; responseName: string; skip: Condition[]; include: Condition[]; field: FieldSelection }
  | {
      kind: 'fragment';
      skip: Condition[];
      include: Condition[];
      /** Null when the fragment has no type condition. */
      appliesTo: Set<string> | null;
      /** Whether it applies when the data carries no `__typename` (the static parent type decides). */
      appliesWithoutTypename: boolean;
      /** The parent type inside the fragment when it has a condition. */
      condition: string | null;
      selection: Step[];
      /**
       * A `@defer` fragment of an incremental answer: answered in a part of its own (labelled so),
       * so left out of the part around it, unless its `if` is false.
       */
      defer: { label: string; condition: Condition } | null;
    };

interface Run {
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspect: Introspect;
  types: Map<string, TypeInfo>;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const BUBBLE = 1;
const OK = 0;

/**
 * Output objects are plain objects: JSON.stringify takes V8's fast path for them (measured: a
 * tree of `Object.create(null)` objects serialises 1.7 times slower). The one response name that
 * would reach a prototype, `__proto__` (a client may choose it as an alias), is read and written
 * as an own property by `get` and `set`.
 */
const record = (): Record<string, unknown> => ({});
const get = (output: Record<string, unknown>, key: string): unknown => (key === '__proto__' ? own(output, key) : output[key]);
const set = (output: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === '__proto__') Object.defineProperty(output, key, { value, writable: true, enumerable: true, configurable: true });
  else output[key] = value;
};
const own = (value: Record<string, unknown>, key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);

/**
 * Shapes the data of one part of an incremental (`@defer`) response: the object at `path` that
 * the deferred fragment applies to, cut to the fragment's selection (value-completion errors
 * carry `path`).
 */
export type PartShape = (
  input: Record<string, unknown> | null | undefined,
  variables: Record<string, unknown>,
  introspect: Introspect,
  path: readonly (string | number)[],
) => { data: Record<string, unknown> | null | undefined; errors: GraphQLError[] };

/**
 * The shapes of an operation. Without `incremental`, one shape for the whole answer (`@defer` is
 * answered with the rest). With it, the first part's shape leaves out every deferred fragment
 * (whose `if` holds), and `parts` has the shape of each deferred fragment by its label (every
 * `@defer` has one: the planner's operation is labelled before it is planned), leaving out the
 * fragments deferred inside it in turn.
 */
export function compileShapes(operation: Operation, incremental = false): { whole: CompiledShape; parts: Map<string, PartShape> } {
  const schema = operation.schema();
  const types = new Map<string, TypeInfo>();
  for (const type of [...schema.builtInTypes(), ...schema.types()])
    types.set(type.name, { name: type.name, isObject: isObjectType(type), isComposite: isCompositeType(type) });
  const subtypeSets = new Map<string, Set<string>>();
  const subtypesOf = (condition: CompositeType): Set<string> => {
    let set = subtypeSets.get(condition.name);
    if (!set) {
      set = new Set();
      for (const type of schema.types()) if (isCompositeType(type) && isSubtype(condition, type)) set.add(type.name);
      subtypeSets.set(condition.name, set);
    }
    return set;
  };
  const rootType = schema.schemaDefinition.rootType(operation.rootKind)!;
  const deferred = incremental ? new Map<string, { step: Step; parentType: string }>() : undefined;
  const steps = compileSelection(schema, operation.selectionSet, rootType, subtypesOf, deferred);
  const defaults = operation.collectDefaultedVariableValues();

  const shapeOf = (stepsOf: Step[], parentType: string): PartShape => {
    return (input, variables, introspect, path) => {
      if (!input) return { data: input, errors: [] };
      const run: Run = { variables: { __proto__: null, ...defaults, ...variables }, errors: [], introspect, types };
      const data = record();
      const result = applySteps(run, stepsOf, input, data, [...path], parentType);
      return { data: result === BUBBLE ? null : data, errors: run.errors };
    };
  };
  const whole = shapeOf(steps, rootType.name);
  const parts = new Map<string, PartShape>();
  for (const [label, { step, parentType }] of deferred ?? []) {
    // The fragment itself, applied rather than left out: it is this part.
    parts.set(label, shapeOf([{ ...step, defer: null } as Step], parentType));
  }
  return { whole: (input, variables, introspect) => whole(input, variables, introspect, []), parts };
}

export function compileShape(operation: Operation): CompiledShape {
  return compileShapes(operation).whole;
}

/** A fragment's `@defer` (its label and `if`), or null. */
function deferOf(directives: readonly { name: string; arguments(): Record<string, unknown> }[]) {
  const directive = directives.find((d) => d.name === 'defer');
  if (!directive) return null;
  const { label, if: condition } = directive.arguments();
  if (typeof label !== 'string') throw new Error('An unlabelled @defer reached the executor.');
  const compiled: Condition =
    condition instanceof Variable ? { variable: condition.name } : condition === undefined ? true : Boolean(condition);
  return { label, condition: compiled };
}

function conditionsOf(element: { appliedDirectives: readonly { name: string; arguments(): Record<string, unknown> }[] }) {
  const skip: Condition[] = [];
  const include: Condition[] = [];
  for (const directive of element.appliedDirectives) {
    if (directive.name !== 'skip' && directive.name !== 'include') continue;
    const condition = directive.arguments().if;
    const compiled: Condition = condition instanceof Variable ? { variable: condition.name } : Boolean(condition);
    (directive.name === 'skip' ? skip : include).push(compiled);
  }
  return { skip, include };
}

function compileSelection(
  schema: Schema,
  selectionSet: SelectionSet,
  parentType: CompositeType,
  subtypesOf: (type: CompositeType) => Set<string>,
  deferred?: Map<string, { step: Step; parentType: string }>,
): Step[] {
  const steps: Step[] = [];
  for (const selection of selectionSet.selections()) {
    const { skip, include } = conditionsOf(selection.element);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      const responseName = field.responseName();
      if (field.definition.isSchemaIntrospectionField()) {
        steps.push({ kind: 'introspection', responseName, skip, include, field: selection });
      } else if (field.name === '__typename') {
        steps.push({ kind: 'typename', responseName, skip, include });
      } else {
        const type = field.definition.type!;
        const sub = selection.selectionSet;
        const base = baseType(type);
        steps.push({
          kind: 'field',
          responseName,
          skip,
          include,
          type: compileType(schema, type),
          selection: sub && isCompositeType(base) ? compileSelection(schema, sub, base, subtypesOf, deferred) : undefined,
        });
      }
    } else {
      const condition = selection.element.typeCondition;
      const inner = condition ?? parentType;
      const step: Step = {
        kind: 'fragment',
        skip,
        include,
        appliesTo: condition ? subtypesOf(condition) : null,
        appliesWithoutTypename: condition ? isSubtype(condition, parentType) : true,
        condition: condition?.name ?? null,
        selection: compileSelection(schema, selection.selectionSet, inner, subtypesOf, deferred),
        defer: deferred ? deferOf(selection.element.appliedDirectives) : null,
      };
      if (step.defer) deferred!.set(step.defer.label, { step, parentType: parentType.name });
      steps.push(step);
    }
  }
  return steps;
}

function baseType(type: OutputType): OutputType {
  let t: OutputType = type;
  while (isNonNullType(t) || isListType(t)) t = t.ofType as OutputType;
  return t;
}

function compileType(schema: Schema, type: OutputType): Out {
  if (isNonNullType(type)) return { kind: 'nonNull', of: compileType(schema, type.ofType), name: String(type.ofType) };
  if (isListType(type)) return { kind: 'list', of: compileType(schema, type.ofType as OutputType), name: String(type) };
  if (isCompositeType(type)) return { kind: 'composite', name: type.name };
  return { kind: 'leaf', name: type.name, valid: leafValidator(schema, type) };
}

/** What `isValidLeafValue` accepts, decided once per type. */
function leafValidator(schema: Schema, type: OutputType): (value: unknown) => boolean {
  if (isCustomScalarType(type)) return () => true;
  const integral = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && INTEGER.test(String(v));
  if (type === schema.booleanType()) return (v) => typeof v === 'boolean';
  if (type === schema.intType()) return integral;
  if (type === schema.idType()) return (v) => typeof v === 'string' || integral(v);
  if (type === schema.floatType()) return (v) => typeof v === 'number' && Number.isFinite(v);
  if (isEnumType(type)) {
    const values = new Set(type.values.map((v) => v.name));
    return (v) => typeof v === 'string' && values.has(v);
  }
  return (v) => typeof v === 'string';
}

function evaluate(run: Run, condition: Condition): boolean {
  if (typeof condition === 'boolean') return condition;
  const value = run.variables[condition.variable];
  if (typeof value !== 'boolean') throw new Error(`Unexpected value ${String(value)} for variable $${condition.variable}`);
  return value;
}

function skipped(run: Run, step: { skip: Condition[]; include: Condition[] }): boolean {
  // Like @apollo/gateway: only the first @skip and the first @include count.
  const skip = step.skip[0];
  const include = step.include[0];
  return (skip !== undefined && evaluate(run, skip)) || (include !== undefined && !evaluate(run, include));
}

function describe(path: (string | number)[], type: string, parentType: string): string {
  const element = path[path.length - 1];
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${type} at index ${element}`;
}

function applySteps(
  run: Run,
  steps: Step[],
  input: Record<string, unknown>,
  output: Record<string, unknown>,
  path: (string | number)[],
  parentType: string,
): number {
  for (const step of steps) {
    if ((step.skip.length > 0 || step.include.length > 0) && skipped(run, step)) continue;
    switch (step.kind) {
      case 'field': {
        const inputValue = own(input, step.responseName) ?? null;
        path.push(step.responseName);
        const outcome = update(run, get(output, step.responseName), step.type, inputValue, step.selection, path, parentType);
        set(output, step.responseName, outcome.updated);
        path.pop();
        if (outcome.invalid) return BUBBLE;
        break;
      }
      case 'typename': {
        if (get(output, step.responseName) !== undefined) break;
        let value = own(input, step.responseName) ?? null;
        if (value === null && step.responseName !== '__typename') value = input.__typename ?? null;
        const type = (typeof value === 'string' ? run.types.get(value) : undefined) ?? run.types.get(parentType);
        if (!type?.isObject) return BUBBLE;
        set(output, step.responseName, type.name);
        break;
      }
      case 'introspection':
        if (get(output, step.responseName) === undefined) set(output, step.responseName, run.introspect(step.field));
        break;
      case 'fragment': {
        // Deferred: answered in a part of its own.
        if (step.defer && evaluate(run, step.defer.condition)) break;
        const typename = input.__typename;
        if (typename !== undefined && typename !== null && typeof typename !== 'string')
          throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
        const applies = step.appliesTo === null || (typename ? step.appliesTo.has(typename) : step.appliesWithoutTypename);
        if (applies && applySteps(run, step.selection, input, output, path, step.condition ?? parentType) === BUBBLE) return BUBBLE;
        break;
      }
    }
  }
  return OK;
}

interface Outcome {
  updated: unknown;
  invalid?: boolean;
  hasErrors?: boolean;
}

function update(
  run: Run,
  outputValue: unknown,
  type: Out,
  inputValue: unknown,
  selection: Step[] | undefined,
  path: (string | number)[],
  parentType: string,
): Outcome {
  if (outputValue === null || (outputValue !== undefined && !selection)) return { updated: outputValue };

  if (type.kind === 'nonNull') {
    const { updated, hasErrors } = update(run, outputValue, type.of, inputValue, selection, path, parentType);
    if (updated === null) {
      if (!hasErrors)
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describe(path, type.name, parentType)}.`, { path: [...path] }),
        );
      return { updated, invalid: true, hasErrors: true };
    }
    return { updated };
  }

  if (inputValue === null) return { updated: null };

  if (type.kind === 'list') {
    if (!Array.isArray(inputValue))
      throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type.name}`);
    if (outputValue !== undefined && !Array.isArray(outputValue))
      throw new Error(`Invalid non-list value returned by subgraph for list type ${type.name}`);
    const previous = outputValue as unknown[] | undefined;
    if (previous && previous.length !== inputValue.length) throw new Error(`List lengths differ at ${path.join('.')}`);
    const updated: unknown[] = new Array(inputValue.length);
    let nullify = false;
    let hasErrors = false;
    for (let i = 0; i < inputValue.length; i++) {
      path.push(i);
      const element = update(run, previous?.[i], type.of, inputValue[i], selection, path, parentType);
      path.pop();
      if (element.invalid) nullify = true;
      if (element.hasErrors) hasErrors = true;
      updated[i] = element.updated;
    }
    return { updated: nullify ? null : updated, hasErrors };
  }

  if (type.kind === 'composite') {
    if (typeof inputValue !== 'object')
      throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for ${type.name}`);
    const inputObject = inputValue as Record<string, unknown>;
    const typename = inputObject.__typename;
    if (typename !== undefined && typeof typename !== 'string')
      throw new Error(`Invalid non-string value ${String(typename)} for __typename at ${path.join('.')}`);
    let objectType = type.name;
    if (typename) {
      const known = run.types.get(typename);
      if (!known?.isComposite) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describe(path, type.name, parentType)}.`, {
            path: [...path],
          }),
        );
        return { updated: null, hasErrors: true };
      }
      objectType = known.name;
    }
    const object = (outputValue as Record<string, unknown> | undefined) ?? record();
    const bubbled = applySteps(run, selection!, inputObject, object, path, objectType) === BUBBLE;
    return { updated: bubbled ? null : object, hasErrors: bubbled };
  }

  const valid = type.valid(inputValue);
  if (!valid)
    run.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describe(path, type.name, parentType)}.`, { path: [...path] }));
  return { updated: valid ? inputValue : null, hasErrors: !valid };
}
