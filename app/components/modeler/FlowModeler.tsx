import { useFetcher } from "@remix-run/react";
import { Alert, Button, Modal, Segmented, Space, Spin } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useCsrfToken } from "~/components/CsrfInput";
import type { Locale } from "~/i18n/messages";
import type { FlowProblem, lintFlow as LintFlow } from "../../../workflows/lint/lintFlow";
import type { FlowFormField, SaveFlowResult } from "../../../workflows/services/flowDrafts";
import type { TestRunResult } from "../../../workflows/testRun/replayTestRun";
import type { FlowModelerInstance } from "./createModeler.client";
import { modelerText, type ModelerTextKey } from "./modelerText";
import { ProblemsPanel } from "./ProblemsPanel";
import { STARTING_TEMPLATE } from "./startingTemplate";
import { TestRunPanel } from "./TestRunPanel";

type Props = {
  programId: string;
  initialXml: string;
  fields: FlowFormField[];
  handlers: string[];
  initialProblems: FlowProblem[];
  locale: Locale;
  /** Draft or published version the page opened. */
  version: { version: number; status: string };
  /** Hash of the XML opened; the server refuses a save over a change made elsewhere. */
  baseHash: string;
};

type SaveResponse = { saved?: SaveFlowResult; error?: { message: string; messageEn: string } };

type Element = { id: string; businessObject: { name?: string } };
type Services = {
  canvas: {
    zoom(level?: number | "fit-viewport", center?: "auto"): number;
    addMarker(id: string, cls: string): void;
    removeMarker(id: string, cls: string): void;
    scrollToElement(el: Element): void;
    getRootElement(): Element;
    focus(): void;
  };
  elementRegistry: { get(id: string): Element | undefined };
  selection: { select(el: Element): void };
  commandStack: { undo(): void; redo(): void; canUndo(): boolean; canRedo(): boolean };
  overlays: { add(id: string, type: string, overlay: { position: Record<string, number>; html: string }): string; remove(filter: { type: string }): void };
};

const MAX_IMPORT_BYTES = 5_000_000;
const PROBLEM_MARKERS = ["nj-problem-error", "nj-problem-warning"];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The flow page's workbench: the bpmn-js modeler (loaded in the browser only), its toolbar
 * (undo/redo, zoom, import/export, starting template, save), the properties panel for the
 * `niangjia:` extension, the problems panel (re-linted after every change), and the test-run mode.
 */
export function FlowModeler({ programId, initialXml, fields, handlers, initialProblems, locale, version, baseHash }: Props) {
  const t = (key: ModelerTextKey, params?: Record<string, string | number>) => modelerText(locale, key, params);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const modelerRef = useRef<FlowModelerInstance | null>(null);
  const lintRef = useRef<typeof LintFlow | null>(null);
  const lintTimer = useRef<number>(0);
  const lintSeq = useRef(0);
  const marked = useRef<{ id: string; cls: string }[]>([]);
  const runMarked = useRef<{ id: string; cls: string }[]>([]);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [loadError, setLoadError] = useState("");
  const [importError, setImportError] = useState("");
  const [problems, setProblems] = useState<FlowProblem[]>(initialProblems);
  const [checking, setChecking] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [history, setHistory] = useState({ undo: false, redo: false });
  const [mode, setMode] = useState<"design" | "testRun">("design");
  const saver = useFetcher<SaveResponse>();
  const base = useRef(baseHash);
  const csrf = useCsrfToken();

  const get = useCallback(<K extends keyof Services>(name: K): Services[K] | null => (modelerRef.current ? (modelerRef.current.get(name) as Services[K]) : null), []);

  const mark = useCallback(
    (store: { current: { id: string; cls: string }[] }, next: { id: string; cls: string }[]) => {
      const canvas = get("canvas");
      const registry = get("elementRegistry");
      if (!canvas || !registry) return;
      for (const m of store.current) if (registry.get(m.id)) canvas.removeMarker(m.id, m.cls);
      store.current = next.filter((m) => registry.get(m.id) && registry.get(m.id) !== canvas.getRootElement());
      for (const m of store.current) canvas.addMarker(m.id, m.cls);
    },
    [get],
  );

  const relint = useCallback(() => {
    setChecking(true);
    window.clearTimeout(lintTimer.current);
    lintTimer.current = window.setTimeout(async () => {
      const modeler = modelerRef.current;
      const lint = lintRef.current;
      if (!modeler || !lint) return;
      const seq = ++lintSeq.current;
      const { xml } = await modeler.saveXML();
      const result = await lint(xml ?? "");
      if (seq !== lintSeq.current) return;
      setProblems(result.problems);
      setChecking(false);
      const seen = new Set<string>();
      const markers = result.problems.flatMap((p) => {
        if (!p.elementId || seen.has(p.elementId)) return [];
        seen.add(p.elementId);
        return [{ id: p.elementId, cls: p.severity === "error" ? PROBLEM_MARKERS[0] : PROBLEM_MARKERS[1] }];
      });
      mark(marked, markers);
    }, 400);
  }, [mark]);

  const fit = useCallback(() => get("canvas")?.zoom("fit-viewport", "auto"), [get]);

  const importXml = useCallback(
    async (xml: string, changed: boolean) => {
      const modeler = modelerRef.current;
      if (!modeler) return false;
      try {
        await modeler.importXML(xml);
        setImportError("");
        setDirty(changed);
        setHistory({ undo: false, redo: false });
        fit();
        relint();
        return true;
      } catch (err) {
        setImportError(t("importFailed", { message: (err as Error).message }));
        return false;
      }
    },
    [fit, relint, locale],
  );

  useEffect(() => {
    let disposed = false;
    let modeler: FlowModelerInstance | null = null;
    (async () => {
      try {
        const [{ createModeler }, lintModule] = await Promise.all([import("./createModeler.client"), import("../../../workflows/lint/lintFlow")]);
        if (disposed || !canvasRef.current || !panelRef.current) return;
        modeler = createModeler({
          canvas: canvasRef.current,
          panel: panelRef.current,
          config: { locale, fields: fields.map((f) => ({ key: f.key, type: f.type, label: f.label })), handlers },
        });
        modelerRef.current = modeler;
        lintRef.current = lintModule.lintFlow;
        modeler.on("commandStack.changed", () => {
          const stack = modeler?.get("commandStack") as Services["commandStack"];
          setHistory({ undo: stack.canUndo(), redo: stack.canRedo() });
          setDirty(true);
          relint();
        });
        setState("ready");
        const ok = await importXml(initialXml.trim() ? initialXml : STARTING_TEMPLATE, !initialXml.trim());
        if (!ok) await importXml(STARTING_TEMPLATE, true);
      } catch (err) {
        if (!disposed) {
          setLoadError((err as Error).message);
          setState("failed");
        }
      }
    })();
    return () => {
      disposed = true;
      window.clearTimeout(lintTimer.current);
      modeler?.destroy();
      modelerRef.current = null;
    };
    // The modeler is created once per page; its inputs come from the loader.
  }, []);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    if (saver.state !== "idle" || !saver.data?.saved) return;
    base.current = saver.data.saved.baseHash;
    setDirty(false);
  }, [saver.state, saver.data]);

  const select = useCallback(
    (id: string) => {
      const el = get("elementRegistry")?.get(id);
      const canvas = get("canvas");
      if (!el || !canvas || el === canvas.getRootElement()) return;
      get("selection")?.select(el);
      canvas.scrollToElement(el);
      // Keyboard shortcuts (Delete, undo) then act on the selected element.
      canvas.focus();
    },
    [get],
  );

  const nodeName = useCallback((id: string) => get("elementRegistry")?.get(id)?.businessObject.name || id, [get]);

  const getXml = useCallback(async () => (await modelerRef.current?.saveXML({ format: true }))?.xml ?? "", []);

  const save = async () => {
    const form = new FormData();
    form.set("_csrf", csrf);
    form.set("intent", "save");
    form.set("xml", await getXml());
    form.set("baseHash", base.current);
    saver.submit(form, { method: "post" });
  };

  const exportFile = async () => {
    const blob = new Blob([await getXml()], { type: "application/xml" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${programId}.bpmn`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setImportError(t("importFailed", { message: t("fileTooLarge") }));
      return;
    }
    await importXml(await file.text(), true);
    if (fileRef.current) fileRef.current.value = "";
  };

  const useTemplate = () =>
    Modal.confirm({
      title: t("template"),
      content: t("templateConfirm"),
      okText: t("confirm"),
      cancelText: t("cancel"),
      onOk: () => importXml(STARTING_TEMPLATE, true),
    });

  const showRun = useCallback(
    (result: TestRunResult | null) => {
      const overlays = get("overlays");
      overlays?.remove({ type: "nj-run" });
      if (!result?.ok) {
        mark(runMarked, []);
        return;
      }
      const markers: { id: string; cls: string }[] = [];
      for (const step of result.steps) for (const id of [...step.nodes, ...step.flows]) markers.push({ id, cls: "nj-run-done" });
      const last = result.steps[result.steps.length - 1];
      for (const id of last.active) markers.push({ id, cls: "nj-run-current" });
      if (last.status === "rejected" && last.audit.nodeId) markers.push({ id: last.audit.nodeId, cls: "nj-run-rejected" });
      mark(runMarked, markers);
      const nameOf = (id: string) => result.people.find((p) => p.id === id)?.name[locale] ?? id;
      for (const task of last.openTasks) {
        if (!get("elementRegistry")?.get(task.nodeId)) continue;
        overlays?.add(task.nodeId, "nj-run", { position: { bottom: -6, left: 0 }, html: `<div class="nj-run-badge">${escapeHtml(task.assignees.map(nameOf).join("、"))}</div>` });
      }
      const current = last.active[0];
      if (current) select(current);
    },
    [get, mark, locale, select],
  );

  const switchMode = (next: "design" | "testRun") => {
    setMode(next);
    if (next === "design") showRun(null);
  };

  const saved = saver.state === "idle" ? saver.data?.saved : undefined;
  const saveError = saver.state === "idle" ? saver.data?.error : undefined;
  const status = saved
    ? saved.errorCount > 0
      ? t("savedWithErrors", { version: saved.draftVersion, count: saved.errorCount })
      : t("saved", { version: saved.draftVersion })
    : dirty
      ? t("unsaved")
      : version.status === "draft"
        ? t("editingDraft", { version: version.version })
        : t("editingPublished", { version: version.version });

  return (
    <div className={`nj-flow${mode === "testRun" ? " nj-flow-testrun" : ""}`} data-state={state}>
      <div className="nj-flow-toolbar">
        <Segmented
          value={mode}
          onChange={(v) => switchMode(v as "design" | "testRun")}
          options={[
            { value: "design", label: t("design") },
            { value: "testRun", label: <span data-testid="mode-testrun">{t("testRun")}</span> },
          ]}
        />
        <Space.Compact>
          <Button onClick={() => get("canvas")?.zoom((get("canvas")?.zoom() ?? 1) * 1.2, "auto")} aria-label={t("zoomIn")} title={t("zoomIn")}>
            ＋
          </Button>
          <Button onClick={() => get("canvas")?.zoom((get("canvas")?.zoom() ?? 1) / 1.2, "auto")} aria-label={t("zoomOut")} title={t("zoomOut")}>
            －
          </Button>
          <Button onClick={fit} title={t("fit")} data-testid="zoom-fit">
            {t("fit")}
          </Button>
        </Space.Compact>
        {mode === "design" && (
          <>
            <Space.Compact>
              <Button onClick={() => get("commandStack")?.undo()} disabled={!history.undo} title={t("undo")}>
                ↶ {t("undo")}
              </Button>
              <Button onClick={() => get("commandStack")?.redo()} disabled={!history.redo} title={t("redo")}>
                ↷ {t("redo")}
              </Button>
            </Space.Compact>
            <Space.Compact>
              <Button onClick={() => fileRef.current?.click()}>{t("import")}</Button>
              <Button onClick={exportFile}>{t("export")}</Button>
              <Button onClick={useTemplate}>{t("template")}</Button>
            </Space.Compact>
            <input ref={fileRef} type="file" accept=".bpmn,.xml,application/xml,text/xml" hidden onChange={(e) => onFile(e.target.files?.[0])} data-testid="import-file" />
            <Button type="primary" onClick={save} loading={saver.state !== "idle"} disabled={state !== "ready"} data-testid="save-flow">
              {t("save")}
            </Button>
            <span className={`nj-flow-status${saved && saved.errorCount > 0 ? " nj-flow-status-warn" : ""}`} role="status" data-testid="save-status">
              {status}
            </span>
          </>
        )}
      </div>
      {(importError || saveError || loadError) && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportError("")}
          message={loadError ? t("loadFailed", { message: loadError }) : importError || (locale === "en" ? saveError?.messageEn : saveError?.message)}
        />
      )}
      <div className="nj-flow-body">
        <div className="nj-flow-canvas" ref={canvasRef} data-testid="flow-canvas">
          {state === "loading" && (
            <div className="nj-flow-loading">
              <Spin /> {t("loading")}
            </div>
          )}
        </div>
        <aside className="nj-flow-side">
          <div ref={panelRef} className="nj-flow-properties" hidden={mode !== "design"} data-testid="properties-panel" />
          {mode === "testRun" && <TestRunPanel locale={locale} fields={fields} getXml={getXml} onResult={showRun} onSelect={select} nodeName={nodeName} />}
        </aside>
      </div>
      {mode === "design" && <ProblemsPanel problems={problems} checking={checking} locale={locale} onSelect={select} />}
      {mode === "testRun" && (
        <div className="nj-flow-legend">
          <span className="nj-legend-done">{t("legendDone")}</span>
          <span className="nj-legend-current">{t("legendCurrent")}</span>
        </div>
      )}
    </div>
  );
}
