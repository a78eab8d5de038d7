import 'reflect-metadata';
import type { PrismaClient } from './generated/prisma/client';
import { createLoaders, type Loaders } from './loaders';
import type { Principal } from './auth/keys';

/** What every resolver receives: the Prisma client and this request's DataLoaders. */
export interface AppContext {
  prisma: PrismaClient;
  loaders: Loaders;
  /** The API key of the request, when it presented a valid one (src/auth); writes record it. */
  principal?: Principal;
}

/** A fresh context per request (new loaders, so nothing is cached across requests). */
export function createContext(prisma: PrismaClient): AppContext {
  return { prisma, loaders: createLoaders(prisma) };
}
