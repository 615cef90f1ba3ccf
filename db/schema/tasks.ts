import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const taskStatuses = ["open", "done", "cancelled"] as const;

/** An approver's work item; one row per assignee of an open user task. */
export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    caseId: text("case_id").notNull(),
    nodeId: text("node_id").notNull(),
    name: text("name").notNull(),
    assigneeId: text("assignee_id").notNull(),
    status: text("status", { enum: taskStatuses }).notNull(),
    /** approve / reject / return / … when done by this assignee; null when cancelled. */
    outcome: text("outcome"),
    comment: text("comment"),
    /**
     * 认领: who of a pool holds the node's task. Set on every pool candidate's open row, so the
     * others' 待办 leaves it out; null when unclaimed. Written only by transitionCase (engine state).
     */
    claimedBy: text("claimed_by"),
    detail: jsonb("detail"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("tasks_assignee_status_idx").on(t.assigneeId, t.status), index("tasks_case_idx").on(t.caseId)],
);
