/** A database that cannot be opened, reached or migrated. The message is one line, safe to print. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    // Callers print just the message, so keep it on one line whatever the driver said.
    super(message.replace(/\s*\n\s*/g, ' ').trim(), options);
    this.name = 'DatabaseError';
  }
}

/** The URL without its password, for messages and labels. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    // Not parseable: strip anything that looks like user:password@.
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@');
  }
}
