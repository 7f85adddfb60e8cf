import { parseEnv } from './config';
import { envSchema } from './env.schema';

const startSchema = envSchema.pick({
  EMBEDDED_POSTGRES_PORT: true,
  TEMPORAL_DEV_PORT: true,
  TEMPORAL_DEV_UI_PORT: true,
  TEMPORAL_UI_URL: true,
});

/** What only `npm start` reads: the ports of the components it starts, and a Temporal UI to point at. */
export function startOptions(env: NodeJS.ProcessEnv) {
  const parsed = parseEnv(startSchema, env);
  return {
    embeddedPostgresPort: parsed.EMBEDDED_POSTGRES_PORT,
    temporalDevPort: parsed.TEMPORAL_DEV_PORT,
    temporalDevUiPort: parsed.TEMPORAL_DEV_UI_PORT,
    temporalUiUrl: parsed.TEMPORAL_UI_URL,
  };
}
