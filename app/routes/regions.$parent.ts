import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { httpError } from "~/http.server";
import { services } from "~/services.server";

/**
 * One level of the 省/市/区/街道 cascade as JSON, so that a phone downloads the few dozen
 * names it shows rather than the ~2 MB national data. `/regions/0` lists the provinces.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const parent = params.parent ?? "";
  const children = /^(0|\d{2}|\d{4}|\d{6})$/.test(parent) ? services.regionChildren(parent) : undefined;
  if (!children) throw httpError(404, "notFound");
  return json(children, { headers: { "Cache-Control": "private, max-age=86400" } });
}
