// Tests of the administrators' users screen: the users with their role, state, last sign-in and
// lock in local time, the sign-in log newest first; adding a user with the password typed twice
// and the password rule's message; a temporary password; deactivating (never oneself) with the
// store's refusal translated; and the sidebar's entry, shown to administrators only.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { UsersScreen } from "../lib/bindings/UsersScreen";
import { formatMoment } from "../lib/format";
import { setLang } from "../lib/i18n";
import { setSession } from "../lib/session.svelte";
import { PERMISSIONS, SESSION } from "../test/fixtures";
import Sidebar from "../components/Sidebar.svelte";
import Users from "./Users.svelte";

const SCREEN: UsersScreen = {
  users: [
    { login: "admin", full_name: null, role: "admin", active: true, last_sign_in: "2026-11-25T09:30:10Z", locked_until: null, is_me: true },
    { login: "aigerim", full_name: "Айгерім Сапарова", role: "clerk", active: true, last_sign_in: "2026-11-25T09:30:00Z", locked_until: null, is_me: false },
    { login: "bolat", full_name: "Болат Нұрланов", role: "manager", active: true, last_sign_in: null, locked_until: "2026-11-25T09:31:05Z", is_me: false },
  ],
  sign_ins: [
    { login: "admin", at: "2026-11-25T09:30:10Z", outcome: "success" },
    { login: "bolat", at: "2026-11-25T09:30:05Z", outcome: "failure" },
  ],
};

type Problem = { field: string; code: string; args?: Record<string, string> };

function refusal(code: string, args: Record<string, string> = {}, fields: Problem[] = []) {
  return { code, message: null, args, fields, duplicates: [] };
}

function row(login: string): HTMLElement {
  const found = screen.getAllByTestId("user-row").find((r) => r.dataset.login === login);
  if (!found) throw new Error(`no row for ${login}`);
  return found;
}

describe("users screen", () => {
  beforeEach(() => setLang("en"));

  it("lists the users, their locks in local time and the sign-in log, newest first", async () => {
    mockIPC((command) => (command === "users_screen" ? SCREEN : null));
    render(Users);
    await screen.findAllByTestId("user-row");
    expect(row("aigerim")).toHaveTextContent("Айгерім Сапарова");
    expect(row("aigerim")).toHaveTextContent("Clerk");
    expect(row("aigerim")).toHaveTextContent("Active");
    expect(within(row("bolat")).getByTestId("user-locked")).toHaveTextContent(formatMoment("2026-11-25T09:31:05Z"));
    // Nobody deactivates themselves: the button is not there.
    expect(within(row("admin")).queryByTestId("user-toggle")).toBeNull();
    expect(within(row("aigerim")).getByTestId("user-toggle")).toHaveTextContent("Deactivate");
    const log = screen.getAllByTestId("sign-in-row");
    expect(log[0]).toHaveTextContent("admin");
    expect(log[0]).toHaveTextContent("Signed in");
    expect(log[1]).toHaveTextContent("Wrong login or password");
  });

  it("adds a user with the password typed twice and shows the password rule's message", async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "users_screen") return SCREEN;
      if (command === "add_user") {
        const form = (args as { form: { password: string; password_again: string } }).form;
        sent.push(form);
        if (form.password !== form.password_again)
          throw refusal("store-invalid", { count: "1" }, [{ field: "password_again", code: "desk-passwords-differ" }]);
        if (form.password === "12345678")
          throw refusal("store-invalid", { count: "1" }, [{ field: "password", code: "password-too-simple", args: { min: "8" } }]);
        return {
          ...SCREEN,
          users: [...SCREEN.users, { login: "marat", full_name: "Марат", role: "manager", active: true, last_sign_in: null, locked_until: null, is_me: false }],
        };
      }
      return null;
    });
    render(Users);
    await screen.findAllByTestId("user-row");
    expect(screen.getByTestId("add-password-hint")).toHaveTextContent("At least 8 characters");
    await user.type(screen.getByTestId("add-login"), "marat");
    await user.type(screen.getByTestId("add-name"), "Марат");
    await user.selectOptions(screen.getByTestId("add-role"), "manager");
    await user.type(screen.getByTestId("add-password"), "Tundik-7-Kiiz");
    await user.type(screen.getByTestId("add-again"), "Tundik-7-Kiis");
    await user.click(screen.getByTestId("add-save"));
    expect(await screen.findByTestId("add-again-error")).toHaveTextContent("The two passwords are not the same");

    await user.clear(screen.getByTestId("add-password"));
    await user.type(screen.getByTestId("add-password"), "12345678");
    await user.clear(screen.getByTestId("add-again"));
    await user.type(screen.getByTestId("add-again"), "12345678");
    await user.click(screen.getByTestId("add-save"));
    expect(await screen.findByTestId("add-password-error")).toHaveTextContent("one character repeated");

    await user.clear(screen.getByTestId("add-password"));
    await user.type(screen.getByTestId("add-password"), "Tundik-7-Kiiz");
    await user.clear(screen.getByTestId("add-again"));
    await user.type(screen.getByTestId("add-again"), "Tundik-7-Kiiz");
    await user.click(screen.getByTestId("add-save"));
    expect(await screen.findByTestId("users-message")).toHaveTextContent("User marat added.");
    expect(row("marat")).toHaveTextContent("Manager");
    expect(sent.at(-1)).toEqual({
      login: "marat",
      full_name: "Марат",
      role: "manager",
      password: "Tundik-7-Kiiz",
      password_again: "Tundik-7-Kiiz",
    });
    expect(screen.getByTestId("add-login")).toHaveValue("");
  });

  it("sets a temporary password and deactivates a user, showing the store's refusal translated", async () => {
    const user = userEvent.setup();
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "users_screen") return SCREEN;
      if (command === "reset_password") return { ...SCREEN, users: SCREEN.users.map((u) => ({ ...u, locked_until: null })) };
      if (command === "set_user_active") {
        const { login } = args as { login: string };
        if (login === "bolat") throw refusal("store-last-admin", { login: "bolat" });
        return { ...SCREEN, users: SCREEN.users.map((u) => (u.login === login ? { ...u, active: false } : u)) };
      }
      return null;
    });
    render(Users);
    await screen.findAllByTestId("user-row");
    await user.click(within(row("bolat")).getByTestId("user-reset"));
    await user.type(screen.getByTestId("reset-password"), "Jana-Kilt-42");
    await user.type(screen.getByTestId("reset-again"), "Jana-Kilt-42");
    await user.click(screen.getByTestId("reset-save"));
    expect(await screen.findByTestId("users-message")).toHaveTextContent("A temporary password is set for bolat");
    expect(within(row("bolat")).getByTestId("user-locked")).toHaveTextContent("—");
    expect(calls.find((c) => c.command === "reset_password")?.args).toEqual({
      login: "bolat",
      password: "Jana-Kilt-42",
      password_again: "Jana-Kilt-42",
    });

    await user.click(within(row("aigerim")).getByTestId("user-toggle"));
    await waitFor(() => expect(row("aigerim")).toHaveTextContent("Deactivated"));
    expect(within(row("aigerim")).getByTestId("user-toggle")).toHaveTextContent("Activate");
    expect(screen.getByTestId("users-message")).toHaveTextContent("aigerim is deactivated");

    await user.click(within(row("bolat")).getByTestId("user-toggle"));
    expect(await screen.findByTestId("users-message")).toHaveTextContent("bolat is the last active administrator");
  });

  it("is in the sidebar for administrators only", () => {
    setSession({ ...SESSION, permissions: PERMISSIONS.clerk });
    const clerk = render(Sidebar, { current: "home", onnavigate: () => {} });
    expect(screen.queryByTestId("nav-users")).toBeNull();
    clerk.unmount();
    setSession({ ...SESSION, actor: { ...SESSION.actor, role: "admin" }, permissions: PERMISSIONS.admin });
    render(Sidebar, { current: "users", onnavigate: () => {} });
    expect(screen.getByTestId("nav-users")).toHaveAttribute("aria-current", "page");
    setSession(null);
  });
});
