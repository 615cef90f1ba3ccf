import { csrfCookie, newCsrfToken, readCsrfCookie } from "~/auth.server";
import { apiCaller } from "~/api/apiAuth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { Me } from "~/api/apiSchemas.server";

/** Who is calling; session-cookie callers also get the CSRF token their POSTs must repeat. */
export const loader = apiHandler(async ({ request }) => {
  const { user, via } = await apiCaller(request);
  const existing = via === "session" ? await readCsrfCookie(request) : null;
  const csrfToken = via === "session" ? (existing ?? newCsrfToken()) : undefined;
  const headers = csrfToken && !existing ? { "Set-Cookie": await csrfCookie.serialize(csrfToken) } : undefined;
  return apiJson(
    Me,
    {
      id: user.id,
      name: user.name,
      mobile: user.mobile,
      orgId: user.orgId,
      orgName: user.orgName,
      memberNo: user.memberNo,
      roles: user.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgName })),
      auth: via,
      ...(csrfToken ? { csrfToken } : {}),
    },
    { headers },
  );
});

export const action = methodNotAllowed;
