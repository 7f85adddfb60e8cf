/** Bench processes read their settings from the environment the orchestrator gives them. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
