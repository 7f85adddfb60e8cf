import 'dotenv/config';
import { createKnex } from './knex';
import { seedDemoData } from './seeds/demo-data';

/** `npm run db:migrate | db:rollback | db:seed` — only DATABASE_URL is needed. */
async function main(command: string | undefined): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(
      'config error: DATABASE_URL: is required (e.g. postgres://postgres@127.0.0.1:5432/procurement)\n',
    );
    process.exit(78);
  }
  const knex = createKnex(url, 2);
  try {
    if (command === 'migrate') {
      const [batch, names] = await knex.migrate.latest();
      console.log(names.length ? `batch ${batch}: ${names.join(', ')}` : 'already up to date');
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
