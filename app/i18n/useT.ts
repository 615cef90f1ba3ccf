import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey } from "./messages";

/** The locale chosen in the root loader (cookie `lang`, Chinese by default). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "zh";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
}
