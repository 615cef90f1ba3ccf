import { useCallback, useEffect, useRef, useState } from "react";

export type AutosaveState = { status: "idle" | "saving" | "saved" | "failed"; savedAt?: string };

export type AutosaveOptions = {
  /** The draft route: POST `_csrf`, `submitKey`, `payload` (the values as JSON). */
  url: string;
  csrf: string;
  /** The form's submit key: a save arriving after that submission went through is dropped by the server. */
  submitKey: string;
  /** Save this long after the last change… */
  quietMs?: number;
  /** …but no later than this after the first unsaved change, however long the typing goes on. */
  maxWaitMs?: number;
  retryMs?: number;
};

/**
 * Autosaves a form's values as a server-side draft: a few seconds after typing stops (or every
 * so often during long typing), and with a beacon when the page is hidden or closed (a phone
 * switching to WeChat, a tab closed). Unchanged values are never sent. Saves that reach the server
 * after their form was submitted are dropped there, so a late one cannot bring the draft back.
 */
export function useDraftAutosave({ url, csrf, submitKey, quietMs = 2000, maxWaitMs = 10_000, retryMs = 10_000 }: AutosaveOptions) {
  const [state, setState] = useState<AutosaveState>({ status: "idle" });
  const latest = useRef<string | null>(null);
  const saved = useRef<string | null>(null);
  const pendingSince = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const body = useCallback((json: string) => new URLSearchParams({ _csrf: csrf, submitKey, payload: json }), [csrf, submitKey]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const json = latest.current;
    if (json === null || json === saved.current) return;
    pendingSince.current = null;
    setState({ status: "saving" });
    try {
      const res = await fetch(url, { method: "POST", body: body(json), credentials: "same-origin", keepalive: true });
      if (!res.ok) throw new Error(`draft not saved: ${res.status}`);
      const answer = (await res.json()) as { savedAt?: string | null };
      saved.current = json;
      setState({ status: "saved", savedAt: answer.savedAt ?? undefined });
    } catch {
      setState({ status: "failed" });
      timer.current = setTimeout(() => void flush(), retryMs);
    }
  }, [url, body, retryMs]);

  const onValuesChange = useCallback(
    (values: Record<string, unknown>) => {
      const json = JSON.stringify(values);
      if (latest.current === null) {
        // The values the page opened with (blank, or the restored draft) are already where they belong.
        latest.current = saved.current = json;
        return;
      }
      if (json === latest.current) return;
      latest.current = json;
      clearTimeout(timer.current);
      if (json === saved.current) return;
      const now = Date.now();
      pendingSince.current ??= now;
      const wait = Math.max(0, Math.min(quietMs, pendingSince.current + maxWaitMs - now));
      timer.current = setTimeout(() => void flush(), wait);
    },
    [flush, quietMs, maxWaitMs],
  );

  useEffect(() => {
    const beacon = () => {
      const json = latest.current;
      if (json === null || json === saved.current) return;
      if (navigator.sendBeacon?.(url, body(json))) {
        clearTimeout(timer.current);
        saved.current = json;
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") beacon();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", beacon);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", beacon);
      beacon(); // leaving the page inside the app (a link) saves too
      clearTimeout(timer.current);
    };
  }, [url, body]);

  /** On submit: a save still waiting would only be dropped by the server. */
  const cancelPending = useCallback(() => clearTimeout(timer.current), []);

  return { state, onValuesChange, cancelPending };
}
