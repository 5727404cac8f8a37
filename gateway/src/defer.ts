import {
  type DirectiveNode,
  type DocumentNode,
  GraphQLError,
  isObjectType,
  Kind,
  type ValidationContext,
  type ValidationRule,
  visit,
} from 'graphql';

/**
 * Labels the gateway gives to `@defer` fragments the client did not label (every deferred part is
 * planned, shaped and authorized by its label); taken out of the answer again, and refused in a
 * client's operation.
 */
export const GENERATED_LABEL_PREFIX = 'gateway-defer-';
export const isGeneratedLabel = (label: string | undefined) => label?.startsWith(GENERATED_LABEL_PREFIX) === true;

/** The labels the client's `@defer`s carry. */
export function deferLabels(document: DocumentNode): Set<string> {
  const taken = new Set<string>();
  visit(document, {
    Directive(node) {
      const label = node.name.value === 'defer' ? node.arguments?.find((a) => a.name.value === 'label')?.value : undefined;
      if (label?.kind === Kind.STRING) taken.add(label.value);
    },
  });
  return taken;
}

/** `directive` (a `@defer`) with `label` added. */
export const withLabel = (directive: DirectiveNode, label: string): DirectiveNode => ({
  ...directive,
  arguments: [
    ...(directive.arguments ?? []),
    { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'label' }, value: { kind: Kind.STRING, value: label } },
  ],
});

/** Makes labels of the gateway's that none of `taken` (the document's own) is, one after the other. */
export function labelMaker(taken: Set<string>): () => string {
  let n = 0;
  return () => {
    while (taken.has(`${GENERATED_LABEL_PREFIX}${n}`)) n += 1;
    const label = `${GENERATED_LABEL_PREFIX}${n}`;
    taken.add(label);
    return label;
  };
}

/** Gives every `@defer` without a label one of the gateway's (the same document when all have one). */
export function labelDefers(document: DocumentNode): DocumentNode {
  const newLabel = labelMaker(deferLabels(document));
  let changed = false;
  const labelled = visit(document, {
    Directive(node) {
      if (node.name.value !== 'defer' || node.arguments?.some((a) => a.name.value === 'label')) return undefined;
      changed = true;
      return withLabel(node, newLabel());
    },
  });
  return changed ? labelled : document;
}

/**
 * What the GraphQL specification's incremental-delivery draft requires of `@defer` and graphql-js
 * 16 does not check (its validation predates the directive): a `label` written in the operation
 * (not a variable) and used once, so that every part can be told apart; and no `@defer` on the
 * root fields of a mutation (they run in order, one after the other) or of a subscription (each
 * event is one whole answer). Refused before planning, as GRAPHQL_VALIDATION_FAILED.
 */
export const deferRules: ValidationRule = (context: ValidationContext) => {
  const labels = new Set<string>();
  return {
    Directive(node) {
      if (node.name.value !== 'defer') return;
      const label = node.arguments?.find((a) => a.name.value === 'label')?.value;
      if (label && label.kind !== Kind.STRING) {
        context.reportError(
          new GraphQLError('The label of @defer must be a string written in the operation, not a variable.', { nodes: [label] }),
        );
      } else if (label) {
        if (isGeneratedLabel(label.value))
          context.reportError(
            new GraphQLError(`Labels starting with "${GENERATED_LABEL_PREFIX}" are the gateway's own; choose another.`, { nodes: [label] }),
          );
        if (labels.has(label.value))
          context.reportError(
            new GraphQLError(`The label "${label.value}" is used by more than one @defer; each needs its own.`, { nodes: [label] }),
          );
        labels.add(label.value);
      }
      const parent = context.getParentType();
      const schema = context.getSchema();
      if (parent && isObjectType(parent)) {
        if (parent === schema.getMutationType())
          context.reportError(
            new GraphQLError(
              '@defer cannot be used on the root fields of a mutation: they run one after the other, and are answered together.',
              {
                nodes: [node],
              },
            ),
          );
        if (parent === schema.getSubscriptionType())
          context.reportError(
            new GraphQLError('@defer cannot be used on the root field of a subscription: each event is answered whole.', { nodes: [node] }),
          );
      }
    },
  };
};
