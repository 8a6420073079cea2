/** Every `id` string anywhere in a GraphQL response, in document order. */
export function collectIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(collectIds);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => (key === 'id' && typeof child === 'string' ? [child] : collectIds(child)));
}
