import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type GraphQLField,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * The exact number of values (as countAnswerValues counts them) that an
 * introspection field (`__schema` or `__type`) answers over `schema`, found
 * without building the answer: graphql-js's own introspection resolvers are
 * walked, and the size of each selection set on each schema object is
 * computed once, so a document that nests `fields { type { fields … } } }`
 * costs one visit per object and selection, not one per answer value.
 *
 * Introspection depends on the schema alone, and bounding it by the longest
 * list of each kind overstates a full introspection query some thirtyfold.
 */
export function introspectionAnswerSize(
  schema: GraphQLSchema,
  field: FieldNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const memo = new WeakMap<object, Map<SelectionSetNode, number>>();
  const info = { schema } as GraphQLResolveInfo;

  const sizeOfSelections = (selectionSet: SelectionSetNode, type: GraphQLObjectType, source: unknown): number => {
    const cacheable = typeof source === 'object' && source !== null;
    const known = cacheable ? memo.get(source)?.get(selectionSet) : undefined;
    if (known !== undefined) return known;
    let size = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        size += sizeOfField(selection, type, source);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (fragment === undefined) continue;
        if (fragment.typeCondition !== undefined && fragment.typeCondition.name.value !== type.name) continue;
        size += sizeOfSelections(fragment.selectionSet, type, source);
      }
    }
    if (cacheable) {
      let bySelection = memo.get(source);
      if (bySelection === undefined) memo.set(source, (bySelection = new Map()));
      bySelection.set(selectionSet, size);
    }
    return size;
  };

  /** `type` is undefined for the root, where the meta fields `__schema` and `__type` stand. */
  const sizeOfField = (node: FieldNode, type: GraphQLObjectType | undefined, source: unknown): number => {
    if (node.name.value === '__typename') return 1;
    const definition = type === undefined ? metaFields.get(node.name.value) : type.getFields()[node.name.value];
    if (definition?.resolve === undefined) return 1;
    const value: unknown = definition.resolve(source, getArgumentValues(definition, node, variables), undefined, info);
    const itemType = getNamedType(definition.type);
    const sizeOfValue = (item: unknown): number =>
      item !== null && item !== undefined && isObjectType(itemType) && node.selectionSet ? sizeOfSelections(node.selectionSet, itemType, item) : 0;
    if (Array.isArray(value)) return 1 + value.reduce((sum: number, item) => sum + (isObjectType(itemType) ? sizeOfValue(item) : 1), 0);
    return 1 + sizeOfValue(value);
  };

  return included(field, variables) ? sizeOfField(field, undefined, undefined) : 0;
}

const metaFields: ReadonlyMap<string, GraphQLField<unknown, unknown>> = new Map([
  [SchemaMetaFieldDef.name, SchemaMetaFieldDef],
  [TypeMetaFieldDef.name, TypeMetaFieldDef],
]);

/** Whether @skip and @include keep a selection. */
function included(node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1], variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}
