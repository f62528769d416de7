// Tests of the keyboard shortcuts: which key press asks for which command, in any keyboard
// layout, and that the screen shown last handles a command.
import { describe, expect, it, vi } from "vitest";
import { commandFor, enterMovesOn, onCommand, runCommand } from "./shortcuts";

function press(init: KeyboardEventInit, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { bubbles: true, ...init });
  Object.defineProperty(event, "target", { value: target });
  return event;
}

describe("shortcuts", () => {
  it.each([
    [{ ctrlKey: true, code: "KeyK", key: "k" }, "search"],
    [{ ctrlKey: true, code: "KeyN", key: "n" }, "new-family"],
    [{ ctrlKey: true, code: "KeyS", key: "ы" }, "save"],
    [{ ctrlKey: true, code: "KeyE", key: "у" }, "edit"],
    [{ ctrlKey: true, code: "KeyL", key: "l" }, "lock"],
    [{ altKey: true, code: "KeyA", key: "a" }, "add-member"],
    [{ altKey: true, code: "ArrowLeft", key: "ArrowLeft" }, "back"],
    [{ altKey: true, code: "KeyH", key: "h" }, "home"],
    [{ ctrlKey: true, code: "", key: "s" }, "save"],
    [{ ctrlKey: true, code: "KeyA", key: "a" }, null],
    [{ code: "KeyS", key: "s" }, null],
  ] as const)("maps %o to %s", (init, command) => {
    expect(commandFor(press(init))).toBe(command);
  });

  it("takes / for search only outside text fields", () => {
    expect(commandFor(press({ key: "/", code: "Slash" }))).toBe("search");
    const input = document.createElement("input");
    document.body.append(input);
    expect(commandFor(press({ key: "/", code: "Slash" }, input))).toBeNull();
    input.remove();
  });

  it("lets the screen registered last handle a command, until it goes", () => {
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = onCommand("save", first);
    const offSecond = onCommand("save", second);
    expect(runCommand("save")).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    offSecond();
    runCommand("save");
    expect(first).toHaveBeenCalledTimes(1);
    offFirst();
    expect(runCommand("save")).toBe(false);
  });

  it("moves to the next field on Enter in a form instead of submitting it", () => {
    const form = document.createElement("form");
    form.innerHTML = '<input id="a"><input id="b" type="radio"><select id="c"></select><textarea id="d"></textarea>';
    document.body.append(form);
    const a = form.querySelector<HTMLInputElement>("#a")!;
    const enter = new KeyboardEvent("keydown", { key: "Enter", cancelable: true });
    Object.defineProperty(enter, "target", { value: a });
    expect(enterMovesOn(enter)).toBe(true);
    expect(enter.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe("b");
    // Not in a text area, and not with Ctrl held.
    const inArea = new KeyboardEvent("keydown", { key: "Enter" });
    Object.defineProperty(inArea, "target", { value: form.querySelector("#d") });
    expect(enterMovesOn(inArea)).toBe(false);
    const ctrl = new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true });
    Object.defineProperty(ctrl, "target", { value: a });
    expect(enterMovesOn(ctrl)).toBe(false);
    form.remove();
  });
});
