import 'dotenv/config';
import { ConfigError, loadConfig, type Config } from './config';

/** Entry points call this: a bad environment stops the process with one line per problem. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) process.stderr.write(`config error: ${line}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
