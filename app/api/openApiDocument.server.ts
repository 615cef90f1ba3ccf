import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { apiErrors } from "./apiErrors";
import { MAX_JSON_BYTES } from "./apiBody.server";
import * as S from "./apiSchemas.server";

/** What may go wrong on an operation, as response descriptions built from the error catalogue. */
const ERRORS_BY_STATUS = Object.entries(apiErrors).reduce<Record<number, string[]>>((acc, [code, e]) => {
  (acc[e.status] ??= []).push(`\`${code}\` ${e.en}`);
  return acc;
}, {});
const SERVICE_REFUSALS: Record<number, string> = {
  403: "`notYourTask`, `notApplicant`: not yours to act on; `notOpen`: the program is not open to the caller now",
  404: "`caseNotFound`: no such case or task, or not visible to the caller (another district's case looks exactly like a missing one)",
  409: "`alreadyHandled`: the task was closed by someone else; `conflict`: the case changed meanwhile; `rejectedByFlow`: the flow does not allow this now; `limitReached`: the per-person limit is used up; `full`: no seats left",
  422: "`fieldErrors` names each field, from the body's shape or from the program's own form validator (the same one the web form uses)",
};

type Op = {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: number; schema: z.ZodType; description: string };
  /** 4xx statuses besides 401 (every operation) and, for bodies, 400/413/415/422. */
  errors?: number[];
  public?: true;
};

const id = (name: string) => z.object({ [name]: z.string().meta({ description: "id (UUID)" }) });
const csrfHeader = z.object({ "X-CSRF-Token": z.string().optional().meta({ description: "Required when authenticated by the session cookie (the value of /api/v1/me's csrfToken); not with a bearer token" }) });

const operations: Op[] = [
  { method: "get", path: "/api/v1/openapi.json", summary: "This OpenAPI document", public: true, ok: { status: 200, schema: z.record(z.string(), z.unknown()), description: "OpenAPI 3.1 document" } },
  { method: "get", path: "/api/v1/me", summary: "Who is calling (and the CSRF token for session-cookie callers)", ok: { status: 200, schema: S.Me, description: "The caller" } },
  { method: "get", path: "/api/v1/programs", summary: "Programs open to me", ok: { status: 200, schema: S.ProgramList, description: "Open programs" } },
  {
    method: "get",
    path: "/api/v1/programs/{programId}",
    summary: "One program with its published form",
    params: id("programId"),
    ok: { status: 200, schema: S.ProgramDetail, description: "The program" },
    errors: [404],
  },
  { method: "get", path: "/api/v1/cases", summary: "My applications", ok: { status: 200, schema: S.CaseList, description: "My cases, newest first" } },
  {
    method: "post",
    path: "/api/v1/cases",
    summary: "Submit an application",
    description: "Idempotent by `Idempotency-Key`: a retry with the same key returns the case the first attempt made (200, `Idempotent-Replayed: true`) instead of making another (201).",
    headers: csrfHeader.extend({ "Idempotency-Key": z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).meta({ description: "8–64 letters, digits, - or _; one per application the person means to make" }) }),
    body: S.SubmitBody,
    ok: { status: 201, schema: S.CaseStep, description: "The new case (200 with the same body when replayed)" },
    errors: [403, 404, 409],
  },
  { method: "get", path: "/api/v1/cases/{caseId}", summary: "A case I may see", params: id("caseId"), ok: { status: 200, schema: S.CaseDetail, description: "The case" }, errors: [404] },
  {
    method: "post",
    path: "/api/v1/cases/{caseId}/resubmit",
    summary: "Resubmit a returned case (重新提交)",
    params: id("caseId"),
    headers: csrfHeader,
    body: S.ResubmitBody,
    ok: { status: 200, schema: S.CaseStep, description: "The case after resubmission" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/cases/{caseId}/withdraw",
    summary: "Withdraw my application (撤回) before the first approver acts",
    params: id("caseId"),
    headers: csrfHeader,
    ok: { status: 200, schema: S.CaseStep, description: "The withdrawn case" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/cases/{caseId}/reveal",
    summary: "Reveal one masked value (查看) of a case",
    description: "Approvers and admins who may see the case; each reveal is written to the audit log (who, case, field) before the value is returned.",
    params: id("caseId"),
    headers: csrfHeader,
    body: S.RevealBody,
    ok: { status: 200, schema: S.RevealedValue, description: "The value in clear" },
    errors: [403, 404],
  },
  { method: "get", path: "/api/v1/tasks", summary: "My open tasks (待办)", description: "Approvers only.", ok: { status: 200, schema: S.TaskList, description: "Open tasks, oldest first" }, errors: [403] },
  {
    method: "get",
    path: "/api/v1/tasks/{taskId}",
    summary: "One of my tasks, with its case, allowed actions and colleagues",
    params: id("taskId"),
    ok: { status: 200, schema: S.TaskDetail, description: "The task" },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/api/v1/tasks/{taskId}/decision",
    summary: "Approve, reject or return (同意 / 拒绝 / 退回)",
    params: id("taskId"),
    headers: csrfHeader,
    body: S.DecisionBody,
    ok: { status: 200, schema: S.CaseStep, description: "The case after the decision" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/tasks/{taskId}/handoff",
    summary: "Transfer, add a signer or copy (转办 / 加签 / 抄送)",
    params: id("taskId"),
    headers: csrfHeader,
    body: S.HandOffBody,
    ok: { status: 200, schema: S.CaseStep, description: "The case after the hand-off" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/tasks/{taskId}/claim",
    summary: "Claim a pool task (认领)",
    description: "For a task offered to several people, one of whom decides: it leaves the others' 待办 and only the claimer may act. Of two claims at once one wins; the other gets 409 `claimed`.",
    params: id("taskId"),
    headers: csrfHeader,
    ok: { status: 200, schema: S.CaseStep, description: "The case after the claim" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/tasks/{taskId}/release",
    summary: "Give a claimed task back to the pool (释放)",
    params: id("taskId"),
    headers: csrfHeader,
    ok: { status: 200, schema: S.CaseStep, description: "The case after the release" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/tasks/bulk-approval",
    summary: "Approve several tasks at once (批量同意)",
    description: "Only tasks at steps with 批量审批 allowed; each case is approved on its own and failures are listed, not thrown.",
    headers: csrfHeader,
    body: S.BulkApprovalBody,
    ok: { status: 200, schema: S.BulkApprovalResult, description: "What was approved and what was not, with reasons" },
    errors: [403],
  },
];

function errorResponse(status: number) {
  const lines = [...(ERRORS_BY_STATUS[status] ?? []), ...(SERVICE_REFUSALS[status] ? [SERVICE_REFUSALS[status]] : [])];
  return { description: lines.join("; ") || "Error", content: { "application/json": { schema: S.ErrorBody } } };
}

function route(op: Op): RouteConfig {
  const statuses = new Set([...(op.public ? [] : [401, 429]), ...(op.body ? [400, 413, 415, 422] : []), ...(op.method === "post" ? [403] : []), ...(op.errors ?? [])]);
  return {
    method: op.method,
    path: op.path,
    summary: op.summary,
    description: op.description,
    ...(op.public ? { security: [] } : {}),
    request: {
      params: op.params,
      headers: op.headers,
      body: op.body && { required: true, description: `JSON, at most ${MAX_JSON_BYTES / 1_000_000} MB`, content: { "application/json": { schema: op.body } } },
    },
    responses: {
      [op.ok.status]: { description: op.ok.description, content: { "application/json": { schema: op.ok.schema } } },
      ...Object.fromEntries([...statuses].sort().map((s) => [s, errorResponse(s)])),
    },
  };
}

/** Every path and method the API serves, for the route-coverage test. */
export const apiOperations: { method: "get" | "post"; path: string }[] = operations.map(({ method, path }) => ({ method, path }));

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** The OpenAPI 3.1 document, generated from the zod schemas the routes parse and answer with. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "Personal API token `nj_...` from `npx niangjia tokens create --user MOBILE --name NAME`. No CSRF header needed.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "nj_session",
    description: "The web app's session cookie; every POST must then repeat the CSRF cookie in `X-CSRF-Token` (see /api/v1/me).",
  });
  for (const op of operations) registry.registerPath(route(op));
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "娘家 Niangjia API",
      version: "1.0.0",
      description:
        "Programs, cases, tasks and decisions for workers and approvers, with the same permissions and validation as the web app. " +
        "Errors are `{ error: { code, message (zh), messageEn, fieldErrors? } }`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
  });
  return cached;
}
