import adHocSubProcess from "bpmnlint/rules/ad-hoc-sub-process";
import conditionalFlows from "bpmnlint/rules/conditional-flows";
import endEventRequired from "bpmnlint/rules/end-event-required";
import eventBasedGateway from "bpmnlint/rules/event-based-gateway";
import eventSubProcessTypedStartEvent from "bpmnlint/rules/event-sub-process-typed-start-event";
import fakeJoin from "bpmnlint/rules/fake-join";
import global from "bpmnlint/rules/global";
import labelRequired from "bpmnlint/rules/label-required";
import linkEvent from "bpmnlint/rules/link-event";
import noBpmndi from "bpmnlint/rules/no-bpmndi";
import noComplexGateway from "bpmnlint/rules/no-complex-gateway";
import noDisconnected from "bpmnlint/rules/no-disconnected";
import noDuplicateSequenceFlows from "bpmnlint/rules/no-duplicate-sequence-flows";
import noGatewayJoinFork from "bpmnlint/rules/no-gateway-join-fork";
import noImplicitEnd from "bpmnlint/rules/no-implicit-end";
import noImplicitSplit from "bpmnlint/rules/no-implicit-split";
import noImplicitStart from "bpmnlint/rules/no-implicit-start";
import noInclusiveGateway from "bpmnlint/rules/no-inclusive-gateway";
import noOverlappingElements from "bpmnlint/rules/no-overlapping-elements";
import singleBlankStartEvent from "bpmnlint/rules/single-blank-start-event";
import singleEventDefinition from "bpmnlint/rules/single-event-definition";
import startEventRequired from "bpmnlint/rules/start-event-required";
import subProcessBlankStartEvent from "bpmnlint/rules/sub-process-blank-start-event";
import superfluousGateway from "bpmnlint/rules/superfluous-gateway";
import superfluousLabel from "bpmnlint/rules/superfluous-label";
import superfluousTermination from "bpmnlint/rules/superfluous-termination";
import type { LintConfig, RuleFactory } from "bpmnlint";

/**
 * bpmnlint's `recommended` rule set, bundled statically so the same lint runs in the browser
 * (the modeler's problems panel) and on the server (save, publish) without a resolver that
 * reads node_modules. Severities are bpmnlint's, except where a rule is about drawing style
 * rather than whether the flow can run: those are warnings here (a missing label, missing
 * diagram info, overlapping shapes) and never block publishing.
 */
const rules: Record<string, RuleFactory> = {
  "ad-hoc-sub-process": adHocSubProcess,
  "conditional-flows": conditionalFlows,
  "end-event-required": endEventRequired,
  "event-based-gateway": eventBasedGateway,
  "event-sub-process-typed-start-event": eventSubProcessTypedStartEvent,
  "fake-join": fakeJoin,
  global,
  "label-required": labelRequired,
  "link-event": linkEvent,
  "no-bpmndi": noBpmndi,
  "no-complex-gateway": noComplexGateway,
  "no-disconnected": noDisconnected,
  "no-duplicate-sequence-flows": noDuplicateSequenceFlows,
  "no-gateway-join-fork": noGatewayJoinFork,
  "no-implicit-end": noImplicitEnd,
  "no-implicit-split": noImplicitSplit,
  "no-implicit-start": noImplicitStart,
  "no-inclusive-gateway": noInclusiveGateway,
  "no-overlapping-elements": noOverlappingElements,
  "single-blank-start-event": singleBlankStartEvent,
  "single-event-definition": singleEventDefinition,
  "start-event-required": startEventRequired,
  "sub-process-blank-start-event": subProcessBlankStartEvent,
  "superfluous-gateway": superfluousGateway,
  "superfluous-label": superfluousLabel,
  "superfluous-termination": superfluousTermination,
};

/** Rules demoted from error to warning: style, not executability. */
const styleOnly = new Set(["label-required", "no-bpmndi", "no-gateway-join-fork"]);

const recommended: Record<string, "error" | "warn"> = {
  "ad-hoc-sub-process": "error",
  "conditional-flows": "error",
  "end-event-required": "error",
  "event-based-gateway": "error",
  "event-sub-process-typed-start-event": "error",
  "fake-join": "warn",
  global: "warn",
  "label-required": "error",
  "link-event": "error",
  "no-bpmndi": "error",
  "no-complex-gateway": "error",
  "no-disconnected": "error",
  "no-duplicate-sequence-flows": "error",
  "no-gateway-join-fork": "error",
  "no-implicit-end": "error",
  "no-implicit-split": "error",
  "no-implicit-start": "error",
  "no-inclusive-gateway": "warn",
  "no-overlapping-elements": "warn",
  "single-blank-start-event": "error",
  "single-event-definition": "error",
  "start-event-required": "error",
  "sub-process-blank-start-event": "error",
  "superfluous-gateway": "warn",
  "superfluous-label": "warn",
  "superfluous-termination": "warn",
};

export const bpmnlintConfig: LintConfig = {
  rules: Object.fromEntries(Object.entries(recommended).map(([name, level]) => [name, styleOnly.has(name) ? "warn" : level])),
};

/** A resolver over the statically imported rules (no file system, works in the browser). */
export const bpmnlintResolver = {
  resolveRule(pkg: string, name: string): RuleFactory {
    const rule = pkg === "bpmnlint" ? rules[name] : undefined;
    if (!rule) throw new Error(`unknown bpmnlint rule ${pkg}/${name}`);
    return rule;
  },
  resolveConfig(pkg: string, name: string): LintConfig {
    if (pkg === "bpmnlint" && name === "recommended") return bpmnlintConfig;
    throw new Error(`unknown bpmnlint config ${pkg}/${name}`);
  },
};
