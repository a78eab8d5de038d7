// What an operation selects below a resolver's field, read from its document: list resolvers use it
// to fetch in their own statement what the selected fields will need (a connection's totalCount,
// the prices that goldSilverRatio and changeSince compare), instead of a statement more per field.
// Directives (@skip, @include) are not evaluated: a skipped field only makes the read fetch a
// little more than it needs.
import { getArgumentValues, type FieldNode, type GraphQLField, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** The field nodes at `path` below the resolver's field (through fragments and inline fragments), e.g. ['edges', 'node', 'changeSince']. */
export function fieldNodesAt(info: SelectionInfo, path: readonly string[]): FieldNode[] {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) collectFields(info, node.selectionSet, name, next, new Set());
    if (next.length === 0) return next;
    level = next;
  }
  return level;
}

function collectFields(info: SelectionInfo, set: SelectionSetNode | undefined, name: string, into: FieldNode[], visited: Set<string>): void {
  for (const s of set?.selections ?? []) {
    if (s.kind === 'Field') {
      if (s.name.value === name) into.push(s);
    } else if (s.kind === 'InlineFragment') {
      collectFields(info, s.selectionSet, name, into, visited);
    } else if (!visited.has(s.name.value)) {
      visited.add(s.name.value);
      collectFields(info, info.fragments[s.name.value]?.selectionSet, name, into, visited);
    }
  }
}

/** Whether the operation selects the field at `path` below the resolver's field. */
export const selects = (info: SelectionInfo, path: readonly string[]): boolean => fieldNodesAt(info, path).length > 0;

/**
 * The arguments of each selection of `field` (coerced as its resolver will get them); a selection
 * whose arguments do not coerce is left out (its resolver reports the error).
 */
export function argumentsOf(info: SelectionInfo & Pick<GraphQLResolveInfo, 'variableValues'>, nodes: readonly FieldNode[], field: GraphQLField<unknown, unknown>): Array<Record<string, unknown>> {
  const values: Array<Record<string, unknown>> = [];
  for (const node of nodes) {
    try {
      values.push(getArgumentValues(field, node, info.variableValues));
    } catch {
      // left to the field's resolver
    }
  }
  return values;
}
