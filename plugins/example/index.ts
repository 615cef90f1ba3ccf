import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NiangjiaPlugin } from "../types";
import { exampleAllowance, recordAllowance } from "./allowance";
import { exampleLedger } from "./schema";

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (rel: string) => readFileSync(path.join(here, rel), "utf8");

/**
 * The smallest complete plugin (docs/plugins.md walks through it): a FEEL function, a
 * service handler, a program (form + BPMN) and a table of its own with its own migrations.
 */
export const examplePlugin: NiangjiaPlugin = {
  manifest: {
    id: "example",
    name: { zh: "示例插件", en: "Example plugin" },
    version: "1.0.0",
    host: "^0.1.0",
    description: { zh: "住院慰问登记：演示插件如何注册 FEEL 函数、服务任务、项目模板和自有数据表", en: "Hospital visit allowance: shows how a plugin registers a FEEL function, a service task, a program and its own table" },
  },
  migrationsFolder: path.join(here, "migrations"),
  async install({ db }) {
    await db.insert(exampleLedger).values({ id: "installed", tenantId: "*", entry: "installed" }).onConflictDoNothing();
  },
  load(registries) {
    registries.feelFunction("example_allowance", exampleAllowance);
    registries.serviceHandler("example.recordAllowance", recordAllowance);
    registries.programTemplate({
      key: "example-allowance",
      name: "住院慰问登记（示例）",
      nameEn: "Hospital visit allowance (example)",
      description: "按住院天数每天 50 元登记慰问金，超过 500 元的由基层工会审批。",
      category: "example",
      caseNoPattern: "EX-{yyyy}-{seq:4}",
      formSchema: JSON.parse(read("program/form.json")) as unknown,
      bpmnXml: read("program/flow.bpmn"),
    });
  },
};
