import { CaseCommandError } from "../../workflows/runtime/errors";

/** The CaseCommandError a service call was refused with; fails the test if it went through. */
export async function refusal(p: Promise<unknown>): Promise<CaseCommandError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CaseCommandError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
