import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  isSpecifiedScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { badUserInput, type PublicError } from './errors.ts';

/**
 * Text no input may carry: NUL (PostgreSQL's text type cannot hold it) and the other C0 control
 * characters except tab, line feed and carriage return, DEL, and unpaired UTF-16 surrogates (not
 * Unicode at all; with the `u` flag a surrogate pair is one code point and does not match).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this expression is for.
const BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udfff]/u;

export function textProblem(value: string): string | null {
  const found = BAD_TEXT.exec(value)?.[0];
  if (found === undefined) return null;
  const codePoint = `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return found.length === 1 && found.charCodeAt(0) >= 0xd800
    ? `is not valid Unicode text (it holds an unpaired surrogate, ${codePoint})`
    : `must not contain control characters (it holds ${codePoint})`;
}

interface Problem {
  field: string;
  message: string;
}

/** Where a variable is used, with the input type expected there and the argument path leading to it. */
interface VariableUse {
  name: string;
  type: GraphQLInputType;
  field: string;
}

interface DocumentChecks {
  /** Problems of the literals written in the document itself (the same on every request). */
  literalProblems: Problem[];
  variableUses: VariableUse[];
}

type ScalarLookup = (type: GraphQLScalarType) => GraphQLScalarType | undefined;

/** The custom scalar's real implementation: the shared one by name, or the schema's own. */
const implementationOf =
  (shared: Record<string, GraphQLScalarType>): ScalarLookup =>
  (type) =>
    isSpecifiedScalarType(type) ? undefined : (shared[type.name] ?? type);

function scalarProblem(
  type: GraphQLScalarType,
  value: unknown,
  parse: (impl: GraphQLScalarType) => unknown,
  lookup: ScalarLookup,
): string | null {
  if (type.name === 'String' || type.name === 'ID') return typeof value === 'string' ? textProblem(value) : null;
  const impl = lookup(type);
  if (!impl) return null; // Int, Float, Boolean: graphql-js checks them itself
  try {
    parse(impl);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'is not a valid value';
  }
}

const join = (field: string, key: string | number) => (typeof key === 'number' ? `${field}[${key}]` : `${field}.${key}`);

/** A literal in the document: walked by its expected type; variables are remembered, not resolved. */
function checkLiteral(
  node: ValueNode,
  type: GraphQLInputType,
  field: string,
  lookup: ScalarLookup,
  problems: Problem[],
  uses: VariableUse[],
) {
  if (node.kind === Kind.VARIABLE) return void uses.push({ name: node.name.value, type, field });
  if (node.kind === Kind.NULL) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = node.kind === Kind.LIST ? node.values : [node];
    for (const [i, item] of items.entries())
      checkLiteral(item, nullable.ofType, node.kind === Kind.LIST ? join(field, i) : field, lookup, problems, uses);
  } else if (isInputObjectType(nullable)) {
    if (node.kind !== Kind.OBJECT) return;
    const fields = nullable.getFields();
    for (const entry of node.fields) {
      const definition = fields[entry.name.value];
      if (definition) checkLiteral(entry.value, definition.type, join(field, entry.name.value), lookup, problems, uses);
    }
  } else if (isScalarType(nullable)) {
    const value = node.kind === Kind.STRING ? node.value : undefined;
    const problem = scalarProblem(nullable, value, (impl) => impl.parseLiteral(node, undefined), lookup);
    if (problem) problems.push({ field, message: problem });
  }
}

/** A variable's JSON value, walked by the type expected where it is used. */
function checkValue(value: unknown, type: GraphQLInputType, field: string, lookup: ScalarLookup, problems: Problem[]) {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) for (const [i, item] of value.entries()) checkValue(item, nullable.ofType, join(field, i), lookup, problems);
    else checkValue(value, nullable.ofType, field, lookup, problems);
  } else if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    const fields = nullable.getFields();
    for (const [key, inner] of Object.entries(value)) {
      const definition = fields[key];
      if (definition) checkValue(inner, definition.type, join(field, key), lookup, problems);
    }
  } else if (isScalarType(nullable)) {
    const problem = scalarProblem(nullable, value, (impl) => impl.parseValue(value), lookup);
    if (problem) problems.push({ field, message: problem });
  }
}

function analyse(document: DocumentNode, typeInfo: TypeInfo, lookup: ScalarLookup): DocumentChecks {
  const literalProblems: Problem[] = [];
  const variableUses: VariableUse[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // A default is a literal of the document like any other: the subgraphs validate it whether
      // or not it is used, so an invalid one is the client's mistake on every request.
      VariableDefinition(node) {
        const type = typeInfo.getInputType();
        if (node.defaultValue && type) checkLiteral(node.defaultValue, type, `$${node.variable.name.value}`, lookup, literalProblems, []);
        return false;
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (argument) checkLiteral(node.value, argument.type, node.name.value, lookup, literalProblems, variableUses);
        return false; // the value was walked above
      },
    }),
  );
  return { literalProblems, variableUses };
}

/**
 * Checks every input value of an operation before it runs, from the schema's own input types, so a
 * new argument or input field is covered without anyone listing it: text must be Unicode without
 * control characters, and custom scalars must parse with their real definitions. The gateway's
 * schema knows its custom scalars only by name, so `sharedScalars` gives it the ones the subgraphs
 * use: invalid input is refused as BAD_USER_INPUT naming the argument, and no subgraph is asked.
 */
export function inputGuard<C extends BaseContext>(sharedScalars: Record<string, GraphQLScalarType>): ApolloServerPlugin<C> {
  const check = inputChecker(sharedScalars);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const problem = check(document, schema, request.variables ?? {});
          if (problem) throw problem;
        },
      };
    },
  };
}

/**
 * The checks of `inputGuard`, for paths that do not run through Apollo Server (subscriptions over
 * WebSocket): the error to answer with, or null when every input value is fine.
 */
export function inputChecker(sharedScalars: Record<string, GraphQLScalarType>) {
  const lookup = implementationOf(sharedScalars);
  // A repeated query is parsed into the same document: the literal walk is done once.
  const analysed = new WeakMap<DocumentNode, DocumentChecks>();
  return (document: DocumentNode, schema: GraphQLSchema, variables: Record<string, unknown>): PublicError | null => {
    let checks = analysed.get(document);
    if (!checks) {
      checks = analyse(document, new TypeInfo(schema), lookup);
      analysed.set(document, checks);
    }
    const problems = [...checks.literalProblems];
    for (const use of checks.variableUses) checkValue(variables[use.name], use.type, use.field, lookup, problems);
    if (problems.length === 0) return null;
    const [first] = problems as [Problem, ...Problem[]];
    return inputError(first, problems);
  };
}

const inputError = (first: Problem, all: Problem[]): PublicError =>
  badUserInput(`${first.field}: ${first.message}`, first.field, { fields: all, http: { status: 400 } });
