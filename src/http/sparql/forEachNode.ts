/**
 * Calls `onNode` for every object in a parsed query (`value` and everything
 * it holds, through objects and arrays), parents before their children and
 * siblings in order. Each child gets the context that `onNode` returned for
 * its parent (the root gets `context`), so a caller can carry, say, how deep
 * in an expression a node lies. The walk keeps its own stack instead of
 * recursing: a parsed query can nest thousands of levels deep (a chain
 * `a || b || c …` nests one level per operator), past what the call stack allows.
 */
export function forEachNode<Context>(value: unknown, context: Context, onNode: (node: Record<string, unknown>, context: Context) => Context): void {
  const stack: Array<{ value: unknown; context: Context }> = [{ value, context }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (Array.isArray(current.value)) {
      for (let index = current.value.length - 1; index >= 0; index--) stack.push({ value: current.value[index], context: current.context });
    } else if (typeof current.value === 'object' && current.value !== null) {
      const childContext = onNode(current.value as Record<string, unknown>, current.context);
      const children = Object.values(current.value);
      for (let index = children.length - 1; index >= 0; index--) stack.push({ value: children[index], context: childContext });
    }
  }
}
