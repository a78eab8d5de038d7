// API keys: creation, listing, revocation and verification. No HTTP or GraphQL here: the caller
// passes a Prisma client and decides what a missing principal or a database error means.
//
// A key reads `argk_<lookup>_<secret>`. The lookup (not secret) finds the row by a unique index; the
// table keeps only a salt and the scrypt hash of the whole key, so a copy of the database cannot be
// used to call the API. The key itself is shown once by createApiKey and never stored or logged.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ApiKeyRole, Prisma, type PrismaClient } from '../generated/prisma/client.js';

export type Role = 'editor' | 'admin';
export const ROLES: readonly Role[] = ['editor', 'admin'];

export interface Principal {
  keyId: number;
  name: string;
  role: Role;
}

export interface ApiKeyInfo {
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
  lookup: string;
}

/** A bad --name or --role: the caller's input, not a failure of the database. */
export class KeyUsageError extends Error {
  override name = 'KeyUsageError';
}

/** createApiKey with a name an active key already has. */
export class KeyConflictError extends Error {
  override name = 'KeyConflictError';
}

/** Only the apiKey delegate is used, so a transaction client works as well as the full client. */
export type KeysClient = Pick<PrismaClient, 'apiKey'>;

const ROLE_TO_PRISMA: Record<Role, ApiKeyRole> = { editor: ApiKeyRole.EDITOR, admin: ApiKeyRole.ADMIN };
const ROLE_FROM_PRISMA: Record<ApiKeyRole, Role> = { [ApiKeyRole.EDITOR]: 'editor', [ApiKeyRole.ADMIN]: 'admin' };

export const roleToPrisma = (role: Role): ApiKeyRole => ROLE_TO_PRISMA[role];
export const roleFromPrisma = (role: ApiKeyRole): Role => ROLE_FROM_PRISMA[role];

export const KEY_PREFIX = 'argk';
// 8 random bytes as 16 lowercase hex, then 32 random bytes as unpadded base64url (43 characters).
// The lookup has a fixed length, so a '_' inside the secret cannot be mistaken for the separator.
const KEY_PATTERN = /^argk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function parseApiKey(text: string): { lookup: string } | null {
  const m = KEY_PATTERN.exec(text);
  return m ? { lookup: m[1] } : null;
}

const NAME_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;
const NAME_ACCEPTED = "1 to 100 characters of letters, digits, '.', '_', '@' and '-'";

/** The name as stored (trimmed); throws KeyUsageError naming --name and what is accepted. */
export function normalizeKeyName(name: string): string {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
    throw new KeyUsageError(`invalid --name "${shown}"${trimmed.length > 100 ? ` (${trimmed.length} characters)` : ''}; accepted: ${NAME_ACCEPTED}`);
  }
  return trimmed;
}

/** Throws KeyUsageError naming --role and the accepted roles. */
export function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new KeyUsageError(`invalid --role "${text}"; accepted: ${ROLES.join(', ')}`);
}

// N=16384, r=8 needs 16 MiB, under node's default maxmem of 32 MiB.
const SCRYPT_OPTIONS = { N: 16384, r: 8, p: 1 } as const;
const HASH_BYTES = 32;

/** scrypt promisified by hand: util.promisify's typing picks the overload without options. */
function hashKey(key: string, salt: Buffer): Promise<Buffer> {
  // Async so that a burst of verifications runs on libuv's pool, not the event loop.
  return new Promise((resolve, reject) => scrypt(key, salt, HASH_BYTES, SCRYPT_OPTIONS, (err, derived) => (err ? reject(err) : resolve(derived))));
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

export async function createApiKey(prisma: KeysClient, input: { name: string; role: string }): Promise<{ key: string; principal: Principal }> {
  const name = normalizeKeyName(input.name);
  const role = parseRole(input.role);
  const lookup = randomBytes(8).toString('hex');
  const key = `${KEY_PREFIX}_${lookup}_${randomBytes(32).toString('base64url')}`;
  const salt = randomBytes(16);
  const hash = await hashKey(key, salt);
  try {
    const row = await prisma.apiKey.create({
      data: { name, role: roleToPrisma(role), lookup, salt: salt.toString('base64'), hash: hash.toString('base64') },
      select: { id: true },
    });
    return { key, principal: { keyId: row.id, name, role } };
  } catch (err) {
    // The partial unique index (name among unrevoked keys) is the guard, so two concurrent creates
    // cannot both win. A P2002 could in theory be a lookup collision instead; check which it was.
    if (isUniqueViolation(err) && (await prisma.apiKey.count({ where: { name, revokedAt: null } })) > 0) {
      throw new KeyConflictError(`an active key named "${name}" already exists; revoke it first or choose another name`);
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === 'P2002';
  return false;
}

export async function listApiKeys(prisma: KeysClient): Promise<ApiKeyInfo[]> {
  const rows = await prisma.apiKey.findMany({
    select: { name: true, role: true, createdAt: true, revokedAt: true, lookup: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({ ...r, role: roleFromPrisma(r.role) }));
}

/** Revokes the active key of that name; returns how many were revoked (0 or 1). */
export async function revokeApiKey(prisma: KeysClient, name: string): Promise<number> {
  const { count } = await prisma.apiKey.updateMany({ where: { name: name.trim(), revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

export interface KeyVerifier {
  /** The principal of an active key, or null; database errors propagate. */
  verify(presented: string): Promise<Principal | null>;
}

export function createKeyVerifier(prisma: KeysClient, opts: { cacheSize?: number } = {}): KeyVerifier {
  // lookup -> sha256 of the key that passed scrypt. Only the slow hash's outcome is cached: the row
  // is read on every call, so a revocation takes effect at once. A digest, not the key, is held in
  // memory, and it is compared in constant time like the hash.
  const verified = new LRUCache<string, Buffer>({ max: opts.cacheSize ?? 1000 });
  return {
    async verify(presented) {
      const parsed = parseApiKey(presented);
      if (!parsed) return null;
      const row = await prisma.apiKey.findUnique({
        where: { lookup: parsed.lookup, revokedAt: null },
        select: { id: true, name: true, role: true, salt: true, hash: true },
      });
      if (!row) {
        verified.delete(parsed.lookup);
        return null;
      }
      const principal: Principal = { keyId: row.id, name: row.name, role: roleFromPrisma(row.role) };
      const digest = sha256(presented);
      const known = verified.get(parsed.lookup);
      if (known && sameBytes(known, digest)) return principal;
      const hash = await hashKey(presented, Buffer.from(row.salt, 'base64'));
      if (!sameBytes(hash, Buffer.from(row.hash, 'base64'))) return null;
      verified.set(parsed.lookup, digest);
      return principal;
    },
  };
}
