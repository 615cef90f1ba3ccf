import { createHash, randomUUID } from "node:crypto";
import { desc, eq, inArray, sql } from "drizzle-orm";
import { PluginRefusal } from "../../workflows/pluginRefusal";
import { bankCsv, yuan, type PayoutLine } from "./bankCsv";
import { queryRows, type XmDb } from "./rows";
import { payoutBatches } from "./schema";
import { TRANSPORT_PROGRAM_KEY } from "./transportClaims";

export type PayoutDistrict = { id: string; tenantId: string; path: string; name: string };

export type PayoutActor = {
  db: XmDb;
  userId: string;
  now: Date;
  /** Writes the audit row inside `tx` (an export is a disclosure of bank card numbers). */
  audit: (tx: XmDb, entry: { tenantId: string; stream: string; action: string; detail: unknown }) => Promise<void>;
  /** Case data as stored → plain values (bank card numbers are sealed at rest). */
  openData: (data: Record<string, unknown>) => Record<string, unknown>;
};

export type PayoutFile = { batchNo: string; count: number; total: string; fileName: string; csv: string };

type PickedRow = { case_no: string; data: Record<string, unknown> | string; amount: string };

const asObject = (d: Record<string, unknown> | string) => (typeof d === "string" ? (JSON.parse(d) as Record<string, unknown>) : d);

function lineOf(actor: PayoutActor, row: PickedRow): PayoutLine {
  const data = actor.openData(asObject(row.data));
  return { accountName: String(data.name ?? ""), cardNumber: String(data.bankCard ?? ""), bankName: String(data.bankName ?? ""), amount: Number(row.amount), caseNo: row.case_no };
}

const sumFen = (lines: PayoutLine[]) => lines.reduce((fen, l) => fen + Math.round(l.amount * 100), 0);

const dayOf = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(at).replaceAll("-", "");

async function audited(tx: XmDb, actor: PayoutActor, district: PayoutDistrict, action: string, file: PayoutFile): Promise<void> {
  await actor.audit(tx, {
    tenantId: district.tenantId,
    // The stream of every disclosure of personal data in the district (see recordDisclosure).
    stream: `privacy:${district.tenantId}`,
    action: "export",
    detail: { what: action, batchNo: file.batchNo, count: file.count, total: file.total, districtId: district.id, sha256: createHash("sha256").update(file.csv).digest("hex") },
  });
}

/**
 * 生成发放批次: every approved 平安返厦 case of the district not yet in a batch goes into a new
 * one, and its bank file is returned. The items' primary key is the case, so two admins
 * exporting at once never put a case in two batches: the second export takes only what is left.
 * The export is audited in the same transaction, with the file's SHA-256.
 */
export async function createPayoutBatch(actor: PayoutActor, district: PayoutDistrict): Promise<PayoutFile> {
  return actor.db.transaction(async (tx) => {
    const batchId = randomUUID();
    const picked = await queryRows<PickedRow>(
      tx,
      sql`with picked as (
            insert into p_xiamen_payout_items (case_id, batch_id, amount)
            select c.id, ${batchId}, (c.variables ->> 'subsidy')::numeric
            from cases c join programs p on p.id = c.program_id
            where p.code = ${TRANSPORT_PROGRAM_KEY} and p.plugin_id = 'xiamen' and c.status = 'approved'
              and starts_with(c.applicant_org_path, ${district.path})
              and (c.variables ->> 'subsidy')::numeric > 0
            on conflict (case_id) do nothing
            returning case_id, amount)
          select c.case_no, c.data, picked.amount::text as amount from picked join cases c on c.id = picked.case_id order by c.case_no`,
    );
    if (picked.length === 0) throw new PluginRefusal("nothingToPay", "没有新的已核准申请需要发放", "There are no newly approved claims to pay", 409);
    const lines = picked.map((r) => lineOf(actor, r));
    const batchNo = `XMPA-${district.id.toUpperCase()}-${dayOf(actor.now)}-${batchId.slice(0, 6).toUpperCase()}`;
    const file: PayoutFile = { batchNo, count: lines.length, total: yuan(sumFen(lines) / 100), fileName: `${batchNo}.csv`, csv: bankCsv(lines) };
    await tx.insert(payoutBatches).values({ id: batchId, tenantId: district.tenantId, programKey: TRANSPORT_PROGRAM_KEY, districtId: district.id, batchNo, createdBy: actor.userId, count: file.count, total: file.total, createdAt: actor.now });
    await audited(tx, actor, district, "xiamen.payoutBatch.created", file);
    return file;
  });
}

/** 重新下载: the same file again (same cases and amounts), audited again. */
export async function downloadPayoutBatch(actor: PayoutActor, districts: PayoutDistrict[], batchNo: string): Promise<PayoutFile> {
  const [batch] = typeof batchNo === "string" ? await actor.db.select().from(payoutBatches).where(eq(payoutBatches.batchNo, batchNo)) : [];
  const district = districts.find((d) => d.id === batch?.districtId);
  if (!batch || !district) throw new PluginRefusal("batchNotFound", "发放批次不存在", "No such payout batch", 404);
  return actor.db.transaction(async (tx) => {
    const rows = await queryRows<PickedRow>(
      tx,
      sql`select c.case_no, c.data, i.amount::text as amount from p_xiamen_payout_items i join cases c on c.id = i.case_id where i.batch_id = ${batch.id} order by c.case_no`,
    );
    const lines = rows.map((r) => lineOf(actor, r));
    const file: PayoutFile = { batchNo, count: lines.length, total: yuan(sumFen(lines) / 100), fileName: `${batchNo}.csv`, csv: bankCsv(lines) };
    await audited(tx, actor, district, "xiamen.payoutBatch.downloaded", file);
    return file;
  });
}

export type PayoutOverview = Awaited<ReturnType<typeof payoutOverview>>;

/** The district's batches, newest first, and how many approved claims wait for the next one. */
export async function payoutOverview(db: XmDb, districts: PayoutDistrict[]) {
  const ids = districts.map((d) => d.id);
  const batches = ids.length
    ? await db.select().from(payoutBatches).where(inArray(payoutBatches.districtId, ids)).orderBy(desc(payoutBatches.createdAt)).limit(50)
    : [];
  const waiting = [];
  for (const d of districts) {
    const [row] = await queryRows<{ n: number; total: string | null }>(
      db,
      sql`select count(*)::int as n, sum((c.variables ->> 'subsidy')::numeric)::text as total
          from cases c join programs p on p.id = c.program_id
          where p.code = ${TRANSPORT_PROGRAM_KEY} and p.plugin_id = 'xiamen' and c.status = 'approved'
            and starts_with(c.applicant_org_path, ${d.path})
            and not exists (select 1 from p_xiamen_payout_items i where i.case_id = c.id)`,
    );
    waiting.push({ districtId: d.id, districtName: d.name, count: Number(row?.n ?? 0), total: yuan(Number(row?.total ?? 0)) });
  }
  return {
    waiting,
    batches: batches.map((b) => ({ batchNo: b.batchNo, districtId: b.districtId, count: b.count, total: yuan(Number(b.total)), createdAt: b.createdAt.toISOString() })),
  };
}
