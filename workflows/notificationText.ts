import type { Locale } from "../forms/messages";

type Subject = { programName: string; caseNo: string };
type Template = { zh: (s: Subject) => string; en: (s: Subject) => string };

/** What each kind of message says; a kind this build does not know is shown by its key. */
const templates: Record<string, Template> = {
  "task.assigned": { zh: (s) => `新的待办：${s.programName} ${s.caseNo}`, en: (s) => `New task: ${s.programName} ${s.caseNo}` },
  "task.released": { zh: (s) => `可以办理了：${s.programName} ${s.caseNo} 已被同事释放，回到您的待办`, en: (s) => `Back in your tasks: ${s.programName} ${s.caseNo} was released by a colleague` },
  "task.overdue": { zh: (s) => `已超时：${s.programName} ${s.caseNo} 已超过办理时限，请尽快处理`, en: (s) => `Overdue: ${s.programName} ${s.caseNo} is past its due time` },
  "task.reminder": { zh: (s) => `催办：${s.programName} ${s.caseNo} 即将超时，请尽快处理`, en: (s) => `Reminder: ${s.programName} ${s.caseNo} is nearly overdue` },
  cc: { zh: (s) => `抄送给您：${s.programName} ${s.caseNo}`, en: (s) => `Copied to you: ${s.programName} ${s.caseNo}` },
  "case.approved": { zh: (s) => `您的申请已通过：${s.programName} ${s.caseNo}`, en: (s) => `Your application was approved: ${s.programName} ${s.caseNo}` },
  "case.rejected": { zh: (s) => `您的申请未获通过：${s.programName} ${s.caseNo}，请查看审批意见`, en: (s) => `Your application was not approved: ${s.programName} ${s.caseNo}; see the comments` },
  "case.returned": { zh: (s) => `您的申请被退回补正：${s.programName} ${s.caseNo}，请修改后重新提交`, en: (s) => `Your application was returned: ${s.programName} ${s.caseNo}; please correct and resubmit` },
  "case.withdrawn": { zh: (s) => `申请已撤回：${s.programName} ${s.caseNo}`, en: (s) => `Application withdrawn: ${s.programName} ${s.caseNo}` },
  "case.failed": { zh: (s) => `申请办理出错，工作人员正在处理：${s.programName} ${s.caseNo}`, en: (s) => `Processing failed and staff are looking into it: ${s.programName} ${s.caseNo}` },
  "waitlist.promoted": { zh: (s) => `候补成功：${s.programName} ${s.caseNo} 已为您保留名额`, en: (s) => `Off the waitlist: a place in ${s.programName} ${s.caseNo} is yours` },
};

export function notificationText(templateKey: string, subject: Subject, locale: Locale): string {
  const template = templates[templateKey];
  return template ? template[locale](subject) : `${templateKey} ${subject.caseNo}`.trim();
}

/** Where a message leads: the recipient's open task, else the case. */
export function notificationLink(n: { caseId: string | null; openTaskId: string | null }): string | null {
  if (n.openTaskId) return `/inbox/tasks/${n.openTaskId}`;
  return n.caseId ? `/portal/cases/${n.caseId}` : null;
}
