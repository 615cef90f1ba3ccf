/**
 * The one bridge from app/ to workflows/, forms/ and db/ (Remix's server guard covers only app/).
 * Routes call these; each method takes the process-wide database itself.
 */
import { getDb } from "../db/client";
import { DEMO_LOGINS } from "../db/demoOrgs";
import * as identity from "../workflows/services/identity";
import * as programs from "../workflows/services/programs";
import * as pluginSettings from "../workflows/services/pluginSettings";
import * as pluginPages from "../workflows/services/pluginPages";
import * as cases from "../workflows/services/cases";
import * as applicationDrafts from "../workflows/services/applicationDrafts";
import * as files from "../workflows/services/files";
import { getFileStore } from "../db/fileStore";
import { fullRegionSource } from "../forms/regions/fullRegionData";
import * as taskActions from "../workflows/services/taskActions";
import * as notifications from "../workflows/services/notifications";
import * as enrolment from "../workflows/services/enrolment";
import * as createProgram from "../workflows/services/createProgram";
import * as programSettingsAdmin from "../workflows/services/programSettingsAdmin";
import { taskFieldAccess } from "../workflows/services/taskFieldAccess";
import * as availability from "../workflows/services/programAvailability";
import * as inbox from "../workflows/services/inboxQueries";
import * as publishing from "../workflows/services/publishProgram";
export { matchesSearch } from "../workflows/services/inboxQueries";
import * as programDrafts from "../workflows/services/programDrafts";
import * as apiTokens from "../workflows/services/apiTokens";
import * as flowDrafts from "../workflows/services/flowDrafts";
import * as taskClaims from "../workflows/services/taskClaims";
import { bulkApprove } from "../workflows/services/bulkApproval";
import { approvalSheetOf } from "../workflows/services/approvalSheet";
import { caseViewFor } from "../workflows/services/caseViewFor";
import { revealValue } from "../workflows/services/revealValue";
import { taskCaseView } from "../workflows/services/taskCaseView";
import { adminDashboard } from "../workflows/services/adminDashboard";
import * as workCalendar from "../workflows/services/workCalendar";
import * as caseIncidents from "../workflows/services/caseIncidents";
import * as orgPeople from "../workflows/services/orgPeople";
import { exportCases } from "../workflows/services/exportCases";
import type { SessionUser } from "../workflows/services/identity";
import type { Locale } from "./i18n/messages";

export type { SessionUser } from "../workflows/services/identity";
export type { Decision } from "../workflows/services/cases";
export type { MaskedCaseView as CaseView } from "../workflows/services/caseViewFor";
export type { FileMeta } from "../db/files";
export type { UploadRead, UploadTarget } from "../workflows/services/files";
export type { TaskCommand, Colleague } from "../workflows/services/taskActions";
export type { DraftProblem, StudioProgram, VersionSummary } from "../workflows/services/programDrafts";
export { hasRole, hasRoleOver } from "../workflows/services/identity";
export { caseStatuses } from "../db/schema";

async function db() {
  return (await getDb()).db;
}

export const services = {
  /** One level of the 省/市/区/街道 data (REGION_ROOT "0" for provinces); undefined for an unknown code. */
  regionChildren: (parentCode: string) => fullRegionSource.children(parentCode),
  listPluginsForAdmin: async (user: SessionUser) => pluginSettings.listPluginsForAdmin(await db(), user),
  setPluginEnabled: async (user: SessionUser, pluginId: string, districtId: string, enabled: boolean) =>
    pluginSettings.setPluginEnabledByAdmin(await db(), user, pluginId, districtId, enabled),
  /** Plugin pages (/p/<pluginId>/<name>) open to this person: the plugin runs and their district switched it on. */
  listPluginPages: async (user: SessionUser) => pluginPages.listPluginPagesFor(await db(), user),
  loadPluginPage: async (user: SessionUser, pluginId: string, name: string, query: Record<string, unknown>, locale: Locale) =>
    pluginPages.loadPluginPage(await db(), user, pluginId, name, query, locale),
  runPluginPageAction: async (user: SessionUser, pluginId: string, name: string, action: string, input: Record<string, unknown>, locale: Locale) =>
    pluginPages.runPluginPageAction(await db(), user, pluginId, name, action, input, locale),

  demoLogins: () => (process.env.NIANGJIA_DEMO === "0" ? [] : DEMO_LOGINS),
  signIn: async (mobile: string, password: string, address: string) => identity.signIn(await db(), mobile, password, address),
  signOut: async (sessionId: string) => identity.signOut(await db(), sessionId),
  userForSession: async (sessionId: string) => identity.userForSession(await db(), sessionId),
  /** The person behind a bearer token for the JSON API (or invalid / rate-limited, without saying which tokens exist). */
  userForApiToken: async (token: string, address: string) => apiTokens.userForApiToken(await db(), token, address),

  listOpenPrograms: async (user: SessionUser) => programs.listOpenPrograms(await db(), user),
  programAvailability: async (user: SessionUser, programIds: string[]) => availability.availabilityOf(await db(), user, programIds),
  listMyWaitlist: async (user: SessionUser) => availability.listMyWaitlist(await db(), user),
  getProgramForApply: async (user: SessionUser, programId: string) => programs.getProgramForApply(await db(), user, programId),
  /** The published form plus the person's autosaved draft and the files it names. */
  getApplyPage: async (user: SessionUser, programId: string) => applicationDrafts.getApplyPage(await db(), user, programId),
  saveDraft: async (user: SessionUser, programId: string, input: unknown, submitKey: string) =>
    applicationDrafts.saveDraft(await db(), user, programId, input, submitKey),
  uploadFile: async (user: SessionUser, target: files.UploadTarget, read: files.UploadReader, locale: Locale) =>
    files.uploadFile(await db(), await getFileStore(), user, target, read, locale),
  readFile: async (user: SessionUser, fileId: string) => files.readFileFor(await db(), await getFileStore(), user, fileId),
  submitApplication: async (user: SessionUser, programId: string, input: unknown, submitKey: string, locale: Locale) =>
    cases.submitApplication(await db(), user, programId, input, submitKey, locale),
  listMyCases: async (user: SessionUser) => cases.listMyCases(await db(), user),
  /** The case as this person may see it: personal numbers masked unless they are the applicant. */
  getCaseView: async (user: SessionUser, caseId: string) => caseViewFor(await db(), user, caseId),
  /** A task and its case as the assignee sees it at the node: 隐藏 fields left out, numbers masked. */
  taskCaseView: async (user: SessionUser, taskId: string) => taskCaseView(await db(), user, taskId),
  /** 查看: one masked value in clear, audited (who, case, field). */
  revealValue: async (user: SessionUser, caseId: string, field: string, taskId?: string) => revealValue(await db(), user, caseId, field, taskId),
  /** 管理看板 over the admin's org subtree, narrowed by `filters` (program, status, org, dates). */
  adminDashboard: async (user: SessionUser, filters: unknown) => adminDashboard(await db(), user, filters),
  listCaseIncidents: async (user: SessionUser) => caseIncidents.listCaseIncidents(await db(), user),
  retryCaseIncident: async (user: SessionUser, incidentId: string) => caseIncidents.retryCaseIncident(await db(), user, incidentId),
  listOrgPeople: async (user: SessionUser) => orgPeople.listOrgPeople(await db(), user),
  grantOrgRole: async (user: SessionUser, input: unknown) => orgPeople.grantOrgRole(await db(), user, input),
  revokeOrgRole: async (user: SessionUser, input: unknown) => orgPeople.revokeOrgRole(await db(), user, input),
  getWorkCalendar: async (user: SessionUser, year: number) => workCalendar.getWorkCalendar(await db(), user, year),
  saveWorkCalendar: async (user: SessionUser, input: unknown) => workCalendar.saveWorkCalendar(await db(), user, input),
  /** 导出 CSV/Excel of one program's cases, masked unless asked otherwise with a purpose; audited. */
  exportCases: async (user: SessionUser, input: unknown, statusLabels: Record<string, string>, locale: Locale) => exportCases(await db(), user, input, statusLabels, locale),
  resubmitCase: async (user: SessionUser, caseId: string, input: unknown, locale: Locale) => cases.resubmitCase(await db(), user, caseId, input, locale),
  withdrawCase: async (user: SessionUser, caseId: string) => cases.withdrawCase(await db(), user, caseId),

  listMyTasks: async (user: SessionUser) => cases.listMyTasks(await db(), user),
  getTask: async (user: SessionUser, taskId: string) => cases.getTask(await db(), user, taskId),
  /** 可编辑 / 只读 / 隐藏 of every field for the task's assignee at its node. */
  taskFieldAccess: async (user: SessionUser, taskId: string) => taskFieldAccess(await db(), user, taskId),
  decideTask: async (user: SessionUser, taskId: string, decision: cases.Decision, locale?: cases.Locale) => cases.decideTask(await db(), user, taskId, decision, locale),
  taskActions: async (taskId: string) => taskActions.taskActionsOf(await db(), taskId),
  colleaguesFor: async (user: SessionUser, taskId: string) => taskActions.colleaguesFor(await db(), user, taskId),
  commandTask: async (user: SessionUser, taskId: string, command: taskActions.TaskCommand) => taskActions.commandTask(await db(), user, taskId, command),
  listCopiedToMe: async (user: SessionUser) => cases.listCopiedToMe(await db(), user),
  /** 认领 / 释放 a pool task; and who holds it and whether the caller may claim it. */
  claimTask: async (user: SessionUser, taskId: string) => taskClaims.claimTask(await db(), user, taskId),
  releaseTask: async (user: SessionUser, taskId: string, comment?: string) => taskClaims.releaseTask(await db(), user, taskId, comment),
  taskClaimState: async (user: SessionUser, taskId: string) => taskClaims.taskClaimState(await db(), user, taskId),
  /** 批量同意: each case on its own; the result lists what was approved and what failed, with reasons. */
  bulkApprove: async (user: SessionUser, taskIds: string[], comment: string) => bulkApprove(await db(), user, taskIds, comment),
  /** 审批单: built on the very view the case page shows this person (same visibility, same values). */
  getApprovalSheet: async (user: SessionUser, caseId: string) => approvalSheetOf(await db(), await services.getCaseView(user, caseId)),
  listMyDoneTasks: async (user: SessionUser) => inbox.listMyDoneTasks(await db(), user),
  publishDraft: async (user: SessionUser, programId: string) => publishing.publishDraft(await db(), user, programId),

  listStudioPrograms: async (user: SessionUser) => programDrafts.listStudioPrograms(await db(), user),
  getStudioProgram: async (user: SessionUser, programId: string) => programDrafts.getStudioProgram(await db(), user, programId),
  getFormDesign: async (user: SessionUser, programId: string) => programDrafts.getFormDesign(await db(), user, programId),
  saveFormDraft: async (user: SessionUser, programId: string, formJson: unknown, fieldAccess?: unknown) => programDrafts.saveFormDraft(await db(), user, programId, formJson, fieldAccess),
  createDraft: async (user: SessionUser, programId: string) => programDrafts.getOrCreateDraft(await db(), user, programId),
  getFlowDesign: async (user: SessionUser, programId: string) => flowDrafts.getFlowDesign(await db(), user, programId),
  saveFlowDraft: async (user: SessionUser, programId: string, xml: unknown, baseHash: unknown) => flowDrafts.saveFlowDraft(await db(), user, programId, xml, baseHash),
  testRunFlow: async (user: SessionUser, programId: string, input: unknown) => flowDrafts.testRunFlow(await db(), user, programId, input),

  listMyNotifications: async (user: SessionUser, locale: Locale) => notifications.listMyNotifications(await db(), user, locale),
  unreadNotificationCount: async (user: SessionUser) => notifications.myUnreadCount(await db(), user),
  markNotificationsRead: async (user: SessionUser, ids?: string[]) => notifications.markMyNotificationsRead(await db(), user, ids),
  openNotification: async (user: SessionUser, id: string, locale: Locale) => notifications.openMyNotification(await db(), user, id, locale),

  programTemplatesFor: async (user: SessionUser) => createProgram.templatesFor(await db(), user),
  createProgram: async (user: SessionUser, input: unknown) => createProgram.createProgram(await db(), user, input),
  getProgramDetails: async (user: SessionUser, programId: string) => programSettingsAdmin.getProgramDetails(await db(), user, programId),
  updateProgramDetails: async (user: SessionUser, programId: string, input: unknown) => programSettingsAdmin.updateProgramDetails(await db(), user, programId, input),

  mayCancelEnrolment: async (user: SessionUser, caseId: string) => enrolment.mayCancelEnrolment(await db(), user, caseId),
  cancelEnrolment: async (user: SessionUser, caseId: string, reason: string) => enrolment.cancelEnrolment(await db(), user, caseId, reason),
  leaveWaitlist: async (user: SessionUser, entryId: string) => enrolment.leaveWaitlist(await db(), user, entryId),
};
