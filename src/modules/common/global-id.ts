// Opaque global ids for Node objects: base64 of "Type:dbId", e.g. "Q291bnRyeToy" = "Country:2".

/** The object types that implement Node. */
export const NODE_TYPES = ['Country', 'ProductionYear', 'ExportFlow', 'PricePoint', 'Source'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeTypeName, dbId: number): string {
  return Buffer.from(`${type}:${dbId}`, 'utf8').toString('base64');
}

/** Decodes a global id; null when it is not one this API issued. */
export function fromGlobalId(id: string): { type: NodeTypeName; dbId: number } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const m = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(decoded);
  if (!m || !(NODE_TYPES as readonly string[]).includes(m[1])) return null;
  const dbId = Number(m[2]);
  if (!Number.isSafeInteger(dbId) || dbId > 2147483647) return null;
  return { type: m[1] as NodeTypeName, dbId };
}
