/**
 * The 200-field form alone on a page, as the apply page renders it (antd in Chinese, the app's
 * styles), for bench/formsPhone.ts. It records how long until the form first shows, until every
 * field is shown, and, for every key
 * pressed, how long until the next frame after React handled it.
 */
import { ConfigProvider } from "antd";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { FormRenderer } from "../../app/components/forms/FormRenderer";
import { useDraftAutosave } from "../../app/components/forms/useDraftAutosave";
import { antdLocale } from "../../app/i18n/antdLocale";
import "../../app/styles.css";
import { parseFormSchema } from "../../forms/schema";
import { bigForm } from "../bigForm";

type Figures = { mountMs?: number; allMs?: number; keyMs: number[] };
const figures: Figures = { keyMs: [] };
(window as unknown as { figures: Figures }).figures = figures;

const afterNextFrame = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0));

document.addEventListener(
  "keydown",
  () => {
    const start = performance.now();
    afterNextFrame(() => figures.keyMs.push(performance.now() - start));
  },
  { capture: true },
);

const { json, input } = bigForm(); // opened with every field filled, as a restored draft or a returned case is
const parsed = parseFormSchema(json);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
const schema = parsed.schema; // the apply page gets it parsed by the server
const start = performance.now();
// Every field is shown once the form's buttons (below the last field) are.
new MutationObserver((_, observer) => {
  if (!document.querySelector(".nj-form-buttons")) return;
  observer.disconnect();
  afterNextFrame(() => (figures.allMs = performance.now() - start));
}).observe(document.getElementById("root")!, { childList: true, subtree: true });

/** The form as the apply page has it: its draft autosaved (to nowhere here: the bench server answers 404). */
function ApplyPage() {
  const autosave = useDraftAutosave({ url: "/draft", csrf: "bench", submitKey: "bench" });
  useEffect(() => {
    afterNextFrame(() => (figures.mountMs = performance.now() - start));
  }, []);
  return <FormRenderer schema={schema} locale="zh" defaultValues={input} onValidSubmit={() => undefined} onValuesChange={autosave.onValuesChange} />;
}

createRoot(document.getElementById("root")!).render(
  <ConfigProvider locale={antdLocale("zh")} theme={{ token: { colorPrimary: "#c8102e", borderRadius: 8 } }}>
    <main className="nj-main">
      <ApplyPage />
    </main>
  </ConfigProvider>,
);
