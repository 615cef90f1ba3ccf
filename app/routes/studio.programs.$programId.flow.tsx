import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import bpmnCss from "bpmn-js/dist/assets/bpmn-js.css?url";
import diagramCss from "bpmn-js/dist/assets/diagram-js.css?url";
import bpmnFontCss from "bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css?url";
import panelCss from "@bpmn-io/properties-panel/dist/assets/properties-panel.css?url";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { FlowModeler } from "~/components/modeler/FlowModeler";
import modelerCss from "~/components/modeler/modeler.css?url";
import { modelerText } from "~/components/modeler/modelerText";
import { commandErrorResponse, httpError, parsePayload, readForm } from "~/http.server";
import { useLocale } from "~/i18n/useT";
import { services } from "~/services.server";

export const links: LinksFunction = () => [diagramCss, bpmnCss, bpmnFontCss, panelCss, modelerCss].map((href) => ({ rel: "stylesheet", href }));

/** A BPMN document may be up to 5 MB (the compiler's limit); the form post carries a little more. */
const MAX_FLOW_POST_BYTES = 6_000_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  try {
    return json({ design: await services.getFlowDesign(user, params.programId ?? "") });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

/** intent=save: write the XML into the draft (problems reported, not refused); intent=testRun: replay in memory. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request, MAX_FLOW_POST_BYTES);
  await verifyCsrf(request, form);
  const programId = params.programId ?? "";
  try {
    switch (form.get("intent")) {
      case "save":
        return json({ saved: await services.saveFlowDraft(user, programId, form.get("xml"), form.get("baseHash")) });
      case "testRun":
        return json({ testRun: await services.testRunFlow(user, programId, parsePayload(form)) });
      default:
        throw httpError(400, "fixErrors");
    }
  } catch (err) {
    if (err instanceof Response) throw err;
    return commandErrorResponse(err);
  }
}

export default function FlowPage() {
  const { design } = useLoaderData<typeof loader>();
  const locale = useLocale();
  // bpmn-js needs the browser: the workbench mounts after hydration and loads the modeler lazily.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <p className="nj-muted">{modelerText(locale, "loading")}</p>;
  return (
    <FlowModeler
      programId={design.program.id}
      initialXml={design.bpmnXml}
      fields={design.fields}
      handlers={design.handlers}
      initialProblems={design.problems}
      locale={locale}
      version={design.version}
      baseHash={design.baseHash}
    />
  );
}
