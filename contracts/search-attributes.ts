// Workflow-safe: custom search attributes the project registers on every dev server.
// Production clusters register the same list once (see docs/operations.md).
export const searchAttributes: Record<string, 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime'> = {};

export function searchAttributeFlags(): string[] {
  return Object.entries(searchAttributes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}
