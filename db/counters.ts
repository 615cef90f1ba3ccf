import { sql } from "drizzle-orm";
import type { Tx } from "./client";
import { rowsOf } from "./rows";

/**
 * Next value of a gap-free per-tenant sequence. The upsert takes a row lock, so concurrent
 * transactions queue on it and never hand out the same number; a rollback returns the number.
 */
export async function nextCounter(tx: Tx, tenantId: string, scope: string): Promise<number> {
  const res = await tx.execute(sql`
    insert into counters (tenant_id, scope, value) values (${tenantId}, ${scope}, 1)
    on conflict (tenant_id, scope) do update set value = counters.value + 1
    returning value`);
  const [row] = rowsOf<{ value: number }>(res);
  return Number(row.value);
}

/** Year and month in China Standard Time: numbering years turn over at Beijing midnight. */
export function chinaYearMonth(at: Date): { year: string; month: string } {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .format(at)
    .split("-");
  return { year, month };
}

/** Expand a numbering pattern such as `RH-{yyyy}-{seq:5}`. */
export function formatNumber(pattern: string, seq: number, at: Date): string {
  const { year, month } = chinaYearMonth(at);
  return pattern
    .replace(/\{yyyy\}/g, year)
    .replace(/\{yy\}/g, year.slice(-2))
    .replace(/\{mm\}/g, month)
    .replace(/\{seq(?::(\d+))?\}/g, (_m, width?: string) => String(seq).padStart(Number(width ?? 1), "0"));
}
