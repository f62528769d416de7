// Tests of one's own password: the notice while someone else's password is in use, the form that
// checks the current password and the new one typed twice, each problem shown at its field, and
// the session without the notice afterwards.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionInfo } from "../lib/bindings/SessionInfo";
import { setLang } from "../lib/i18n";
import { SESSION } from "../test/fixtures";
import OwnPassword from "./OwnPassword.svelte";

const refusal = (field: string, code: string) => ({
  code: "store-invalid",
  message: null,
  args: {},
  fields: [{ field, code, args: {} }],
  duplicates: [],
});

describe("own password", () => {
  beforeEach(() => setLang("en"));

  it("shows nothing while the password is the user's own", () => {
    render(OwnPassword, { due: false, onchanged: vi.fn() });
    expect(screen.queryByTestId("own-password-due")).toBeNull();
    expect(screen.queryByTestId("own-password-form")).toBeNull();
  });

  it("asks for an own password, shows each problem at its field, then hands the new session back", async () => {
    const user = userEvent.setup();
    const sent: Record<string, unknown>[] = [];
    mockIPC((command, args) => {
      if (command !== "change_own_password") return null;
      const a = args as Record<string, string>;
      sent.push(a);
      if (a.current !== "temporary-Kilt-26") throw refusal("current_password", "desk-current-password-wrong");
      if (a.password !== a.password_again) throw refusal("password_again", "desk-passwords-differ");
      return { ...SESSION, choose_own_password: false } satisfies SessionInfo;
    });
    const onchanged = vi.fn();
    render(OwnPassword, { due: true, onchanged });
    expect(screen.getByTestId("own-password-due")).toHaveTextContent("An administrator set your password");
    await user.click(screen.getByTestId("own-password-choose"));

    await user.type(screen.getByLabelText(/Current password/), "wrong");
    await user.type(screen.getByLabelText(/^New password\s*\*?$/), "Aigerim-Oz-Kilti-7");
    await user.type(screen.getByLabelText(/New password again/), "Aigerim-Oz-Kilti-7");
    await user.click(screen.getByTestId("own-save"));
    expect(await screen.findByText(/This is not your current password/)).toBeInTheDocument();
    expect(onchanged).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId("own-current"));
    await user.type(screen.getByTestId("own-current"), "temporary-Kilt-26");
    await user.clear(screen.getByTestId("own-again"));
    await user.type(screen.getByTestId("own-again"), "Aigerim-Oz-Kilti-8");
    await user.click(screen.getByTestId("own-save"));
    expect(await screen.findByText(/not the same/)).toBeInTheDocument();

    await user.clear(screen.getByTestId("own-again"));
    await user.type(screen.getByTestId("own-again"), "Aigerim-Oz-Kilti-7");
    await user.click(screen.getByTestId("own-save"));
    expect(await screen.findByTestId("own-password-message")).toHaveTextContent("only you know it now");
    expect(onchanged).toHaveBeenCalledWith(expect.objectContaining({ choose_own_password: false }));
    expect(sent.at(-1)).toEqual({ current: "temporary-Kilt-26", password: "Aigerim-Oz-Kilti-7", password_again: "Aigerim-Oz-Kilti-7" });
    expect(screen.queryByTestId("own-password-form")).toBeNull();
  });
});
