import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ErrorCode, PublicError, type Viewer } from '@supergraph/service-kit';
import { deferLabels, labelMaker, withLabel } from './defer.ts';
import {
  Kind,
  TypeInfo,
  isNonNullType,
  parse,
  print,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a field needs, from the federation directives `@authenticated` and `@requiresScopes` in the
 * subgraph schemas (composed into the supergraph). `scopes` is an OR of AND-lists: the caller needs
 * every scope of at least one list.
 */
export interface FieldRequirement {
  authenticated: boolean;
  scopes: string[][] | null;
}
export type AuthorizationPolicy = Map<string, FieldRequirement>;

const SECURITY_FEATURES = ['authenticated', 'requiresScopes'];

const directiveScopes = (directive: DirectiveNode): string[][] => {
  const arg = directive.arguments?.find((a) => a.name.value === 'scopes');
  if (arg?.value.kind !== Kind.LIST) return [];
  return arg.value.values.map((inner) =>
    inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [],
  );
};

/**
 * Reads the authorization policy out of a composed supergraph and returns the supergraph without
 * the `for: SECURITY` features, which @apollo/gateway refuses to load ("is for: SECURITY but is
 * unsupported"): the gateway enforces them here instead. The checked-in supergraph keeps them, so
 * gateways that support them natively (Apollo Router, Hive Gateway) enforce the same rules.
 */
export function extractAuthorization(supergraphSdl: string): { policy: AuthorizationPolicy; executableSdl: string } {
  const policy: AuthorizationPolicy = new Map();
  const document = parse(supergraphSdl);
  const isSecurity = (name: string) => SECURITY_FEATURES.includes(name);

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeLevel = definition.directives ?? [];
    for (const field of definition.fields ?? []) {
      const directives = [...typeLevel, ...(field.directives ?? [])];
      const authenticated = directives.some((d) => d.name.value === 'authenticated');
      const scopeLists = directives.filter((d) => d.name.value === 'requiresScopes').flatMap(directiveScopes);
      if (authenticated || scopeLists.length > 0) {
        policy.set(`${definition.name.value}.${field.name.value}`, { authenticated, scopes: scopeLists.length > 0 ? scopeLists : null });
      }
    }
  }

  const stripped = visit(document, {
    Directive(node) {
      if (isSecurity(node.name.value)) return null;
      if (node.name.value === 'link') {
        const url = node.arguments?.find((a) => a.name.value === 'url');
        if (
          url?.value.kind === Kind.STRING &&
          SECURITY_FEATURES.some((f) => url.value.kind === Kind.STRING && url.value.value.includes(`/${f}/`))
        )
          return null;
      }
      return undefined;
    },
    DirectiveDefinition(node) {
      return isSecurity(node.name.value) ? null : undefined;
    },
    ScalarTypeDefinition(node) {
      return node.name.value === 'requiresScopes__Scope' ? null : undefined;
    },
  });
  return { policy, executableSdl: print(stripped) };
}

/** Whether the caller meets a field's requirement; the failure says which code to answer with. */
type Refusal = typeof ErrorCode.Unauthenticated | typeof ErrorCode.Forbidden;

function check(requirement: FieldRequirement, viewer: Viewer | null): 'ok' | Refusal {
  if (!viewer) return ErrorCode.Unauthenticated;
  if (requirement.scopes && !requirement.scopes.some((all) => all.every((scope) => viewer.scopes.includes(scope))))
    return ErrorCode.Forbidden;
  return 'ok';
}

/** A `@defer` fragment around a position: its label (the client's, or one the filter gave it) and its `if`. */
interface DeferScope {
  label: string;
  condition: boolean | { variable: string };
}

/** One position in the response the filtered operation will not fill. */
interface Removal {
  coordinate: string;
  code: Refusal;
  /** Response keys from the root to the removed field, with the type of each field on the way. */
  path: { key: string; type: GraphQLOutputType }[];
  /** The `@defer` fragments it sits in, outermost first: it is answered in the part of the innermost one deferred. */
  defers: DeferScope[];
}

/** A `__typename` added to keep a selection valid, to be taken out of the response again. */
interface Placeholder {
  path: { key: string; type: GraphQLOutputType }[];
  defers: DeferScope[];
}

const deferOf = (node: { directives?: readonly DirectiveNode[] }) => node.directives?.find((d) => d.name.value === 'defer');

/** Replaces named fragment spreads by inline fragments, so every field has one response path. */
function inlineFragments(document: DocumentNode): DocumentNode {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const inline = (node: ASTNode, seen: Set<string>): ASTNode =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || seen.has(fragment.name.value)) return undefined;
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: spread.directives,
          selectionSet: inline(fragment.selectionSet, new Set([...seen, fragment.name.value])) as SelectionSetNode,
        };
      },
    });
  return {
    ...document,
    definitions: document.definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION).map((d) => inline(d, new Set()) as typeof d),
  };
}

/**
 * Removes from the operation every field the caller may not see. Returns the removals, so the
 * response can carry `null` and an error at each place, and the fields added only to keep a
 * selection set valid (to be taken out of the response again).
 */
export function filterOperation(schema: GraphQLSchema, document: DocumentNode, policy: AuthorizationPolicy, viewer: Viewer | null) {
  const removals: Removal[] = [];
  const placeholders: Placeholder[] = [];
  const typeInfo = new TypeInfo(schema);
  const path: { key: string; type: GraphQLOutputType }[] = [];
  const inlined = inlineFragments(document);
  // Every `@defer` gets a label, so that what is withheld inside it can be answered in its part
  // (the executor labels the same way; labels of the gateway's are taken out of the answer).
  const newLabel = labelMaker(deferLabels(inlined));
  const defers: DeferScope[] = [];
  /** Deferred fragments every field of which was withheld: they are not answered at all. */
  const emptied = new Set<string>();
  const scopeOf = (directive: DirectiveNode): DeferScope => {
    const label = directive.arguments?.find((a) => a.name.value === 'label')?.value;
    const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    return {
      label: label?.kind === Kind.STRING ? label.value : '',
      condition:
        condition?.kind === Kind.VARIABLE ? { variable: condition.name.value } : condition?.kind === Kind.BOOLEAN ? condition.value : true,
    };
  };

  const filtered = visit(
    inlined,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        leave(node) {
          // Every root field removed: ask for `__typename` alone (the gateway answers it without a subgraph).
          if (node.selectionSet.selections.length > 0) return undefined;
          placeholders.push({ path: [], defers: [] });
          return {
            ...node,
            selectionSet: { ...node.selectionSet, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
          };
        },
      },
      InlineFragment: {
        enter(node) {
          const directive = deferOf(node);
          if (!directive) return undefined;
          const scope = scopeOf(directive);
          if (scope.label) {
            defers.push(scope);
            return undefined;
          }
          scope.label = newLabel();
          defers.push(scope);
          const labelled = withLabel(directive, scope.label);
          return { ...node, directives: node.directives!.map((d) => (d === directive ? labelled : d)) };
        },
        // A fragment every field of which was removed goes too (an empty selection is not GraphQL);
        // the field around it then gets its placeholder like any selection left empty.
        leave(node) {
          const scope = deferOf(node) ? defers.pop() : undefined;
          if (node.selectionSet.selections.length > 0) return undefined;
          if (scope) emptied.add(scope.label);
          return null;
        },
      },
      Field: {
        enter(node: FieldNode) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          const key = node.alias?.value ?? node.name.value;
          if (!parent || !type) return undefined;
          const requirement = policy.get(`${parent.name}.${node.name.value}`);
          if (requirement) {
            const verdict = check(requirement, viewer);
            if (verdict !== 'ok') {
              removals.push({
                coordinate: `${parent.name}.${node.name.value}`,
                code: verdict,
                path: [...path, { key, type }],
                defers: [...defers],
              });
              return null;
            }
          }
          path.push({ key, type });
          return undefined;
        },
        leave(node: FieldNode) {
          path.pop();
          // A selection left empty by removals gets `__typename`, which the response then drops.
          if (node.selectionSet && node.selectionSet.selections.length === 0) {
            const key = node.alias?.value ?? node.name.value;
            const type = typeInfo.getType();
            placeholders.push({ path: [...path, { key, type: type! }], defers: [...defers] });
            return {
              ...node,
              selectionSet: { ...node.selectionSet, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
            };
          }
          return undefined;
        },
      },
    }),
  );
  return { document: filtered, removals, placeholders, emptied };
}

type Json = Record<string, unknown>;

/** The objects (or, for a list-typed field, each item) found by following response keys through lists. */
function parentsAt(data: unknown, keys: string[]): { parent: Json; trail: (string | number)[] }[] {
  let level: { value: unknown; trail: (string | number)[] }[] = [{ value: data, trail: [] }];
  for (const key of keys) {
    const next: typeof level = [];
    for (const { value, trail } of level) {
      const expand = (v: unknown, t: (string | number)[]) => {
        if (Array.isArray(v)) for (const [i, item] of v.entries()) expand(item, [...t, i]);
        else if (v && typeof v === 'object') next.push({ value: (v as Json)[key], trail: [...t, key] });
      };
      expand(value, trail);
    }
    level = next;
  }
  const parents: { parent: Json; trail: (string | number)[] }[] = [];
  const collect = (v: unknown, t: (string | number)[]) => {
    if (Array.isArray(v)) for (const [i, item] of v.entries()) collect(item, [...t, i]);
    else if (v && typeof v === 'object') parents.push({ parent: v as Json, trail: t });
  };
  for (const { value, trail } of level) collect(value, trail);
  return parents;
}

/**
 * Sets `null` where a removed field would have been. A non-null field makes its nearest nullable
 * ancestor field null instead (GraphQL's rule; list items are not walked through, which the
 * policy never needs: protected fields are nullable or at the root).
 */
function nullOut(result: { data?: Json | null }, removal: Removal): (string | number)[] | null {
  if (!result.data) return null;
  let firstPath: (string | number)[] | null = null;
  const keys = removal.path.map((p) => p.key);
  // Walk up from the removed field to the nearest position that may be null.
  let depth = keys.length;
  while (depth > 0 && isNonNullType(removal.path[depth - 1]!.type)) depth -= 1;
  if (depth === 0) {
    result.data = null;
    return keys;
  }
  for (const { parent, trail } of parentsAt(result.data, keys.slice(0, depth - 1))) {
    const key = keys[depth - 1]!;
    if (depth === keys.length || parent[key] !== null) parent[key] = null;
    firstPath ??= [...trail, ...keys.slice(depth - 1)];
  }
  return firstPath;
}

const removalError = (removal: Removal, path: (string | number)[]) =>
  new PublicError(
    removal.code === ErrorCode.Unauthenticated
      ? `You need to sign in to see ${removal.coordinate}.`
      : `You are not allowed to see ${removal.coordinate}.`,
    removal.code,
    { path, extensions: { field: removal.coordinate } },
  );

export type AuthorizationMode = 'filter' | 'reject';

/** What the filter withheld from one operation, for the caller who sent it. */
export type Withheld = ReturnType<typeof filterOperation>;

/** Which part of an incremental response a result is: the first (`label` null) or a deferred fragment's item at `path`. */
export interface PartOf {
  label: string | null;
  path: readonly (string | number)[];
  variables: Record<string, unknown>;
}

/** The part a position is answered in: its innermost `@defer` that is deferred (answered), or the first part. */
function partLabel(result: Withheld, defers: DeferScope[], variables: Record<string, unknown>): string | null {
  for (let i = defers.length - 1; i >= 0; i--) {
    const { label, condition } = defers[i]!;
    if (result.emptied.has(label)) continue;
    if (typeof condition === 'boolean' ? condition : variables[condition.variable] !== false) return label;
  }
  return null;
}

/**
 * Completes a result of a filtered operation: `null` and an error where each withheld field would
 * have been, and the placeholders added to keep selections valid taken out again. For a
 * subscription, applied to every event; for an incremental (`@defer`) response, to each part,
 * with what was withheld in that part (`part`): the paths of its data start at `part.path`.
 */
export function withhold(result: Withheld, body: { data?: Json | null; errors?: unknown[] }, part?: PartOf) {
  // The keys of the part's path (list positions dropped), to match the positions withheld by key.
  const prefix = part ? part.path.filter((p): p is string => typeof p === 'string') : [];
  const inPart = (position: { path: { key: string }[]; defers: DeferScope[] }) =>
    !part ||
    (partLabel(result, position.defers, part.variables) === part.label &&
      position.path.length >= prefix.length &&
      prefix.every((key, i) => position.path[i]!.key === key));
  for (const placeholder of result.placeholders) {
    if (!inPart(placeholder)) continue;
    const keys = placeholder.path.slice(prefix.length).map((p) => p.key);
    for (const { parent } of parentsAt(body.data, keys)) delete parent.__typename;
  }
  // An error where something was withheld; none under a parent that is null anyway.
  const errors = result.removals.flatMap((removal) => {
    if (!inPart(removal)) return [];
    const relative: Removal = { ...removal, path: removal.path.slice(prefix.length) };
    const found = nullOut(body, relative) ?? (removal.path.length === 1 ? relative.path.map((p) => p.key) : null);
    return found ? [removalError(removal, [...(part?.path ?? []), ...found]).toJSON()] : [];
  });
  if (errors.length > 0) body.errors = [...errors, ...(body.errors ?? [])];
}

/**
 * Enforces the schema's `@authenticated` and `@requiresScopes` at the gateway, before planning:
 * in `filter` mode unauthorised fields are removed from the operation (no subgraph is asked for
 * them) and come back as `null` with an error carrying their path; in `reject` mode the whole
 * operation is refused. Subgraphs check again in their resolvers (defence in depth).
 */
export function authorizationPlugin(
  currentPolicy: () => AuthorizationPolicy,
  mode: AuthorizationMode,
): ApolloServerPlugin<{ viewer: Viewer | null }> {
  let apiSchema: GraphQLSchema | undefined;
  const pending = new WeakMap<object, ReturnType<typeof filterOperation>>();
  // Apollo Server parses each distinct query once and hands the same document to every request
  // that sends it; what a caller may see depends only on whether they are signed in and on their
  // scopes. So the filtering is done once per document and kind of caller, not once per request.
  type Filtered = { result: ReturnType<typeof filterOperation>; queryHash: string };
  let cache = new WeakMap<DocumentNode, Map<string, Filtered>>();
  let cachedFor: { schema: GraphQLSchema; policy: AuthorizationPolicy } | undefined;
  const filtered = (schema: GraphQLSchema, policy: AuthorizationPolicy, document: DocumentNode, viewer: Viewer | null): Filtered => {
    if (cachedFor?.schema !== schema || cachedFor.policy !== policy) {
      cache = new WeakMap();
      cachedFor = { schema, policy };
    }
    const caller = viewer ? [...viewer.scopes].sort().join(' ') : '';
    let byCaller = cache.get(document);
    if (!byCaller) {
      byCaller = new Map();
      cache.set(document, byCaller);
    }
    let entry = byCaller.get(caller);
    if (!entry) {
      const result = filterOperation(schema, document, policy, viewer);
      const queryHash = result.removals.length > 0 ? createHash('sha256').update(print(result.document)).digest('hex') : '';
      entry = { result, queryHash };
      // Bounded by the kinds of caller there are (anonymous, and each set of scopes).
      if (byCaller.size < 64) byCaller.set(caller, entry);
    }
    return entry;
  };
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema: schema }) {
          apiSchema = schema;
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContextDidResolveOperation<{ viewer: Viewer | null }>) {
          const policy = currentPolicy();
          if (!apiSchema || policy.size === 0) return;
          const { result, queryHash } = filtered(apiSchema, policy, requestContext.document, requestContext.contextValue.viewer);
          if (result.removals.length === 0) return;
          // A subscription whose root field is withheld has nothing to follow: refused, as in reject mode.
          const isSubscription = requestContext.operation?.operation === 'subscription';
          if (mode === 'reject' || (isSubscription && result.removals.some((r) => r.path.length === 1))) {
            const [first] = result.removals;
            throw new PublicError(
              `This operation asks for fields you may not see: ${[...new Set(result.removals.map((r) => r.coordinate))].join(', ')}.`,
              first!.code,
              { extensions: { http: { status: first!.code === ErrorCode.Unauthenticated ? 401 : 403 } } },
            );
          }
          // The gateway plans and caches by document and hash: give it the filtered ones.
          Object.assign(requestContext, { document: result.document, queryHash });
          // A subscription's events are completed one by one, by whoever streams them; so are the
          // deferred parts of an incremental response (its first part is completed here).
          const live = (requestContext.contextValue as { live?: { withheld?: Withheld; acceptsIncremental?: boolean } }).live;
          if (live && (isSubscription || live.acceptsIncremental)) live.withheld = result;
          if (!isSubscription || !live) pending.set(requestContext.request, result);
        },
        async willSendResponse(requestContext) {
          const result = pending.get(requestContext.request);
          if (!result || requestContext.response.body.kind !== 'single') return;
          const live = (requestContext.contextValue as { live?: { acceptsIncremental?: boolean } }).live;
          const part = live?.acceptsIncremental ? { label: null, path: [], variables: requestContext.request.variables ?? {} } : undefined;
          withhold(result, requestContext.response.body.singleResult as { data?: Json | null; errors?: unknown[] }, part);
        },
      };
    },
  };
}
