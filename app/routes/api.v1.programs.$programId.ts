import { apiCaller } from "~/api/apiAuth.server";
import { apiError } from "~/api/apiError.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { ProgramDetail } from "~/api/apiSchemas.server";
import { services } from "~/services.server";

/** One program open to the caller, with the published form an application must satisfy. */
export const loader = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request);
  const found = await services.getProgramForApply(user, params.programId ?? "");
  if (!found) throw apiError("notFound");
  const { program, version, approverOptions } = found;
  return apiJson(ProgramDetail, {
    id: program.id,
    name: program.name,
    nameEn: program.nameEn,
    description: program.description,
    category: program.category,
    version: version.version,
    formSchema: version.formSchema as Record<string, unknown>,
    consentText: version.consentText,
    approverOptions,
  });
});

export const action = methodNotAllowed;
