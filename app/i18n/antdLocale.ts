import type { ConfigProviderProps } from "antd";
import zhCNModule from "antd/locale/zh_CN";
import enUSModule from "antd/locale/en_US";
import type { Locale } from "./messages";

type AntdLocale = NonNullable<ConfigProviderProps["locale"]>;

/**
 * antd's locale files are CommonJS. The client bundle (Vite) hands us the locale object, but the
 * server build imports them with Node's ESM loader, which hands us `{ default: locale }` — antd then
 * falls back to its English texts on the server only ("No data" vs 暂无数据), React sees different
 * text when hydrating and throws the whole page away (minified errors #418/#425/#423).
 */
function unwrap(mod: AntdLocale | { default: AntdLocale }): AntdLocale {
  return "default" in mod ? mod.default : mod;
}

const byLocale: Record<Locale, AntdLocale> = { zh: unwrap(zhCNModule), en: unwrap(enUSModule) };

/** antd's built-in texts (empty lists, pagination, pickers, upload) in the user's language. */
export function antdLocale(locale: Locale): AntdLocale {
  return byLocale[locale];
}
