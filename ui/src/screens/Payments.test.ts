// Tests of the office's payments screen: what awaits approval (approved from here by a
// manager, not offered to a clerk), the month asked for, and the recalculations with old and new
// amounts.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../lib/i18n";
import { setSession } from "../lib/session.svelte";
import { PERMISSIONS, SESSION } from "../test/fixtures";
import { PAYMENTS } from "../test/subsidy-fixtures";
import Payments from "./Payments.svelte";

describe("payments screen", () => {
  beforeEach(() => setLang("kk"));

  it("lets a manager approve an instalment and a recalculation", async () => {
    const user = userEvent.setup();
    setSession({ ...SESSION, actor: { ...SESSION.actor, login: "marat", role: "manager" }, permissions: PERMISSIONS.manager });
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "payments") return PAYMENTS;
      if (command === "approve_subsidy") return null;
      if (command === "approve_recalc") return PAYMENTS.recalc;
      return null;
    });
    render(Payments);
    expect(await screen.findByTestId("awaiting-row")).toHaveTextContent("605 500 ₸");
    expect(screen.getByTestId("payments-month")).toHaveValue("2026-11");
    expect(screen.getByTestId("recalc-row")).toHaveTextContent("108 125 ₸");
    expect(screen.getByTestId("recalc-row")).toHaveTextContent("112 500 ₸");
    await user.click(screen.getByTestId("awaiting-approve"));
    await waitFor(() => expect(calls.some((c) => c.command === "approve_subsidy")).toBe(true));
    expect(calls.find((c) => c.command === "approve_subsidy")?.args).toEqual({ number: "PVL01-S-2026-00001", seqs: [1] });
    await user.click(screen.getByTestId("recalc-approve"));
    await waitFor(() =>
      expect(calls.find((c) => c.command === "approve_recalc")?.args).toEqual({ references: ["PVL01-S-2026-00002/4"], reason: "" }),
    );
    expect(calls.filter((c) => c.command === "payments")[0]?.args).toEqual({ month: "", from: "", to: "" });
  });

  it("offers a clerk no approval", async () => {
    setSession(SESSION);
    mockIPC((command) => (command === "payments" ? PAYMENTS : null));
    render(Payments);
    await screen.findByTestId("awaiting-row");
    expect(screen.queryByTestId("awaiting-approve")).toBeNull();
    expect(screen.queryByTestId("recalc-approve")).toBeNull();
  });
});
