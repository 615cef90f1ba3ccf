import { EyeInvisibleOutlined, EyeOutlined } from "@ant-design/icons";
import { useFetcher } from "@remix-run/react";
import { Button } from "antd";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useCsrfToken } from "~/components/CsrfInput";
import { useLocale, useT } from "~/i18n/useT";

/** Which values of a read-only form view are masked, and whether this viewer may 查看 them. */
export type RevealSettings = { caseId: string; masked: string[]; canReveal: boolean; taskId?: string };

const RevealContext = createContext<RevealSettings | null>(null);

export function RevealProvider({ value, children }: { value: RevealSettings; children: ReactNode }) {
  return <RevealContext.Provider value={value}>{children}</RevealContext.Provider>;
}

type RevealResult = { value?: string; error?: { message: string; messageEn: string } };

/**
 * A value as a read-only view shows it: as is, or — when masked for this viewer — the mask with a
 * 查看 button that asks the server for the value (which audits the reveal) and 隐藏 to mask it again.
 * `path` is the value's refKey: "mobile", or "members.0.idNumber" for a 明细表 cell.
 */
export function RevealableValue({ path, label, children }: { path: string; label: string; children: ReactNode }) {
  const settings = useContext(RevealContext);
  if (!settings?.masked.includes(path)) return <>{children}</>;
  return (
    <RevealButton settings={settings} path={path} label={label}>
      {children}
    </RevealButton>
  );
}

function RevealButton({ settings, path, label, children }: { settings: RevealSettings; path: string; label: string; children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const csrf = useCsrfToken();
  const fetcher = useFetcher<RevealResult>();
  const [shown, setShown] = useState(false);
  const value = fetcher.data?.value;
  useEffect(() => {
    if (value !== undefined) setShown(true);
  }, [value]);
  const error = fetcher.state === "idle" ? fetcher.data?.error : undefined;
  const reveal = () => {
    // Shown again within the same page view: nothing new is disclosed, so no second request.
    if (value !== undefined) return setShown(true);
    const form: Record<string, string> = { _csrf: csrf, field: path };
    if (settings.taskId) form.taskId = settings.taskId;
    fetcher.submit(form, { method: "post", action: `/portal/cases/${settings.caseId}/reveal` });
  };
  return (
    <span className="nj-reveal">
      <span className="nj-reveal-value" data-revealed={shown ? "true" : "false"}>
        {shown && value !== undefined ? value : children}
      </span>
      {settings.canReveal &&
        (shown ? (
          <Button size="small" type="link" className="nj-reveal-button" icon={<EyeInvisibleOutlined />} onClick={() => setShown(false)} aria-label={`${t("revealHide")} ${label}`}>
            {t("revealHide")}
          </Button>
        ) : (
          <Button size="small" type="link" className="nj-reveal-button" icon={<EyeOutlined />} loading={fetcher.state !== "idle"} onClick={reveal} aria-label={`${t("reveal")} ${label}`}>
            {t("reveal")}
          </Button>
        ))}
      {error && (
        <span role="alert" className="nj-reveal-error">
          {locale === "en" ? error.messageEn : error.message}
        </span>
      )}
    </span>
  );
}

/** For pages with masked values: a 查看 needs no reload of the page's data. */
export function revealNeedsNoReload({ formAction, defaultShouldRevalidate }: { formAction?: string; defaultShouldRevalidate: boolean }): boolean {
  return formAction?.endsWith("/reveal") ? false : defaultShouldRevalidate;
}
