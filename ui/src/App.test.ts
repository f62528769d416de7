// Tests of the app root against a mocked Rust side: it starts in the language and shows the
// database the shell reports through `app_info`.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { AppInfo } from "./lib/api";
import { resetRoute } from "./lib/router.svelte";
import { homeScreen, OFFICE, REFERENCE, SESSION } from "./test/fixtures";
import { DEFAULT_LANG, setLang } from "./lib/i18n";
import { setInfo, setSession } from "./lib/session.svelte";

afterEach(() => {
  resetRoute();
  setLang(DEFAULT_LANG);
  setInfo(null);
  setSession(null);
});

describe("app root", () => {
  it("starts in the language and with the database the shell reports", async () => {
    const info: AppInfo = {
      version: "9.8.7",
      db_path: "/tmp/t/otau.sqlite",
      db_from_env: true,
      lang: "ru",
      idle_seconds: 900,
      office: null,
    };
    const calls: string[] = [];
    mockIPC((command) => {
      calls.push(command);
      return command === "app_info" ? info : null;
    });
    render(App);
    expect(await screen.findByText("Вход в систему")).toBeInTheDocument();
    expect(screen.getByTestId("db-path")).toHaveTextContent("База данных: /tmp/t/otau.sqlite");
    expect(screen.getByText("Версия 9.8.7")).toBeInTheDocument();
    expect(calls).toEqual(["app_info", "session"]);
  });

  it("stays in Kazakh outside the desktop shell", () => {
    render(App);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Жүйеге кіру");
    expect(screen.queryByTestId("db-path")).not.toBeInTheDocument();
  });

  it("signs in, works with shortcuts, locks with Ctrl+L and refuses commands meanwhile", async () => {
    const user = userEvent.setup();
    let locked = false;
    const calls: string[] = [];
    const info: AppInfo = { version: "0.1.0", db_path: "/tmp/o.sqlite", db_from_env: true, lang: "kk", idle_seconds: 900, office: OFFICE };
    mockIPC((command, args) => {
      calls.push(command);
      switch (command) {
        case "app_info":
          return info;
        case "session":
          return null;
        case "sign_in":
          return (args as { password: string }).password === "aigerim-password"
            ? SESSION
            : Promise.reject({ code: "store-bad-credentials", message: null, args: {}, fields: [], duplicates: [] });
        case "home":
          return homeScreen();
        case "reference":
          return REFERENCE;
        case "lock":
          locked = true;
          return null;
        case "unlock":
          locked = false;
          return SESSION;
        case "find":
          return { query: "", hits: [], micros: 1 };
        default:
          return null;
      }
    });
    render(App);
    await waitFor(() => expect(screen.getByTestId("signin-office")).toHaveTextContent(OFFICE.name));
    await user.type(screen.getByLabelText("Логин"), "aigerim");
    await user.type(screen.getByLabelText("Құпиясөз"), "nope{Enter}");
    expect(await screen.findByTestId("signin-message")).toHaveTextContent("Логин немесе құпиясөз қате.");
    await user.type(screen.getByLabelText("Құпиясөз"), "aigerim-password{Enter}");
    expect(await screen.findByTestId("home-greeting")).toHaveTextContent("Айгерім Сапарова");
    expect(screen.getByTestId("office-name")).toHaveTextContent(OFFICE.name);

    await user.keyboard("{Control>}k{/Control}");
    await waitFor(() => expect(screen.getByTestId("find-query")).toHaveFocus());
    await user.keyboard("{Control>}n{/Control}");
    expect(await screen.findByTestId("register-form")).toBeInTheDocument();

    await user.keyboard("{Control>}l{/Control}");
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(locked).toBe(true);
    // While locked, shortcuts do nothing.
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.queryByTestId("find-query")).not.toBeInTheDocument();
    await user.type(screen.getByTestId("lock-password"), "aigerim-password{Enter}");
    await waitFor(() => expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument());
    // The same user goes on where they were.
    expect(screen.getByTestId("register-form")).toBeInTheDocument();
    expect(calls).toContain("unlock");
  });

  it("shows the lock screen when the shell locked itself, and tells it of input", async () => {
    const user = userEvent.setup();
    let locked = false;
    const calls: string[] = [];
    const info: AppInfo = { version: "0.1.0", db_path: "/tmp/o.sqlite", db_from_env: true, lang: "kk", idle_seconds: 900, office: OFFICE };
    const refusal = { code: "desk-locked", message: null, args: {}, fields: [], duplicates: [] };
    mockIPC((command) => {
      calls.push(command);
      switch (command) {
        case "app_info":
          return info;
        case "session":
          return SESSION;
        case "reference":
          return REFERENCE;
        case "unlock":
          locked = false;
          return SESSION;
        default:
          // The shell's own idle time passed while the window's timer never fired.
          return locked ? Promise.reject(refusal) : command === "home" ? homeScreen() : null;
      }
    });
    render(App);
    expect(await screen.findByTestId("home-greeting")).toBeInTheDocument();
    await user.keyboard("a");
    await waitFor(() => expect(calls).toContain("still_here"));
    expect(screen.queryByTestId("lock-screen")).not.toBeInTheDocument();
    locked = true;
    await user.keyboard("{Control>}k{/Control}");
    await user.keyboard("x");
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
  });
});
