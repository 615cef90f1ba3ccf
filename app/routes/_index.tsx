import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth.server";
import { hasRole } from "~/services.server";

/** Approvers land on their inbox, everyone else on the worker portal. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) throw redirect("/login");
  throw redirect(hasRole(user, "approver") ? "/inbox" : "/portal");
}
