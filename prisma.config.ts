// Prisma 7 configuration: schema and migrations paths, and the datasource URL for the CLI.
// The service itself never uses this URL: src/db chooses PGlite or PostgreSQL at run time.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx src/import/cli.ts --seed',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/argentum',
  },
});
