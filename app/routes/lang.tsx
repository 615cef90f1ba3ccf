import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { verifyCsrf } from "~/auth.server";
import { readForm } from "~/http.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const lang = form.get("lang") === "en" ? "en" : "zh";
  const back = request.headers.get("Referer");
  const to = back && new URL(back).origin === new URL(request.url).origin ? new URL(back).pathname + new URL(back).search : "/";
  throw redirect(to, { headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` } });
}

export const loader = () => redirect("/");
