import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { currentSessionId, sessionCookie, verifyCsrf } from "~/auth.server";
import { readForm } from "~/http.server";
import { services } from "~/services.server";

export async function action({ request }: ActionFunctionArgs) {
  await verifyCsrf(request, await readForm(request));
  const sessionId = await currentSessionId(request);
  if (sessionId) await services.signOut(sessionId);
  throw redirect("/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

export const loader = () => redirect("/");
