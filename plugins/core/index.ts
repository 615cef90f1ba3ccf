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
    description: { zh: "入会申请、金秋助学、暑托班、困难帮扶、事项请示等基础项目", en: "Membership, tuition aid, summer childcare, hardship aid, requests and other built-in programs" },
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
    registries.programTemplate({
      key: "tuition-aid",
      name: "金秋助学",
      nameEn: "Autumn tuition aid",
      description: "资助困难职工家庭当年考入全日制高校的子女：研究生5000元、本科4000元、专科3000元。基层、街道、区总三级审核，公示5个工作日后发放。",
      category: "aid",
      caseNoPattern: "JQZX-{yyyy}-{seq:4}",
      formSchema: JSON.parse(read("programs/tuitionAid/form.json")) as unknown,
      bpmnXml: read("programs/tuitionAid/flow.bpmn"),
      // One award per student per year, whoever applies.
      settings: { limit: { per: "year", keyField: "studentId" } },
    });
    registries.programTemplate({
      key: "summer-camp",
      name: "暑托班报名",
      nameEn: "Summer childcare classes",
      description: "职工子女（6至14周岁）暑期爱心托管班，按班级名额先到先得，额满候补，有人取消自动递补。",
      category: "childcare",
      caseNoPattern: "STB-{yyyy}-{seq:4}",
      formSchema: JSON.parse(read("programs/summerCamp/form.json")) as unknown,
      bpmnXml: read("programs/summerCamp/flow.bpmn"),
      settings: {
        limit: { per: "year", keyField: "childId" },
        capacity: { field: "klass", seats: { "jul-huli": 40, "aug-huli": 40, "jul-heshan": 30 }, waitlist: true },
      },
    });
    registries.programTemplate({
      key: "hardship",
      name: "困难职工帮扶",
      nameEn: "Hardship aid",
      description: "因病、因残、因灾、子女教育等原因生活困难的职工申请帮扶资金。基层、街道审核，区总会签；2000元以上报市总审批。",
      category: "aid",
      caseNoPattern: "KNBF-{yyyy}-{seq:4}",
      formSchema: JSON.parse(read("programs/hardship/form.json")) as unknown,
      bpmnXml: read("programs/hardship/flow.bpmn"),
      settings: { limit: { per: "year", count: 2 } },
    });
    registries.programTemplate({
      key: "request",
      name: "事项请示",
      nameEn: "Request to the union",
      description: "职工向所在工会或上级工会请示活动经费、场地使用、权益反映等事项，由申请人自选审批人批复，5个工作日内办理。",
      category: "general",
      caseNoPattern: "QS-{yyyy}-{seq:4}",
      formSchema: JSON.parse(read("programs/request/form.json")) as unknown,
      bpmnXml: read("programs/request/flow.bpmn"),
    });
  },
};
