// Tests of the lock screen: the same user's password unlocks, a wrong one says so, and another
// user may sign in instead.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SESSION } from "../test/fixtures";
import LockScreen from "./LockScreen.svelte";

function backend() {
  mockIPC((command, args) => {
    if (command !== "unlock") return null;
    const { login, password } = args as { login: string; password: string };
    if (password !== `${login}-password`) {
      throw { code: "store-bad-credentials", message: null, args: {}, fields: [], duplicates: [] };
    }
    return { ...SESSION, actor: { ...SESSION.actor, login, full_name: null } };
  });
}

describe("lock screen", () => {
  it("unlocks with the same user's password", async () => {
    const user = userEvent.setup();
    backend();
    const onunlocked = vi.fn();
    render(LockScreen, { session: SESSION, onunlocked });
    expect(screen.getByTestId("lock-user")).toHaveTextContent("Айгерім Сапарова (aigerim)");
    await waitFor(() => expect(screen.getByTestId("lock-password")).toHaveFocus());
    await user.keyboard("wrong{Enter}");
    expect(await screen.findByTestId("lock-message")).toHaveTextContent("Логин немесе құпиясөз қате.");
    expect(screen.getByTestId("lock-password")).toHaveValue("");
    await user.keyboard("aigerim-password{Enter}");
    await waitFor(() => expect(onunlocked).toHaveBeenCalledTimes(1));
    expect(onunlocked.mock.calls[0]?.[1]).toBe(true);
  });

  it("lets another user sign in instead", async () => {
    const user = userEvent.setup();
    backend();
    const onunlocked = vi.fn();
    render(LockScreen, { session: SESSION, onunlocked });
    await user.click(screen.getByTestId("lock-switch"));
    await user.type(screen.getByTestId("lock-login"), "bolat");
    await user.type(screen.getByTestId("lock-password"), "bolat-password{Enter}");
    await waitFor(() => expect(onunlocked).toHaveBeenCalledTimes(1));
    expect(onunlocked.mock.calls[0]?.[0].actor.login).toBe("bolat");
    expect(onunlocked.mock.calls[0]?.[1]).toBe(false);
  });
});
