import 'dotenv/config';
import { createKnex } from './knex';
import { grantRuntimeRole } from './runtime-role';
import { seedDemoData } from './seeds/demo-data';

/**
 * `npm run db:migrate | db:rollback | db:seed`, as the schema's owner: DATABASE_OWNER_URL, else
 * DATABASE_URL (one role for everything). With both, `migrate` also creates the runtime role that
 * DATABASE_URL names, if missing, and grants it its rights (decision 0034).
 */
async function main(command: string | undefined): Promise<void> {
  const runtimeUrl = process.env.DATABASE_URL;
  const ownerUrl = process.env.DATABASE_OWNER_URL || runtimeUrl;
  if (!ownerUrl) {
    process.stderr.write(
      'config error: DATABASE_URL: is required (e.g. postgres://postgres@127.0.0.1:5432/procurement)\n',
    );
    process.exit(78);
  }
  const knex = createKnex(ownerUrl, 2);
  try {
    if (command === 'migrate') {
      const [batch, names] = await knex.migrate.latest();
      console.log(names.length ? `batch ${batch}: ${names.join(', ')}` : 'already up to date');
      const role = runtimeUrl ? await grantRuntimeRole(knex, runtimeUrl) : null;
      if (role) console.log(`runtime role ${role}: rights granted`);
    } else if (command === 'rollback') {
      const [batch, names] = await knex.migrate.rollback();
      console.log(names.length ? `rolled back batch ${batch}: ${names.join(', ')}` : 'nothing to roll back');
    } else if (command === 'seed') {
      const { created } = await seedDemoData(knex, process.env.NODE_ENV ?? 'development');
      console.log(`demo data loaded (${created} new users)`);
    } else {
      throw new Error(`unknown command "${command}" (use migrate, rollback or seed)`);
    }
  } finally {
    await knex.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
