/**
 * The benchmarks' 200-field form: 10 sections of every simple type, conditions, a 20-row 明细表,
 * computed fields (sum, count, per-capita) and a rule; `input` is a complete valid submission.
 */
const label = (zh: string) => ({ zh, en: "" });
const options = Array.from({ length: 8 }, (_, i) => ({ value: `o${i}`, label: label(`选项${i}`) }));

export function bigForm(): { json: unknown; input: Record<string, unknown> } {
  const fields: Record<string, unknown>[] = [];
  const input: Record<string, unknown> = {};
  const kinds: [string, Record<string, unknown>, unknown][] = [
    ["text", { maxLength: 50 }, "孙丽"],
    ["textarea", {}, "家中老人生病，需要照顾"],
    ["number", { integer: true, min: 0, max: 100 }, 3],
    ["money", { max: 100000 }, 1234.5],
    ["date", { max: "today" }, "1990-02-28"],
    ["select", { options }, "o3"],
    ["radio", { options: options.slice(0, 3) }, "o1"],
    ["checkbox", { options }, ["o1", "o2"]],
    ["switch", {}, true],
    ["idNumber", {}, "11010519491231002X"],
    ["mobile", {}, "13900000003"],
    ["email", {}, "sun.li@example.com"],
    ["bankCard", {}, "4111111111111111"],
    ["creditCode", {}, "91350100M000100Y43"],
    ["dateRange", {}, { start: "2026-07-01", end: "2026-08-31" }],
    ["address", {}, "枋湖北二路88号"],
    ["region", {}, { codes: ["35", "3502", "350206"] }],
    ["text", { hiddenIf: "false" }, "条件字段"],
    ["number", { requiredIf: "true" }, 7],
  ];
  for (let section = 0; section < 10; section++) {
    fields.push({ key: `g${section}`, type: "group", label: label(`第${section + 1}部分`) });
    kinds.forEach(([type, extra, value], i) => {
      const key = `f${section}_${i}`;
      fields.push({ key, type, label: label(`字段${section + 1}-${i + 1}`), ...extra });
      input[key] = value;
    });
  }
  fields.push({
    key: "members", type: "table", label: label("家庭成员"), maxRows: 50,
    columns: [
      { key: "name", type: "text", label: label("姓名"), required: true },
      { key: "age", type: "number", label: label("年龄"), integer: true },
      { key: "income", type: "money", label: label("月收入"), default: 0 },
    ],
  });
  input.members = Array.from({ length: 20 }, (_, i) => ({ name: `成员${i}`, age: 30 + i, income: 1000 + i }));
  fields.push({ key: "total", type: "computed", label: label("家庭总收入"), expression: "sum(members.income)", format: "money" });
  fields.push({ key: "size", type: "computed", label: label("家庭人口"), expression: "count(members)" });
  fields.push({ key: "perCapita", type: "computed", label: label("人均"), expression: "total / size", format: "money" });
  while (fields.length < 200) {
    const key = `extra${fields.length}`;
    fields.push({ key, type: "text", label: label(`补充${fields.length}`) });
    input[key] = "补充";
  }
  return { json: { schemaVersion: 1, id: "bench-200", title: label("200 个字段"), fields, rules: [{ assert: "perCapita <= 100000", message: label("人均过高") }] }, input };
}
