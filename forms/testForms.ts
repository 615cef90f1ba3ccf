import type { FormSchema } from "./schema";

/** Small forms shared by the tests of this folder. */
export const label = (zh: string, en = "") => ({ zh, en });

export function form(fields: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { schemaVersion: 1, id: "test-form", title: label("测试表单", "Test form"), fields, ...extra };
}

export function mustParse(schema: unknown, parse: (json: unknown) => { ok: true; schema: FormSchema } | { ok: false; problems: unknown[] }): FormSchema {
  const result = parse(schema);
  if (!result.ok) throw new Error(`test form does not parse: ${JSON.stringify(result.problems)}`);
  return result.schema;
}
