// @vitest-environment happy-dom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useDraftAutosave } from "./useDraftAutosave";

// When the apply page's draft is sent: after a quiet spell, during long typing, when the page is hidden; never unchanged.
let posts: string[];
let beacons: string[];

beforeEach(() => {
  vi.useFakeTimers();
  posts = [];
  beacons = [];
  vi.stubGlobal("fetch", vi.fn(async (_url: string, init: RequestInit) => {
    posts.push(new URLSearchParams(init.body as URLSearchParams).get("payload")!);
    return new Response(JSON.stringify({ saved: true, savedAt: "2026-11-24T04:20:00.000Z" }), { status: 200 });
  }));
  Object.defineProperty(navigator, "sendBeacon", {
    configurable: true,
    value: (_url: string, body: URLSearchParams) => beacons.push(body.get("payload")!) > 0,
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const setup = () => renderHook(() => useDraftAutosave({ url: "/portal/programs/p/draft", csrf: "t".repeat(32), submitKey: "k".repeat(12) }));

describe("draft autosave", () => {
  it("does not save the values the page opened with, then saves once typing pauses", async () => {
    const { result } = setup();
    act(() => result.current.onValuesChange({ name: "" }));
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(posts).toEqual([]);

    act(() => result.current.onValuesChange({ name: "孙" }));
    act(() => result.current.onValuesChange({ name: "孙丽" }));
    await act(() => vi.advanceTimersByTimeAsync(1900));
    expect(posts).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(posts).toEqual(['{"name":"孙丽"}']);
    expect(result.current.state).toEqual({ status: "saved", savedAt: "2026-11-24T04:20:00.000Z" });

    // Typing back to what was saved sends nothing.
    act(() => result.current.onValuesChange({ name: "孙丽x" }));
    act(() => result.current.onValuesChange({ name: "孙丽" }));
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(posts).toHaveLength(1);
  });

  it("saves at least every ten seconds while someone keeps typing", async () => {
    const { result } = setup();
    act(() => result.current.onValuesChange({ note: "" }));
    for (let i = 1; i <= 12; i++) {
      act(() => result.current.onValuesChange({ note: "字".repeat(i) }));
      await act(() => vi.advanceTimersByTimeAsync(1000));
    }
    expect(posts).toEqual([JSON.stringify({ note: "字".repeat(10) })]);
  });

  it("sends a beacon when the page is hidden, and retries a failed save later", async () => {
    const { result } = setup();
    act(() => result.current.onValuesChange({ name: "" }));
    act(() => result.current.onValuesChange({ name: "孙丽" }));
    Object.defineProperty(document, "visibilityState", { configurable: true, value: "hidden" });
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(beacons).toEqual(['{"name":"孙丽"}']);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(posts).toEqual([]); // the beacon already carried it

    vi.mocked(fetch).mockResolvedValueOnce(new Response("{}", { status: 500 }));
    act(() => result.current.onValuesChange({ name: "孙丽丽" }));
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(result.current.state.status).toBe("failed");
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(posts).toEqual(['{"name":"孙丽丽"}']);
    expect(result.current.state.status).toBe("saved");
  });
});
