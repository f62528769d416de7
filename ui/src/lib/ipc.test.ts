// Tests of the IPC wrapper's session handling: a user deactivated while signed in is signed out
// at their next command, and the sign-in screen learns why.
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { call } from "./ipc";
import { appState, setSession } from "./session.svelte";
import { SESSION } from "../test/fixtures";

afterEach(() => setSession(null));

describe("ipc", () => {
  it("signs out a user the shell found deactivated, saying why", async () => {
    setSession(SESSION);
    mockIPC(() => {
      throw { code: "store-user-inactive", message: null, args: { login: "aigerim" }, fields: [], duplicates: [] };
    });
    await expect(call("find", { query: "x", limit: 10 })).rejects.toMatchObject({ code: "store-user-inactive" });
    expect(appState().session).toBeNull();
    expect(appState().notice).toEqual({ id: "store-user-inactive", args: { login: "aigerim" } });
    // Signing in again clears it.
    setSession(SESSION);
    expect(appState().notice).toBeNull();
  });
});
