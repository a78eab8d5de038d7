// V8 settings of the server process, applied by the entry point before the database is opened
// (flags for WebAssembly only affect modules compiled after they are set).
//
// - The old generation grows by HEAP_GROWTH percent past the live heap before the next full GC.
//   V8's own heuristics let it grow up to 4x: with 20 clients in flight, each request's rows live
//   long enough to be promoted, and the process peaked at 335-350 MB; at 100% it peaks near 220 MB
//   for the same CPU per request (interleaved A/B runs of the bench's workloads; 60% cost ~7% more
//   CPU on the series workload).
// - On PostgreSQL, the only WebAssembly is Prisma's query compiler: reads do not use it (they go to
//   the driver adapter) and ORM calls cost the same once warm, but tiering it up with TurboFan
//   kept ~45 MB. PGlite (PostgreSQL itself compiled to WebAssembly) keeps V8's optimising tier.
import v8 from 'node:v8';
import type { AppConfig } from './config.js';

/** The V8 flags the server runs with under this configuration. */
export function runtimeFlags(config: Pick<AppConfig, 'heapGrowthPercent' | 'databaseUrl'>): string[] {
  const flags: string[] = [];
  if (config.heapGrowthPercent !== undefined) flags.push(`--heap-growing-percent=${config.heapGrowthPercent}`);
  if (config.databaseUrl) flags.push('--liftoff-only');
  return flags;
}

/** Sets runtimeFlags(config) on this process; returns them (for the startup log). */
export function tuneRuntime(config: Pick<AppConfig, 'heapGrowthPercent' | 'databaseUrl'>): string[] {
  const flags = runtimeFlags(config);
  for (const flag of flags) v8.setFlagsFromString(flag);
  return flags;
}
