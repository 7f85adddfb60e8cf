/** Deeper JSON than this is refused (400) before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

/** How deeply `value` nests arrays and objects, counted without recursion; stops once past `limit`. */
export function nestingDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item as object)) stack.push([child, level]);
  }
  return deepest;
}
