import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NiangjiaPlugin } from "../types";

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (rel: string) => readFileSync(path.join(here, rel), "utf8");

/** The built-in programs every district starts with. */
export const corePlugin: NiangjiaPlugin = {
  manifest: {
    id: "core",
    name: { zh: "基础项目", en: "Core programs" },
    version: "0.1.0",
    host: "^0.1.0",
    description: { zh: "入会申请等基础项目", en: "Membership joining and other built-in programs" },
  },
  load(registries) {
    registries.programTemplate({
      key: "membership",
      name: "入会申请",
      nameEn: "Join the union",
      description: "职工（含快递员、外卖送餐员、网约车司机、货车司机等新就业形态劳动者）申请加入工会，由所在基层工会审批，通过后发放会员编号。",
      category: "membership",
      caseNoPattern: "RH-{yyyy}-{seq:5}",
      formSchema: JSON.parse(read("programs/membership/form.json")) as unknown,
      bpmnXml: read("programs/membership/flow.bpmn"),
    });
  },
};
