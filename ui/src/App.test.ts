// Tests of the app root against a mocked Rust side: it starts in the language and shows the
// database the shell reports through `app_info`.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { AppInfo } from "./lib/api";
import { DEFAULT_LANG, setLang } from "./lib/i18n";
import { setInfo, setSession } from "./lib/session.svelte";

afterEach(() => {
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
});
