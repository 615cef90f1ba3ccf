import type { FormSchemaProblem } from "./schema";

/** A form problem with its message in each language, for a UI that shows one of them. */
export type BilingualProblem = { path: string; code: string; message: string; messageZh: string; messageEn: string };

/** Split checkFormSchema's "中文 / English" message into its two languages. */
export function bilingualProblem(p: FormSchemaProblem): BilingualProblem {
  const at = p.message.indexOf(" / ");
  const messageZh = at >= 0 ? p.message.slice(0, at) : p.message;
  const messageEn = at >= 0 ? p.message.slice(at + 3) : p.message;
  return { path: p.path, code: p.code, message: p.message, messageZh, messageEn };
}
