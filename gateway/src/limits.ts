import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MAX_PAGE_SIZE } from '@supergraph/service-kit';
import { GraphQLError, type GraphQLFormattedError, Kind, type ValidationContext, type ValidationRule, visit } from 'graphql';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Hide "Did you mean …?" hints, which map out the schema for an attacker (on in production). */
  blockFieldSuggestions: boolean;
}

/**
 * Query-shape limits from GraphQL Armor (a well-kept library, rather than our own parsers):
 * depth, aliases, directives, tokens and estimated cost, checked before planning, so an abusive
 * operation never reaches a subgraph. Introspection is exempt from depth and cost.
 */
export function operationLimits<C extends BaseContext>(
  limits: OperationLimits,
): { plugins: ApolloServerPlugin<C>[]; validationRules: ValidationRule[]; parseOptions: { maxTokens: number } } {
  const { rule: pageSizes, reported } = pageSizeRule(MAX_PAGE_SIZE);
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    // Every alias counts, `__typename` ones too (Armor exempts those by default): each costs the gateway work.
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are counted by graphql-js's own parser instead (parseOptions.maxTokens): a parse error, not a validation one.
    maxTokens: { enabled: false },
    // A page larger than any list can be is reported as that (pageSizeRule), not as the cost it would multiply to.
    costLimit: {
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [
        (context, error) => {
          if (context && !reported.has(context as ValidationContext)) context.reportError(error as GraphQLError);
        },
      ],
    },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  });
  const { plugins, validationRules } = armor.protect();
  // Armor is typed against Apollo Server's CommonJS build; the objects are the same.
  return {
    plugins: plugins as unknown as ApolloServerPlugin<C>[],
    // First: it must have looked at the document before the cost limit does.
    validationRules: [pageSizes, ...(validationRules as ValidationRule[])],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * `first` or `last` written in the document beyond what any connection serves (or below 0): the
 * same message the subgraphs give for such a value in a variable, instead of the cost limit's
 * "found 1931252". The contexts it reported for are kept, so the cost limit can stay silent there.
 */
function pageSizeRule(max: number): { rule: ValidationRule; reported: WeakSet<ValidationContext> } {
  const reported = new WeakSet<ValidationContext>();
  const rule: ValidationRule = (context) => ({
    Document(document) {
      visit(document, {
        Argument(node) {
          if ((node.name.value !== 'first' && node.name.value !== 'last') || node.value.kind !== Kind.INT) return;
          const value = Number(node.value.value);
          if (value >= 0 && value <= max) return;
          reported.add(context);
          context.reportError(
            new GraphQLError(`"${node.name.value}" must be between 0 and ${max}.`, {
              nodes: [node],
              extensions: { field: node.name.value, pageSizeLimit: max },
            }),
          );
        },
      });
    },
  });
  return { rule, reported };
}

const LIMIT_ERRORS: [RegExp, string][] = [
  [/Query depth limit of/, 'maxDepth'],
  [/Aliases limit of/, 'maxAliases'],
  [/Directives limit of/, 'maxDirectives'],
  [/Document contains more tha[nt] \d+ tokens/, 'maxTokens'], // graphql-js spells it "more that"
  [/Query Cost limit of/, 'maxCost'],
];

/**
 * Limit rejections reach clients as GRAPHQL_VALIDATION_FAILED (GRAPHQL_PARSE_FAILED for tokens),
 * Armor's with a "Syntax Error:" prefix that is not true; this names the limit in
 * `extensions.limit` and drops the prefix, so a client can tell which limit it hit.
 */
export function describeLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  // A page size in the document is the client's input, answered as the subgraphs answer it in a variable.
  if (formatted.extensions?.pageSizeLimit !== undefined) {
    const { pageSizeLimit: _, ...extensions } = formatted.extensions;
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT' } };
  }
  const match = LIMIT_ERRORS.find(([pattern]) => pattern.test(formatted.message));
  if (!match) return formatted;
  return {
    ...formatted,
    message: formatted.message.replace(/^Syntax Error: /, ''),
    extensions: { ...formatted.extensions, limit: match[1] },
  };
}
