import { index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The Xiamen plugin's own tables (generated into ./migrations with ./drizzle.config.ts).
 * Personal numbers are never stored here: a person is the keyed hash of their 身份证号 (idHash.ts).
 */

/** 职工医疗互助 enrolment: who is covered in which year (filled from the city's enrolment roll). */
export const medicalEnrollments = pgTable(
  "p_xiamen_medical_enrollments",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    year: integer("year").notNull(),
    idHash: text("id_hash").notNull(),
    /** The name on the roll, shown to nobody but kept for reconciling with it. */
    name: text("name").notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("p_xiamen_medical_enrollments_uq").on(t.year, t.idHash)],
);

/**
 * 微心愿 on the wall once the union approved it. `status` open → claimed → fulfilled; the
 * conditional update `where status = 'open'` gives a wish to exactly one donor.
 */
export const wishes = pgTable(
  "p_xiamen_wishes",
  {
    caseId: text("case_id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** The 区总 org of the wisher: the wall and the donors are per district. */
    districtId: text("district_id").notNull(),
    status: text("status", { enum: ["open", "claimed", "fulfilled"] }).notNull().default("open"),
    donorId: text("donor_id"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
  },
  (t) => [index("p_xiamen_wishes_district_idx").on(t.districtId, t.status)],
);

/** One 平安返厦 payout file: the approved cases of a district not yet paid in an earlier batch. */
export const payoutBatches = pgTable(
  "p_xiamen_payout_batches",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** The template key of the program paid (平安返厦), the same in every district. */
    programKey: text("program_key").notNull(),
    districtId: text("district_id").notNull(),
    batchNo: text("batch_no").notNull(),
    createdBy: text("created_by").notNull(),
    count: integer("count").notNull(),
    total: numeric("total", { precision: 14, scale: 2 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("p_xiamen_payout_batches_no_uq").on(t.batchNo)],
);

/** A case in a batch. The primary key on the case keeps it out of every later batch: nobody is paid twice. */
export const payoutItems = pgTable(
  "p_xiamen_payout_items",
  {
    caseId: text("case_id").primaryKey(),
    batchId: text("batch_id").notNull(),
    amount: numeric("amount", { precision: 12, scale: 2 }).notNull(),
  },
  (t) => [index("p_xiamen_payout_items_batch_idx").on(t.batchId)],
);

/**
 * 平安返厦: one claim per ID number per travel year across every district. Written by the
 * admission hook in the transaction that creates the case, so the primary key settles
 * concurrent submissions: the second insert of (year, id_hash) waits for the first and finds it.
 */
export const transportClaims = pgTable(
  "p_xiamen_transport_claims",
  {
    year: integer("year").notNull(),
    idHash: text("id_hash").notNull(),
    caseId: text("case_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.year, t.idHash], name: "p_xiamen_transport_claims_pk" }), index("p_xiamen_transport_claims_case_idx").on(t.caseId)],
);
