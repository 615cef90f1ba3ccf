import { afterEach, expect } from "vitest";
import { takePageErrors } from "./browser";

// Any uncaught error in a page (a React hydration mismatch, a failed effect) fails the test
// that opened it, so such errors cannot come back silently.
afterEach(() => {
  expect(takePageErrors(), "uncaught errors in the browser").toEqual([]);
});
