// The sync status the sidebar and the sync screen share: asked of Rust every 15 seconds while
// a screen shows it, every second and a half while a sync is under way, and at once after an
// action. Rust computes everything shown (minutes since the last sync, what waits); this only
// keeps the last answer.
import { syncNow as askSyncNow, syncStatus, type SyncPanel } from "./api-sync";

/** How often the status is asked for, in milliseconds: at rest and while a sync runs. */
export const POLL_MS = 15_000;
export const POLL_SYNCING_MS = 1_500;

const state = $state<{ panel: SyncPanel | null }>({ panel: null });

let watchers = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let asked = 0;

/** The last status Rust gave (reactive); null until it answered. */
export function syncState(): { panel: SyncPanel | null } {
  return state;
}

function schedule(): void {
  clearTimeout(timer);
  timer = undefined;
  if (watchers === 0) return;
  timer = setTimeout(() => void refreshSync(), state.panel?.syncing ? POLL_SYNCING_MS : POLL_MS);
}

/** Takes an answer of Rust as the status (from an action that returns it). */
export function setSyncPanel(panel: SyncPanel | null): void {
  asked++;
  state.panel = panel;
  schedule();
}

/** Asks Rust for the status now. A refusal (signed out, locked) keeps the last one. */
export async function refreshSync(): Promise<void> {
  const mine = ++asked;
  try {
    const panel = await syncStatus();
    if (mine === asked) state.panel = panel;
  } catch {
    // Locked or signed out: nothing to show until the next answer.
  } finally {
    if (mine === asked) schedule();
  }
}

/** Asks for a sync now and watches it until it ends. */
export async function syncNow(): Promise<void> {
  setSyncPanel(await askSyncNow());
}

/** Keeps the status fresh while the caller is shown; returns the function that stops it. */
export function watchSync(): () => void {
  watchers++;
  void refreshSync();
  return () => {
    watchers = Math.max(0, watchers - 1);
    if (watchers === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** Forgets the status (after sign-out). */
export function resetSync(): void {
  asked++;
  state.panel = null;
}
