// Tests of the sidebar's foot: the app's version, which opens to show where this computer keeps
// the office's data, in the language of the app.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import Sidebar from "./Sidebar.svelte";

afterEach(() => setLang(DEFAULT_LANG));

describe("the sidebar's version", () => {
  it("opens to show the database this app works on", async () => {
    mockIPC(() => null);
    render(Sidebar, { current: "home", version: "0.1.0", dataPath: "/home/aigerim/.local/share/otau/otau.sqlite", onnavigate: () => {} });
    const path = screen.getByTestId("about-data-path");
    expect(path).not.toBeVisible();
    await userEvent.click(screen.getByText("Нұсқа 0.1.0"));
    expect(path).toBeVisible();
    expect(path).toHaveTextContent("/home/aigerim/.local/share/otau/otau.sqlite");
    expect(screen.getByText("Деректер қоры:")).toBeVisible();
  });

  it("says it in Russian", () => {
    mockIPC(() => null);
    setLang("ru");
    render(Sidebar, { current: "home", version: "0.1.0", dataPath: "/tmp/o.sqlite", onnavigate: () => {} });
    expect(screen.getByText("Версия 0.1.0")).toBeInTheDocument();
    expect(screen.getByText("База данных:")).toBeInTheDocument();
  });
});
