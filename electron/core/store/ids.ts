import { randomUUID } from 'node:crypto';

/** Ids are random UUIDs: unique across machines, safe to show and to put in paths. */
export function newId(): string {
  return randomUUID();
}
