import { randomUUID } from "node:crypto";

/** Opaque ids for rows; UUIDv4 is enough (ordering comes from timestamps and sequences). */
export function newId(): string {
  return randomUUID();
}
