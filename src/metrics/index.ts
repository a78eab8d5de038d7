// Pure computations behind the API's computed fields (definitions in docs/domain.md).
// No Prisma, no GraphQL: numbers in, numbers out.
export * from './units';
export * from './change';
export * from './period';
export * from './series';
export * from './observations';
export * from './trade';
