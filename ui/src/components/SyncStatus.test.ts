// Tests of the sidebar's sync block against a mocked Rust side: "not connected", the last sync
// as Rust counts it, what waits, conflicts and "centre unreachable since …", and "Sync now",
// whose answer comes at once and is watched until the sync ends.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncPanel } from "../lib/api-sync";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import { route, resetRoute } from "../lib/router.svelte";
import { setSession } from "../lib/session.svelte";
import { resetSync } from "../lib/sync.svelte";
import { PERMISSIONS, SESSION } from "../test/fixtures";
import { offline, panel } from "../test/sync-fixtures";
import SyncStatus from "./SyncStatus.svelte";

afterEach(() => {
  resetSync();
  resetRoute();
  setSession(null);
  setLang(DEFAULT_LANG);
});

function backend(status: () => SyncPanel, calls: string[] = []) {
  mockIPC((command) => {
    calls.push(command);
    if (command === "sync_status") return status();
    if (command === "sync_now") return { ...status(), syncing: true };
    return null;
  });
}

describe("sidebar sync block", () => {
  it("says when this computer is not connected to a centre", async () => {
    backend(offline);
    render(SyncStatus);
    const block = await screen.findByTestId("sync-status");
    expect(block).toHaveTextContent("Орталыққа қосылмаған");
    expect(block).toHaveAttribute("data-enrolled", "false");
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });

  it("shows the last sync, what waits and the conflicts, and leads to the sync screen", async () => {
    const user = userEvent.setup();
    setLang("en");
    backend(() => panel({ minutes_since_sync: 12, waiting: 3, open_conflicts: 1 }));
    render(SyncStatus);
    expect(await screen.findByTestId("sync-last")).toHaveTextContent("Synced 12 min ago");
    expect(screen.getByTestId("sync-waiting")).toHaveTextContent("3 changes waiting to be sent");
    expect(screen.getByTestId("sync-conflicts-link")).toHaveTextContent("1 conflict to resolve");
    await user.click(screen.getByTestId("sync-conflicts-link"));
    expect(route()).toEqual({ name: "sync", section: "conflicts" });
  });

  it("says since when the centre is unreachable, and that work goes on", async () => {
    setLang("ru");
    backend(() =>
      panel({
        unreachable_since: "2026-12-06T07:05:00.000Z",
        problem: { code: "sync-unreachable", message: null, args: { reason: "refused" }, fields: [], duplicates: [] },
      }),
    );
    render(SyncStatus);
    expect(await screen.findByTestId("sync-unreachable")).toHaveTextContent("Центр недоступен с 06.12.2026");
    expect(screen.getByTestId("sync-status")).toHaveClass("bad");
  });

  it("syncs now: the button says it is syncing until Rust says it ended", async () => {
    const user = userEvent.setup();
    setLang("en");
    let syncing = false;
    const calls: string[] = [];
    mockIPC((command) => {
      calls.push(command);
      if (command === "sync_now") {
        syncing = true;
        return panel({ syncing: true, waiting: 2 });
      }
      if (command === "sync_status") {
        const answer = panel({ syncing, minutes_since_sync: syncing ? 5 : 0, waiting: syncing ? 2 : 0 });
        syncing = false;
        return answer;
      }
      return null;
    });
    render(SyncStatus);
    await user.click(await screen.findByTestId("sync-now"));
    expect(calls).toContain("sync_now");
    expect(screen.getByTestId("sync-now")).toBeDisabled();
    expect(screen.getByTestId("sync-now")).toHaveTextContent("Syncing…");
    await waitFor(() => expect(screen.getByTestId("sync-last")).toHaveTextContent("Synced just now"), { timeout: 10_000 });
    expect(screen.getByTestId("sync-waiting")).toHaveTextContent("Everything is sent");
  });

  it("shows review cases only to those who decide them", async () => {
    setLang("en");
    backend(() => panel({ open_cases: 2 }));
    setSession(SESSION);
    const first = render(SyncStatus);
    await screen.findByTestId("sync-last");
    expect(screen.queryByTestId("sync-cases-link")).toBeNull();
    first.unmount();
    setSession({ ...SESSION, permissions: PERMISSIONS.manager });
    render(SyncStatus);
    expect(await screen.findByTestId("sync-cases-link")).toHaveTextContent("2 review cases");
  });

  it("a computer with no line exchanges packets: no Sync now, no problem shown", async () => {
    setLang("en");
    backend(() => panel({ packets_only: true, centre_url: "", background: false }));
    render(SyncStatus);
    expect(await screen.findByTestId("sync-by-packet")).toHaveTextContent("Exchanges packets on a USB stick");
    expect(screen.queryByTestId("sync-now")).toBeNull();
    expect(screen.getByTestId("sync-status")).not.toHaveClass("bad");
  });
});
