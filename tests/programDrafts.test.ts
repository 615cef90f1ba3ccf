import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createUser } from "../db/users";
import { programs, programVersions } from "../db/schema";
import type { FormSchema } from "../forms/schema";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";
import {
  createDraftFrom,
  getDraft,
  getFormDesign,
  getOrCreateDraft,
  getStudioProgram,
  listStudioPrograms,
  saveFormDraft,
  writeDraft,
} from "../workflows/services/programDrafts";
import { createDemoDb } from "./support/demoDb";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;
let simingAdmin: SessionUser;
let approver: SessionUser;
let programId: string;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000");
  approver = await demo.userByMobile("13800000021");
  const other = await createUser(demo.db, { name: "思明管理员", mobile: "13800000099", password: "Niangjia@2026", orgId: "siming", roles: [{ role: "admin" }] });
  simingAdmin = (await loadSessionUser(demo.db, other.id))!;
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
  programId = p.id;
});
afterAll(async () => {
  await demo?.close();
});

const versionsOf = (id: string) => demo.db.select().from(programVersions).where(eq(programVersions.programId, id));

async function publishedRow() {
  const rows = await versionsOf(programId);
  return rows.find((r) => r.status === "published")!;
}

function withExtraField(schema: FormSchema, key: string): FormSchema {
  return { ...schema, fields: [...schema.fields, { key, type: "text", label: { zh: "备注", en: "Remarks" } }] };
}

describe("program drafts", () => {
  it("lists the admin's programs with their versions, and nothing for another district or a non-admin", async () => {
    const mine = await listStudioPrograms(demo.db, admin);
    expect(mine.map((p) => p.id)).toContain(programId);
    expect(mine.find((p) => p.id === programId)?.versions.map((v) => v.status)).toEqual(["published"]);
    expect((await listStudioPrograms(demo.db, simingAdmin)).map((p) => p.id)).not.toContain(programId);
    expect(await listStudioPrograms(demo.db, approver)).toEqual([]);
  });

  it("opens the published form in the designer without writing anything", async () => {
    const design = await getFormDesign(demo.db, admin, programId);
    expect(design.hasDraft).toBe(false);
    expect(design.version.status).toBe("published");
    expect(design.userTasks.length).toBeGreaterThan(0);
    expect(await getDraft(demo.db, admin, programId)).toBeNull();
    expect(await versionsOf(programId)).toHaveLength(1);
  });

  it("refuses an invalid form with bilingual problems and saves nothing, not even a draft", async () => {
    const published = await publishedRow();
    const schema = published.formSchema as FormSchema;
    const bad = { ...schema, fields: [...schema.fields, { key: "name", type: "text", label: { zh: "重复", en: "" } }, { key: "x", type: "text", label: { zh: "X", en: "" }, hiddenIf: "nosuchField = 1" }] };
    const result = await saveFormDraft(demo.db, admin, programId, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.problems.map((p) => p.code);
    expect(codes).toContain("duplicate_key");
    expect(codes).toContain("unknown_reference");
    const dup = result.problems.find((p) => p.code === "duplicate_key")!;
    expect(dup.path).toMatch(/^fields\.\d+\.key$/);
    expect(dup.messageZh).toContain("字段键名重复");
    expect(dup.messageEn).toContain("duplicate field key");
    expect((await saveFormDraft(demo.db, admin, programId, "not a form")).ok).toBe(false);
    expect(await versionsOf(programId)).toHaveLength(1);
  });

  it("saving creates a draft copied from the published version; the published version is never modified", async () => {
    const before = await publishedRow();
    const edited = withExtraField(before.formSchema as FormSchema, "remarks");
    const saved = await saveFormDraft(demo.db, admin, programId, edited);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.created).toBe(true);
    expect(saved.draft.version).toBe(before.version + 1);
    expect(saved.draft.basedOnVersion).toBe(before.version);
    expect(saved.draft.bpmnXml).toBe(before.bpmnXml);
    expect(saved.draft.formSchema.fields.at(-1)?.key).toBe("remarks");

    const after = await publishedRow();
    expect(after).toEqual(before);

    // A second save reuses the draft.
    const again = await saveFormDraft(demo.db, admin, programId, withExtraField(before.formSchema as FormSchema, "remarks2"));
    expect(again.ok && again.draft.id).toBe(saved.draft.id);
    expect(again.ok && again.created).toBe(false);
    expect(await versionsOf(programId)).toHaveLength(2);
    expect((await getDraft(demo.db, admin, programId))?.formSchema.fields.at(-1)?.key).toBe("remarks2");
    const design = await getFormDesign(demo.db, admin, programId);
    expect(design.hasDraft).toBe(true);
    expect(design.version.status).toBe("draft");
  });

  it("two admins starting a draft at once get the same one", async () => {
    const [a, b, c] = await Promise.all([getOrCreateDraft(demo.db, admin, programId), getOrCreateDraft(demo.db, admin, programId), createDraftFrom(demo.db, admin, programId)]);
    expect(new Set([a.draft.id, b.draft.id, c.draft.id]).size).toBe(1);
    expect((await versionsOf(programId)).filter((v) => v.status === "draft")).toHaveLength(1);
  });

  it("never writes a version that is no longer a draft", async () => {
    const published = await publishedRow();
    await expect(writeDraft(demo.db, published.id, { formSchema: { broken: true } })).rejects.toMatchObject({ status: 409, code: "draftConflict" });
    expect(await publishedRow()).toEqual(published);
  });

  it("saves field access per approval node into the draft's BPMN and compiled flow, never the published version", async () => {
    const published = await publishedRow();
    const form = (await getDraft(demo.db, admin, programId))!.formSchema;
    const saved = await saveFormDraft(demo.db, admin, programId, form, { GrassrootsReview: { name: "editable", idNumber: "hidden", mobile: "readonly", work: "hidden" } });
    expect(saved.ok).toBe(true);
    const draft = (await getDraft(demo.db, admin, programId))!;
    const node = draft.flowDefinition.nodes.GrassrootsReview;
    // A section heading (work) takes an entry too: it covers the fields under it.
    expect(node.kind === "userTask" && node.approval.fieldPermissions).toEqual({ name: "editable", idNumber: "hidden", work: "hidden" });
    expect(draft.bpmnXml).toMatch(/fieldPermission[^>]*field="idNumber"[^>]*access="hidden"/);
    const design = await getFormDesign(demo.db, admin, programId);
    expect(design.fieldAccess).toEqual({ GrassrootsReview: { name: "editable", idNumber: "hidden", work: "hidden" } });
    expect(await publishedRow()).toEqual(published);

    // Setting a node back to all read-only clears its entries.
    expect((await saveFormDraft(demo.db, admin, programId, form, { GrassrootsReview: {} })).ok).toBe(true);
    expect((await getFormDesign(demo.db, admin, programId)).fieldAccess).toEqual({ GrassrootsReview: {} });
  });

  it("refuses field access naming an unknown node or field, or malformed, and writes nothing", async () => {
    const before = await getDraft(demo.db, admin, programId);
    const form = before!.formSchema;
    for (const [access, code] of [
      [{ NoSuchNode: { name: "editable" } }, "unknown_node"],
      [{ GrassrootsReview: { nosuchField: "editable" } }, "unknown_field"],
      [{ GrassrootsReview: { name: "write" } }, "invalid_field_access"],
      ["everything", "invalid_field_access"],
    ] as const) {
      const result = await saveFormDraft(demo.db, admin, programId, withExtraField(form, "changedMeanwhile"), access);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.code)).toContain(code);
    }
    expect(await getDraft(demo.db, admin, programId)).toEqual(before);
  });

  it("another district's admin, and a non-admin, get 404 and change nothing", async () => {
    const before = await versionsOf(programId);
    const form = (await publishedRow()).formSchema;
    for (const who of [simingAdmin, approver]) {
      await expect(saveFormDraft(demo.db, who, programId, form)).rejects.toMatchObject({ status: 404, code: "programNotFound" });
      await expect(getDraft(demo.db, who, programId)).rejects.toMatchObject({ status: 404 });
      await expect(getFormDesign(demo.db, who, programId)).rejects.toMatchObject({ status: 404 });
      await expect(getStudioProgram(demo.db, who, programId)).rejects.toMatchObject({ status: 404 });
      await expect(createDraftFrom(demo.db, who, programId)).rejects.toMatchObject({ status: 404 });
    }
    await expect(getStudioProgram(demo.db, admin, "../../etc")).rejects.toMatchObject({ status: 404 });
    expect(await versionsOf(programId)).toEqual(before);
  });
});
