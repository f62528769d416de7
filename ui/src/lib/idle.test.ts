// Tests of the idle watch that locks the screen: it fires once after the idle time, any input
// starts the count again, and a stopped watch never fires.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchIdle, watchInput } from "./idle";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("idle watch", () => {
  it("fires once after the idle time", () => {
    const onIdle = vi.fn();
    const target = new EventTarget();
    watchIdle(60, onIdle, target);
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(120_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("starts again on every key press or pointer move", () => {
    const onIdle = vi.fn();
    const target = new EventTarget();
    watchIdle(60, onIdle, target);
    for (const event of ["keydown", "pointermove", "pointerdown", "wheel"]) {
      vi.advanceTimersByTime(50_000);
      target.dispatchEvent(new Event(event));
    }
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("never fires once stopped", () => {
    const onIdle = vi.fn();
    const stop = watchIdle(5, onIdle, new EventTarget());
    stop();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("tells of input at most once a span, and nothing once stopped", () => {
    const onInput = vi.fn();
    const target = new EventTarget();
    const stop = watchInput(60_000, onInput, target);
    expect(onInput).not.toHaveBeenCalled();
    target.dispatchEvent(new Event("keydown"));
    target.dispatchEvent(new Event("pointermove"));
    expect(onInput).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(59_999);
    target.dispatchEvent(new Event("wheel"));
    expect(onInput).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    target.dispatchEvent(new Event("keydown"));
    expect(onInput).toHaveBeenCalledTimes(2);
    stop();
    vi.advanceTimersByTime(120_000);
    target.dispatchEvent(new Event("keydown"));
    expect(onInput).toHaveBeenCalledTimes(2);
  });
});
