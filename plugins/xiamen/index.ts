import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NiangjiaPlugin } from "../types";
import { seedXiamenDemo } from "./demo";
import { xiamenForms } from "./forms";
import { computeMedicalAid } from "./medicalAid";
import { payoutsPage, wishWallPage } from "./pages";
import { TRANSPORT_PROGRAM_KEY, transportClaimHook } from "./transportClaims";
import { computeTransportSubsidy } from "./transportSubsidy";
import { publishWish, WISH_PROGRAM_KEY } from "./wishes";

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (rel: string) => readFileSync(path.join(here, rel), "utf8");

/**
 * 厦门: 平安返厦 travel subsidy, 职工医疗互助 claims and 微心愿. Each is a form and a flow like
 * any program; the plugin adds only what those cannot say: the subsidy table and the aid
 * amounts (service tasks, FEEL functions), one claim per ID per year across districts (an
 * admission hook on its own table), the wish wall and the bank payout file (pages).
 */
export const xiamenPlugin: NiangjiaPlugin = {
  manifest: {
    id: "xiamen",
    name: { zh: "厦门", en: "Xiamen" },
    version: "1.0.0",
    host: "^0.1.0",
    description: {
      zh: "平安返厦交通补贴、职工医疗互助金、微心愿",
      en: "Safe Return travel subsidy, workers' medical mutual aid, micro-wishes",
    },
  },
  migrationsFolder: path.join(here, "migrations"),
  forms: xiamenForms,
  // The demo: both Xiamen districts run the programs; the 医疗互助 roll gets its demo people.
  demo: { districts: ["huli", "siming"], seed: ({ db }) => seedXiamenDemo(db) },
  load(registries) {
    registries.serviceHandler("xiamen.computeTransportSubsidy", computeTransportSubsidy);
    registries.serviceHandler("xiamen.computeMedicalAid", computeMedicalAid);
    registries.serviceHandler("xiamen.publishWish", publishWish);
    registries.admissionHook(transportClaimHook);
    registries.programTemplate({
      key: TRANSPORT_PROGRAM_KEY,
      name: "平安返厦交通补贴",
      nameEn: "Safe Return to Xiamen travel subsidy",
      description: "春节后返厦上岗的外地户籍工会会员，凭车票申请一次交通补贴，按户籍省份分档、不超过票价。每人每年全市限一次，街道总工会审核。",
      category: "subsidy",
      caseNoPattern: "PAFX-{yyyy}-{seq:6}",
      formSchema: JSON.parse(read("programs/transport/form.json")) as unknown,
      bpmnXml: read("programs/transport/flow.bpmn"),
      // Members only; applications from 10 January to 10 March (the trips are 20 January to 28 February).
      settings: { audience: "members", window: { opensAt: "2027-01-10T00:00:00+08:00", closesAt: "2027-03-10T00:00:00+08:00" } },
    });
    registries.programTemplate({
      key: "xiamen-medical-aid",
      name: "职工医疗互助金",
      nameEn: "Workers' medical mutual aid",
      description: "参加医疗互助的会员确诊31种重大疾病之一：住院每天50元（最多30天），另补助个人自付费用的20%（自付最多计20万元）。系统核验参保并核算金额，区总工会确认。",
      category: "aid",
      caseNoPattern: "YLHZ-{yyyy}-{seq:5}",
      formSchema: JSON.parse(read("programs/medicalAid/form.json")) as unknown,
      bpmnXml: read("programs/medicalAid/flow.bpmn"),
    });
    registries.programTemplate({
      key: WISH_PROGRAM_KEY,
      name: "微心愿",
      nameEn: "Micro-wish",
      description: "许下一个200元以内的微心愿，基层工会审核后上本区心愿墙，由爱心人士认领并帮助实现。",
      category: "care",
      caseNoPattern: "WXY-{yyyy}-{seq:5}",
      formSchema: JSON.parse(read("programs/wish/form.json")) as unknown,
      bpmnXml: read("programs/wish/flow.bpmn"),
    });
    registries.page(wishWallPage);
    registries.page(payoutsPage);
  },
};
