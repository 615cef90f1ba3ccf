import type { Directory, Localized, OrgLevel } from "../types";

/** Someone the admin can act as during a test run. */
export type SamplePerson = { id: string; name: Localized; role: Localized };

const person = (id: string, zh: string, en: string, roleZh: string, roleEn: string): SamplePerson => ({ id, name: { zh, en }, role: { zh: roleZh, en: roleEn } });

export const SAMPLE_APPLICANT = "sample:applicant";
export const SAMPLE_ADMIN = "sample:admin";

type SampleOrg = { level: OrgLevel; name: Localized; approvers: SamplePerson[]; admins: SamplePerson[] };

/** An invented org chain (基层工会 → 街道 → 区总 → 市总) with a few approvers at each level. */
const orgs: SampleOrg[] = [
  {
    level: "grassroots",
    name: { zh: "样例基层工会", en: "Sample grassroots union" },
    approvers: [
      person("sample:grassroots:1", "基层审批人甲", "Grassroots approver A", "基层工会审批人", "grassroots approver"),
      person("sample:grassroots:2", "基层审批人乙", "Grassroots approver B", "基层工会审批人", "grassroots approver"),
      person("sample:grassroots:3", "基层审批人丙", "Grassroots approver C", "基层工会审批人", "grassroots approver"),
    ],
    admins: [person("sample:grassroots:admin", "基层管理员", "Grassroots admin", "基层工会管理员", "grassroots admin")],
  },
  {
    level: "street",
    name: { zh: "样例街道总工会", en: "Sample street federation" },
    approvers: [
      person("sample:street:1", "街道审批人甲", "Street approver A", "街道审批人", "street approver"),
      person("sample:street:2", "街道审批人乙", "Street approver B", "街道审批人", "street approver"),
    ],
    admins: [],
  },
  {
    level: "district",
    name: { zh: "样例区总工会", en: "Sample district federation" },
    approvers: [person("sample:district:1", "区总审批人", "District approver", "区总工会审批人", "district approver")],
    admins: [],
  },
  {
    level: "city",
    name: { zh: "样例市总工会", en: "Sample city federation" },
    approvers: [person("sample:city:1", "市总审批人", "City approver", "市总工会审批人", "city approver")],
    admins: [],
  },
];

export const samplePeople: SamplePerson[] = [
  person(SAMPLE_APPLICANT, "样例申请人", "Sample applicant", "申请人", "applicant"),
  ...orgs.flatMap((o) => [...o.approvers, ...o.admins]),
  person(SAMPLE_ADMIN, "项目管理员", "Program admin", "项目管理员", "program admin"),
];

/** The directory the engine resolves approvers from in a test run: no database, always the same people. */
export function sampleDirectory(applicantId = SAMPLE_APPLICANT): Directory {
  return {
    applicantId,
    chain: orgs.map((o) => ({
      orgId: `sample:${o.level}`,
      level: o.level,
      name: o.name.zh,
      roles: { approver: o.approvers.map((p) => p.id), admin: o.admins.map((p) => p.id) },
    })),
    programAdmins: [SAMPLE_ADMIN],
  };
}
