import { apiCaller } from "~/api/apiAuth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { ProgramList } from "~/api/apiSchemas.server";
import { services } from "~/services.server";

/** Programs open to the caller (the portal's list). */
export const loader = apiHandler(async ({ request }) => {
  const { user } = await apiCaller(request);
  const rows = await services.listOpenPrograms(user);
  return apiJson(ProgramList, { programs: rows.map(({ id, name, nameEn, description, category }) => ({ id, name, nameEn, description, category })) });
});

export const action = methodNotAllowed;
