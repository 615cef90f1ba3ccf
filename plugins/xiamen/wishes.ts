import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { PluginRefusal } from "../../workflows/pluginRefusal";
import type { ServiceHandler } from "../../workflows/serviceHandlers";
import { queryRows, type XmDb } from "./rows";
import { wishes } from "./schema";

export const WISH_PROGRAM_KEY = "xiamen-wish";

type Localized = { zh: string; en: string };
type WishForm = { fields: { key: string; options?: { value: string; label: Localized }[] }[] };

/** Category labels come from the form the plugin ships, so the wall and the form never disagree. */
const categoryLabels: Map<string, Localized> = new Map(
  ((JSON.parse(readFileSync(new URL("./programs/wish/form.json", import.meta.url), "utf8")) as WishForm).fields.find((f) => f.key === "category")?.options ?? []).map((o) => [o.value, o.label]),
);

/** 待审核 (the union has not decided), 待认领, 已认领, 已实现. */
export type WishState = "pending" | "open" | "claimed" | "fulfilled";

export type WishCard = {
  caseId: string;
  state: WishState;
  category: Localized;
  /** Only once the union approved it: a wish under review shows its kind and amount, not its words. */
  title: string | null;
  story: string | null;
  amount: number;
  /** Family name only (孙*). */
  wisher: string;
  donor: string | null;
  postedAt: string;
  mine: boolean;
  claimedByMe: boolean;
};

/** 孙丽 → 孙*; the wall never shows a full name. */
export function familyNameOnly(name: unknown): string {
  const n = typeof name === "string" ? name.trim() : "";
  return n ? `${[...n][0]}*` : "*";
}

/**
 * Service task `xiamen.publishWish`, after the union approves: the wish goes on the wall of the
 * wisher's district, open for a donor. Idempotent by case id (a retried job finds the row).
 */
export const publishWish: ServiceHandler = async ({ db, tenantId, caseId }) => {
  const [district] = await queryRows<{ id: string }>(
    db,
    sql`select o.id from cases c join orgs o on o.level = 'district' and starts_with(c.applicant_org_path, o.path) where c.id = ${caseId}`,
  );
  if (!district) throw new Error("找不到申请人所在的区 / the wisher's district is unknown");
  await db.insert(wishes).values({ caseId, tenantId, districtId: district.id }).onConflictDoNothing();
  return { wishPublished: true };
};

type WallRow = {
  id: string;
  status: string;
  data: Record<string, unknown>;
  applicant_id: string;
  created_at: string | Date;
  wish_status: WishState | null;
  donor_id: string | null;
  donor_name: string | null;
};

const iso = (t: string | Date) => new Date(t).toISOString();

/**
 * The wall of one district: wishes under review and every wish on the wall, newest first. A
 * wish under review shows no words (the wisher agreed to show them once approved).
 */
export async function wishWall(db: XmDb, district: { path: string }, viewerId: string, limit = 300): Promise<WishCard[]> {
  const rows = await queryRows<WallRow>(
    db,
    sql`select c.id, c.status, c.data, c.applicant_id, c.created_at, w.status as wish_status, w.donor_id, u.name as donor_name
        from cases c
        join programs p on p.id = c.program_id and p.code = ${WISH_PROGRAM_KEY} and p.plugin_id = 'xiamen'
        left join p_xiamen_wishes w on w.case_id = c.id
        left join users u on u.id = w.donor_id
        where starts_with(c.applicant_org_path, ${district.path})
          and (w.case_id is not null or c.status in ('running', 'returned'))
        order by coalesce(w.published_at, c.created_at) desc, c.id
        limit ${limit}`,
  );
  return rows.map((r) => {
    const state: WishState = r.wish_status ?? "pending";
    const shown = state !== "pending";
    const data = typeof r.data === "string" ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
    return {
      caseId: r.id,
      state,
      category: categoryLabels.get(String(data.category)) ?? { zh: "其他", en: "Other" },
      title: shown ? String(data.title ?? "") : null,
      story: shown ? String(data.story ?? "") : null,
      amount: Number(data.amount ?? 0),
      wisher: familyNameOnly(data.name),
      donor: r.donor_name ? familyNameOnly(r.donor_name) : null,
      postedAt: iso(r.created_at),
      mine: r.applicant_id === viewerId,
      claimedByMe: r.donor_id !== null && r.donor_id === viewerId,
    };
  });
}

export type WishActor = {
  db: XmDb;
  userId: string;
  /** The district(s) whose wall the actor is on; a wish elsewhere is not found. */
  districtIds: string[];
  now: Date;
  audit: (tx: XmDb, entry: { tenantId: string; stream: string; caseId: string; action: string; detail?: unknown }) => Promise<void>;
};

const wishNotFound = () => new PluginRefusal("wishNotFound", "心愿不存在或不在本区心愿墙上", "No such wish on your district's wall", 404);

async function wishOnWall(tx: XmDb, actor: WishActor, caseId: string) {
  if (typeof caseId !== "string" || !/^[0-9a-f-]{36}$/i.test(caseId)) throw wishNotFound();
  const [wish] = await tx.select().from(wishes).where(eq(wishes.caseId, caseId));
  if (!wish || !actor.districtIds.includes(wish.districtId)) throw wishNotFound();
  return wish;
}

/**
 * 认领: one donor per wish. The update only applies while the wish is open, so of two donors
 * pressing at once the second waits on the row and then finds it claimed.
 */
export async function claimWish(actor: WishActor, caseId: string): Promise<void> {
  await actor.db.transaction(async (tx) => {
    const wish = await wishOnWall(tx, actor, caseId);
    const [own] = await queryRows<{ applicant_id: string }>(tx, sql`select applicant_id from cases where id = ${caseId}`);
    if (own?.applicant_id === actor.userId) throw new PluginRefusal("ownWish", "不能认领自己的心愿", "You cannot claim your own wish", 409);
    const claimed = await tx
      .update(wishes)
      .set({ status: "claimed", donorId: actor.userId, claimedAt: actor.now })
      .where(and(eq(wishes.caseId, caseId), eq(wishes.status, "open")))
      .returning({ caseId: wishes.caseId });
    if (claimed.length === 0) throw new PluginRefusal("wishTaken", "这个心愿已被其他爱心人士认领", "Someone else has already claimed this wish", 409);
    await actor.audit(tx, { tenantId: wish.tenantId, stream: `xiamen.wish:${caseId}`, caseId, action: "xiamen.wish.claimed", detail: { districtId: wish.districtId } });
  });
}

/** 已实现: the donor who claimed the wish says it came true. */
export async function fulfilWish(actor: WishActor, caseId: string): Promise<void> {
  await actor.db.transaction(async (tx) => {
    const wish = await wishOnWall(tx, actor, caseId);
    const done = await tx
      .update(wishes)
      .set({ status: "fulfilled", fulfilledAt: actor.now })
      .where(and(eq(wishes.caseId, caseId), eq(wishes.status, "claimed"), eq(wishes.donorId, actor.userId)))
      .returning({ caseId: wishes.caseId });
    if (done.length === 0) {
      throw new PluginRefusal("notYourClaim", "只有认领这个心愿的人可以标记为已实现", "Only the donor who claimed this wish can mark it fulfilled", 409);
    }
    await actor.audit(tx, { tenantId: wish.tenantId, stream: `xiamen.wish:${caseId}`, caseId, action: "xiamen.wish.fulfilled", detail: { districtId: wish.districtId } });
  });
}
