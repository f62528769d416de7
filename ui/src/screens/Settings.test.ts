// Tests of the office settings screen: what each setting is now and where it comes from, a
// refusal shown at its fields with the first one focused and nothing taken as saved, a save
// that sends what was typed, and the sidebar's entry for administrators only.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OfficeSettingsScreen } from "../lib/bindings/OfficeSettingsScreen";
import { setLang } from "../lib/i18n";
import { setSession } from "../lib/session.svelte";
import { OFFICE, PERMISSIONS, SESSION } from "../test/fixtures";
import Sidebar from "../components/Sidebar.svelte";
import Settings from "./Settings.svelte";

function screenOf(over: Partial<OfficeSettingsScreen> = {}): OfficeSettingsScreen {
  return {
    office: { ...OFFICE },
    docs_folder: "/home/admin/Documents/Otau",
    docs_saved: null,
    docs_default: "/home/admin/Documents/Otau",
    docs_from_env: false,
    idle_minutes: 15,
    idle_saved: null,
    idle_from_env: false,
    idle_range: [1, 720],
    ...over,
  };
}

interface Call {
  command: string;
  args: Record<string, unknown>;
}

const ADMIN = { ...SESSION, actor: { ...SESSION.actor, login: "admin", role: "admin" as const }, permissions: PERMISSIONS.admin };

beforeEach(() => {
  setLang("en");
  setSession(ADMIN);
});
afterEach(() => setSession(null));

describe("office settings", () => {
  it("shows each setting and where it comes from, and says when the environment sets one", async () => {
    mockIPC((command) => (command === "office_settings" ? screenOf({ docs_from_env: true, docs_folder: "/srv/docs", docs_default: null, idle_from_env: true, idle_minutes: 2 }) : null));
    render(Settings);
    expect(await screen.findByTestId("settings-office-code")).toHaveTextContent(OFFICE.code);
    expect(screen.getByTestId("settings-office-name")).toHaveValue(OFFICE.name);
    expect(screen.getByTestId("settings-docs-env")).toHaveTextContent("Set by OTAU_DOCS_DIR when the app was started: /srv/docs.");
    expect(screen.getByTestId("settings-idle-env")).toHaveTextContent("OTAU_IDLE_MINUTES when the app was started: 2 min.");
  });

  it("shows a refusal at its fields with the first focused, then saves what was typed", async () => {
    const user = userEvent.setup();
    const calls: Call[] = [];
    let refuse = true;
    mockIPC((command, args) => {
      calls.push({ command, args: (args ?? {}) as Record<string, unknown> });
      if (command === "office_settings") return screenOf();
      if (command === "save_office_settings") {
        if (refuse) {
          refuse = false;
          throw {
            code: "store-invalid",
            message: null,
            args: { count: "2" },
            fields: [
              { field: "docs_folder", code: "settings-folder-not-absolute", args: {} },
              { field: "idle_minutes", code: "settings-idle-range", args: { min: "1", max: "720" } },
            ],
            duplicates: [],
          };
        }
        return screenOf({ docs_saved: "/data/otau", docs_folder: "/data/otau", idle_saved: 5, idle_minutes: 5 });
      }
      return null;
    });
    render(Settings);
    expect(await screen.findByTestId("settings-docs-now")).toHaveTextContent("Saved now in: /home/admin/Documents/Otau");
    await user.type(screen.getByTestId("settings-docs-folder"), "Documents");
    await user.type(screen.getByTestId("settings-idle"), "0");
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-docs_folder-error")).toHaveTextContent("Write the whole path of the folder");
    expect(screen.getByTestId("settings-idle_minutes-error")).toHaveTextContent("Write a whole number of minutes from 1 to 720.");
    await waitFor(() => expect(screen.getByTestId("settings-docs-folder")).toHaveFocus());
    expect(screen.queryByTestId("settings-message")).toBeNull();

    await user.clear(screen.getByTestId("settings-docs-folder"));
    await user.type(screen.getByTestId("settings-docs-folder"), "/data/otau");
    await user.clear(screen.getByTestId("settings-idle"));
    await user.type(screen.getByTestId("settings-idle"), "5");
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-message")).toHaveTextContent("Settings saved.");
    const saved = calls.filter((c) => c.command === "save_office_settings").at(-1);
    expect(saved?.args.form).toEqual({ office_name: OFFICE.name, docs_folder: "/data/otau", idle_minutes: "5" });
    expect(screen.getByTestId("settings-docs-now")).toHaveTextContent("Saved now in: /data/otau");
    expect(screen.queryByTestId("settings-docs_folder-error")).toBeNull();
  });

  it("is in the sidebar of administrators only", () => {
    mockIPC(() => null);
    const { unmount } = render(Sidebar, { current: "home", onnavigate: () => {} });
    expect(screen.getByTestId("nav-settings")).toHaveTextContent("Office settings");
    unmount();
    setSession(SESSION);
    render(Sidebar, { current: "home", onnavigate: () => {} });
    expect(screen.queryByTestId("nav-settings")).toBeNull();
  });
});
