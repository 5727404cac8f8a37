import type { FetchNode } from '@apollo/query-planner';
import {
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type VariableDefinitionNode,
  visit,
} from 'graphql';

/**
 * Entity fetches to one subgraph that a plan issues at the same moment (siblings of a `Parallel`
 * node, or branches of the plan that reach the same step together) are sent as one request: one
 * operation holding each fetch's `_entities` under an alias of its own, with its representations
 * in a variable of its own. The public benchmark's query needs 16 fetches from the planner; sent
 * this way they are fewer HTTP exchanges, and the subgraph's DataLoaders see the entities of all
 * of them at once.
 */
export interface BatchOperation {
  query: string;
  operationName: string;
  /** For member `i`: the alias its `_entities` answers under, and its representations variable. */
  members: { alias: string; variable: string }[];
}

/** Parsed once per fetch node. */
const documents = new WeakMap<FetchNode, DocumentNode>();
const documentOf = (fetch: FetchNode) => {
  let document = documents.get(fetch);
  if (!document) {
    document = fetch.operationDocumentNode ?? parse(fetch.operation, { noLocation: true });
    documents.set(fetch, document);
  }
  return document;
};

/** Whether a fetch can be sent together with others: a query over `_entities`, one operation. */
export function isBatchable(fetch: FetchNode): boolean {
  return fetch.operationKind === 'query' && fetch.requires !== undefined && !fetch.hasDefers;
}

/** The one operation that asks for every member's `_entities` (members in the order given). */
export function combine(fetches: readonly FetchNode[]): BatchOperation {
  const definitions: DefinitionNode[] = [];
  const variables = new Map<string, VariableDefinitionNode>();
  const selections: FieldNode[] = [];
  const members: BatchOperation['members'] = [];
  fetches.forEach((fetch, i) => {
    const alias = `_entities_${i}`;
    const variable = `representations_${i}`;
    members.push({ alias, variable });
    const fragmentName = (name: string) => `${name}_${i}`;
    // Each member's own fragments and `$representations` get names of their own; the client's
    // variables keep theirs (every member means the same value by them).
    const renamed = visit(documentOf(fetch), {
      FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: fragmentName(node.name.value) } }),
      FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: fragmentName(node.name.value) } }),
      Variable: (node) => (node.name.value === 'representations' ? { ...node, name: { ...node.name, value: variable } } : undefined),
    });
    for (const definition of renamed.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        definitions.push(definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        for (const v of definition.variableDefinitions ?? []) variables.set(v.variable.name.value, v);
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities')
            throw new Error(`Fetch ${fetch.operationName ?? ''} is not an _entities fetch.`);
          selections.push({ ...selection, alias: { kind: Kind.NAME, value: alias } });
        }
      }
    }
  });
  const operationName = `${fetches[0]!.operationName ?? 'Entities'}__batch_${fetches.length}`;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: { kind: Kind.NAME, value: operationName },
    variableDefinitions: [...variables.values()],
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  return { query: print({ kind: Kind.DOCUMENT, definitions: [operation, ...definitions] }), operationName, members };
}
