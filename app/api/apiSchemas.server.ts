/**
 * The JSON API's request and response bodies as zod schemas: request bodies are parsed with
 * them, responses are typed by them, and /api/v1/openapi.json is generated from them.
 */
import { z } from "zod";
import { caseStatuses } from "~/services.server";

const when = () => z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 time" });
const localizedName = { name: z.string(), nameEn: z.string().meta({ description: "English name; may be empty" }) };

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable code, e.g. invalidData, caseNotFound, alreadyHandled, invalidToken" }),
      message: z.string().meta({ description: "Message in Chinese" }),
      messageEn: z.string().meta({ description: "Message in English" }),
      fieldErrors: z.record(z.string(), z.string()).optional().meta({ description: "Per-field messages, keyed by form field key (or body path)" }),
    }),
  })
  .meta({ id: "Error" });

export const Me = z
  .object({
    id: z.string(),
    name: z.string(),
    mobile: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    memberNo: z.string().nullable(),
    roles: z.array(z.object({ role: z.string(), orgId: z.string(), orgName: z.string() })),
    auth: z.enum(["session", "token"]),
    csrfToken: z.string().optional().meta({ description: "Session-cookie callers repeat this in X-CSRF-Token on every POST" }),
  })
  .meta({ id: "Me" });

export const ProgramSummary = z
  .object({ id: z.string(), ...localizedName, description: z.string(), category: z.string() })
  .meta({ id: "ProgramSummary" });

export const ProgramDetail = ProgramSummary.extend({
  version: z.int().meta({ description: "The published version new applications start on" }),
  formSchema: z.record(z.string(), z.unknown()).meta({ description: "The published form (schemaVersion, fields, rules); `data` must satisfy it" }),
  consentText: z.string(),
  approverOptions: z
    .record(z.string(), z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string(), level: z.string() })))
    .meta({ description: "For each 审批人自选 (approverPicker) field: the people the caller may pick; post them as [{id}]" }),
}).meta({ id: "ProgramDetail" });

export const ProgramList = z.object({ programs: z.array(ProgramSummary) }).meta({ id: "ProgramList" });

const caseStatus = z.enum(caseStatuses).meta({ id: "CaseStatus" });

export const CaseSummary = z
  .object({ id: z.string(), caseNo: z.string(), status: caseStatus, programName: z.string(), programNameEn: z.string(), createdAt: when(), updatedAt: when() })
  .meta({ id: "CaseSummary" });

export const CaseList = z.object({ cases: z.array(CaseSummary) }).meta({ id: "CaseList" });

const FileMeta = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.int() }).meta({ id: "FileMeta" });

export const CaseDetail = z
  .object({
    id: z.string(),
    caseNo: z.string(),
    status: caseStatus,
    version: z.int().meta({ description: "Bumped by every step of the case" }),
    programId: z.string(),
    programName: z.string(),
    programNameEn: z.string(),
    createdAt: when(),
    updatedAt: when(),
    applicantName: z.string(),
    memberNo: z.string().nullable().meta({ description: "会员编号, shown to the applicant once membership is approved" }),
    isApplicant: z.boolean(),
    canWithdraw: z.boolean(),
    data: z.record(z.string(), z.unknown()).meta({ description: "Form values; for anyone but the applicant 身份证号, 手机号 and 银行卡号 are masked (138****5678)" }),
    masked: z.array(z.string()).meta({ description: "The masked values: a field key, or `table.row.column` for a 明细表 cell; reveal one with POST /cases/{caseId}/reveal" }),
    canReveal: z.boolean().meta({ description: "Whether the caller (an approver or admin) may reveal masked values" }),
    formSchema: z.record(z.string(), z.unknown()).meta({ description: "The form of the version this case runs on (use it to resubmit)" }),
    files: z.array(FileMeta),
    openTasks: z.array(z.object({ id: z.string(), nodeId: z.string(), name: z.string(), assigneeName: z.string(), createdAt: when(), dueAt: when().nullable() })),
    timeline: z.array(
      z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), nodeId: z.string().nullable(), comment: z.string().nullable(), targetNames: z.array(z.string()) }),
    ),
  })
  .meta({ id: "CaseDetail" });

export const CaseStep = z
  .object({
    caseId: z.string(),
    caseNo: z.string().meta({ description: "Empty while waitlisted" }),
    status: z.string().meta({ description: "The case's status after the command, or `waitlisted` when the program was full" }),
    version: z.int(),
    waitlistPosition: z.int().optional().meta({ description: "Place in the waitlist (then caseId is the waitlist entry's id)" }),
  })
  .meta({ id: "CaseStep", description: "The case after the command" });

export const TaskSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    receivedAt: when(),
    dueAt: when().nullable(),
    caseId: z.string(),
    caseNo: z.string(),
    applicantName: z.string(),
    programName: z.string(),
    programNameEn: z.string(),
    claimable: z.boolean().meta({ description: "Offered to several people, one of whom decides: POST …/claim takes it (认领)" }),
    claimedByMe: z.boolean().meta({ description: "The caller claimed it; POST …/release gives it back (释放)" }),
    allowBulk: z.boolean().meta({ description: "Its step allows 批量审批 (POST /api/v1/tasks/bulk-approval)" }),
  })
  .meta({ id: "TaskSummary" });

export const TaskList = z.object({ tasks: z.array(TaskSummary) }).meta({ id: "TaskList" });

const approvalAction = z.enum(["approve", "reject", "return", "transfer", "addSigner", "cc"]);

export const TaskDetail = z
  .object({
    task: z.object({ id: z.string(), name: z.string(), status: z.string(), nodeId: z.string() }),
    case: CaseDetail,
    allowedActions: z.array(approvalAction).meta({ description: "What this node allows" }),
    commentRequiredOn: z.array(z.string()),
    colleagues: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })).meta({ description: "Who the task may be transferred to, added as signer or copied to" }),
  })
  .meta({ id: "TaskDetail" });

const formData = z.record(z.string(), z.unknown()).meta({ description: "Form values keyed by field key, checked by the program's one validator" });
const comment = z.string().max(2000).default("");

export const BulkApprovalBody = z
  .object({
    taskIds: z.array(z.string().max(64)).min(1).max(200).meta({ description: "The caller's open tasks, at steps that allow 批量审批" }),
    comment,
  })
  .meta({ id: "BulkApprovalBody", description: "批量同意: each case is approved on its own; one that fails does not stop the others" });

const bulkFailure = z.object({ taskId: z.string(), caseNo: z.string(), code: z.string(), message: z.string(), messageEn: z.string() });

export const BulkApprovalResult = z
  .object({
    approved: z.array(z.object({ taskId: z.string(), caseId: z.string(), caseNo: z.string() })),
    failed: z.array(bulkFailure).meta({ description: "Tasks not approved, with the reason (already handled, claimed by a colleague, a step without 批量审批, not found)" }),
  })
  .meta({ id: "BulkApprovalResult" });

export const RevealBody = z
  .object({
    field: z.string().min(1).max(200).meta({ description: "One of the case's `masked` entries" }),
    taskId: z.string().max(64).optional().meta({ description: "The task the caller works on, whose node may hide the field" }),
  })
  .meta({ id: "RevealBody" });

export const RevealedValue = z.object({ field: z.string(), value: z.string() }).meta({ id: "RevealedValue", description: "The value in clear; the reveal is in the audit log" });

export const SubmitBody = z.object({ programId: z.string().min(1).max(64), data: formData }).meta({ id: "SubmitBody" });
export const ResubmitBody = z.object({ data: formData }).meta({ id: "ResubmitBody" });

export const DecisionBody = z
  .object({
    action: z.enum(["approve", "reject", "return"]),
    comment: comment.meta({ description: "Required to reject or return" }),
    signature: z.string().max(300_000).optional().meta({ description: "Handwritten signature as a PNG data URL, where the step asks for one" }),
    returnTo: z.string().max(100).optional().meta({ description: "退回到: 'applicant' (default) or the node id of an earlier step this case passed through" }),
    edits: formData.optional().meta({ description: "New values for the fields this step marks editable (可编辑), applied on approve and validated like a submission" }),
  })
  .meta({ id: "DecisionBody" });

export const HandOffBody = z
  .discriminatedUnion("action", [
    z.object({ action: z.literal("transfer"), to: z.string().min(1), comment }).meta({ title: "转办 transfer" }),
    z.object({ action: z.literal("addSigner"), userId: z.string().min(1), position: z.enum(["before", "after"]), comment }).meta({ title: "加签 add a signer" }),
    z.object({ action: z.literal("cc"), userIds: z.array(z.string().min(1)).min(1).max(50), comment }).meta({ title: "抄送 copy" }),
  ])
  .meta({ id: "HandOffBody", description: "Hand the task on without deciding; people must be among the task's colleagues" });
