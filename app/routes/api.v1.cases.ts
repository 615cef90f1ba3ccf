import { apiCaller } from "~/api/apiAuth.server";
import { readJsonBody } from "~/api/apiBody.server";
import { apiError } from "~/api/apiError.server";
import { apiHandler, apiJson, apiLocale } from "~/api/apiRoute.server";
import { CaseList, CaseStep, SubmitBody } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** The caller's own applications, newest first. */
export const loader = apiHandler(async ({ request }) => {
  const { user } = await apiCaller(request);
  const rows = await services.listMyCases(user);
  return apiJson(CaseList, {
    cases: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
  });
});

/**
 * Submit an application. `Idempotency-Key` plays the apply page's submit key: a retry with
 * the same key returns the case the first attempt made (200) instead of a second case (201).
 */
export const action = apiHandler(async ({ request }) => {
  const { user } = await apiCaller(request);
  const key = request.headers.get("Idempotency-Key");
  if (!key) throw apiError("idempotencyKeyRequired");
  const body = await readJsonBody(request, SubmitBody);
  const result = await services.submitApplication(user, body.programId, body.data, key, apiLocale(request));
  const headers: Record<string, string> = result.created ? {} : { "Idempotent-Replayed": "true" };
  if (result.status !== "waitlisted") headers.Location = `/api/v1/cases/${result.caseId}`;
  return apiJson(CaseStep, caseStep(result), { status: result.created ? 201 : 200, headers });
});
