import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';

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
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    // Every alias counts, `__typename` ones too (Armor exempts those by default): each costs the gateway work.
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are counted by graphql-js's own parser instead (parseOptions.maxTokens): a parse error, not a validation one.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  });
  const { plugins, validationRules } = armor.protect();
  // Armor is typed against Apollo Server's CommonJS build; the objects are the same.
  return {
    plugins: plugins as unknown as ApolloServerPlugin<C>[],
    validationRules: validationRules as ValidationRule[],
    parseOptions: { maxTokens: limits.maxTokens },
  };
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
  const match = LIMIT_ERRORS.find(([pattern]) => pattern.test(formatted.message));
  if (!match) return formatted;
  return {
    ...formatted,
    message: formatted.message.replace(/^Syntax Error: /, ''),
    extensions: { ...formatted.extensions, limit: match[1] },
  };
}
