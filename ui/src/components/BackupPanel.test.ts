// Tests of the home screen's backup panel: the last backup (when, size, where), "Back up now"
// for managers and administrators only, a backup under way, and a failed backup's warning with
// what to do.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BackupPanel as Panel } from "../lib/bindings/BackupPanel";
import { formatMoment } from "../lib/format";
import { setLang } from "../lib/i18n";
import { setSession } from "../lib/session.svelte";
import { PERMISSIONS, SESSION } from "../test/fixtures";
import BackupPanel from "./BackupPanel.svelte";

const FOLDER = "/home/office/.local/share/otau/backups";
const DONE: Panel = {
  folder: FOLDER,
  last: { at: "2026-11-25T09:30:00Z", path: `${FOLDER}/otau-PVL01-0193ab12-20261125T093000Z.sqlite`, bytes: 3 * 1024 * 1024 + 1 },
  running: false,
  progress: null,
  failed: null,
  due: false,
};

describe("backup panel", () => {
  beforeEach(() => setLang("en"));
  afterEach(() => setSession(null));

  it("shows the last backup, and a clerk has no button", async () => {
    setSession(SESSION);
    mockIPC((command) => (command === "backup_status" ? DONE : null));
    render(BackupPanel);
    expect(await screen.findByTestId("backup-last")).toHaveTextContent(
      `Last backup: ${formatMoment("2026-11-25T09:30:00Z")}, 3.1 MB, checked by opening it.`,
    );
    expect(screen.getByTestId("backup-path")).toHaveTextContent("otau-PVL01-0193ab12-20261125T093000Z.sqlite");
    expect(screen.queryByTestId("backup-now")).toBeNull();
    expect(screen.queryByTestId("backup-failed")).toBeNull();
  });

  it("backs up now for a manager and says it runs", async () => {
    const user = userEvent.setup();
    setSession({ ...SESSION, permissions: PERMISSIONS.manager });
    let asked = 0;
    mockIPC((command) => {
      if (command === "backup_status") return { ...DONE, last: null, due: true };
      if (command === "back_up_now") {
        asked += 1;
        return { ...DONE, last: null, running: true, due: true };
      }
      return null;
    });
    render(BackupPanel);
    expect(await screen.findByTestId("backup-due")).toHaveTextContent("more than a day old");
    expect(screen.getByTestId("backup-none")).toHaveTextContent(FOLDER);
    await user.click(screen.getByTestId("backup-now"));
    expect(await screen.findByTestId("backup-running")).toHaveTextContent("being written");
    expect(screen.getByTestId("backup-now")).toBeDisabled();
    expect(asked).toBe(1);
  });

  it("shows how far a backup is: the share copied, then the check, then the backup written", async () => {
    setSession({ ...SESSION, permissions: PERMISSIONS.manager });
    const panels: Panel[] = [
      { ...DONE, last: null, running: true, progress: { stage: "copying", done: 3072, total: 8192 } },
      { ...DONE, last: null, running: true, progress: { stage: "checking", done: 0, total: 0 } },
      DONE,
    ];
    let asked = 0;
    mockIPC((command) => (command === "backup_status" ? panels[Math.min(asked++, panels.length - 1)] : null));
    render(BackupPanel);
    const bar = () => screen.getByTestId("backup-progress").querySelector("[role=progressbar]");
    await waitFor(() => expect(screen.getByTestId("backup-progress-text")).toHaveTextContent("Copying the database: 38%"));
    expect(bar()).toHaveAttribute("aria-valuenow", "38");
    await waitFor(
      () => expect(screen.getByTestId("backup-progress-text")).toHaveTextContent("Checking the copy by opening it"),
      { timeout: 2500 },
    );
    expect(bar()).not.toHaveAttribute("aria-valuenow");
    await waitFor(() => expect(screen.getByTestId("backup-last")).toBeInTheDocument(), { timeout: 2500 });
    expect(screen.queryByTestId("backup-running")).toBeNull();
  });

  it("warns of a failed backup with what to do", async () => {
    setSession({ ...SESSION, permissions: PERMISSIONS.admin });
    const failed = {
      code: "store-file-failed",
      message: null,
      args: { detail: `cannot create ${FOLDER}: No space left on device` },
      fields: [],
      duplicates: [],
    };
    mockIPC((command) => (command === "backup_status" ? { ...DONE, failed, due: true } : null));
    render(BackupPanel);
    const warning = await screen.findByTestId("backup-failed");
    expect(warning).toHaveTextContent("The backup failed: A file could not be written or read");
    expect(warning).toHaveTextContent("No space left on device");
    expect(warning).toHaveTextContent(`the folder ${FOLDER} can be written to, then press Back up now`);
    await waitFor(() => expect(screen.queryByTestId("backup-due")).toBeNull());
  });
});
