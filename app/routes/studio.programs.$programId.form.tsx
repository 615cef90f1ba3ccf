import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { useCsrfToken } from "~/components/CsrfInput";
import { FormDesigner, type SaveOutcome } from "~/components/designer/FormDesigner";
import { commandErrorResponse, httpError, readForm } from "~/http.server";
import { useLocale } from "~/i18n/useT";
import { services } from "~/services.server";
import type { FormSchema } from "../../forms/schema";
import designerStyles from "~/components/designer/designer.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: designerStyles }];

/** The form designer for one program: opens its draft, or its published form until the first save. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const design = await services.getFormDesign(user, params.programId ?? "").catch((err: unknown) => {
    throw commandErrorResponse(err);
  });
  return json({ ...design, formSchema: design.formSchema as FormSchema });
}

function jsonField(form: FormData, name: string): unknown {
  const raw = form.get(name);
  if (raw === null) return undefined;
  if (typeof raw !== "string") throw httpError(400, "fixErrors");
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw httpError(400, "fixErrors");
  }
}

/** Save the designed form (and, when sent, the field permissions per node) into the draft version. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const formJson = jsonField(form, "form");
  if (formJson === undefined) throw httpError(400, "fixErrors");
  try {
    const result = await services.saveFormDraft(user, params.programId ?? "", formJson, jsonField(form, "fieldAccess"));
    if (!result.ok) return json({ ok: false as const, problems: result.problems }, { status: 422 });
    return json({ ok: true as const, version: result.draft.version, created: result.created });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

type ActionData = { ok: true; version: number; created: boolean } | { ok: false; problems?: SaveOutcome extends { problems: infer P } ? P : never; error?: { message: string; messageEn: string } };

export default function StudioFormDesigner() {
  const design = useLoaderData<typeof loader>();
  const locale = useLocale();
  const csrf = useCsrfToken();
  const fetcher = useFetcher<ActionData>();
  const data = fetcher.state === "idle" ? fetcher.data : undefined;
  const outcome: SaveOutcome | undefined = data
    ? data.ok
      ? data
      : { ok: false, problems: data.problems ?? [], message: data.error ? (locale === "en" ? data.error.messageEn : data.error.message) : undefined }
    : undefined;
  return (
    <FormDesigner
      key={design.program.id}
      initialForm={design.formSchema}
      locale={locale}
      version={design.version}
      userTasks={design.userTasks}
      initialAccess={design.fieldAccess}
      saving={fetcher.state !== "idle"}
      saveOutcome={outcome}
      onSave={(form, access) => {
        const body: Record<string, string> = { _csrf: csrf, form: JSON.stringify(form) };
        if (access) body.fieldAccess = JSON.stringify(access);
        fetcher.submit(body, { method: "post" });
      }}
    />
  );
}
