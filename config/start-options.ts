import { ConfigError } from './config';
import { envSchema } from './env.schema';

const startSchema = envSchema.pick({ EMBEDDED_POSTGRES_PORT: true, TEMPORAL_DEV_PORT: true, TEMPORAL_DEV_UI_PORT: true, TEMPORAL_UI_URL: true });

/** What only `npm start` reads: the ports of the components it starts, and a Temporal UI to point at. */
export function startOptions(env: NodeJS.ProcessEnv) {
  const parsed = startSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return {
    embeddedPostgresPort: parsed.data.EMBEDDED_POSTGRES_PORT,
    temporalDevPort: parsed.data.TEMPORAL_DEV_PORT,
    temporalDevUiPort: parsed.data.TEMPORAL_DEV_UI_PORT,
    temporalUiUrl: parsed.data.TEMPORAL_UI_URL,
  };
}
