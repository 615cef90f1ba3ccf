/** A refusal about plugins a caller can show to a person: a stable code and a message in both languages. */
export class PluginCommandError extends Error {
  constructor(
    readonly code: "unknownPlugin" | "unknownOrg" | "notDistrict" | "coreAlwaysOn" | "notYourDistrict" | "invalidInput",
    readonly messageZh: string,
    readonly messageEn: string,
    readonly status: number,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}
