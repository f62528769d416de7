// Tests of a family paid the same one-time subsidy in two offices: both payments side by side
// with what links the families said in words, a decision refused without a reason and sent with
// one, no buttons for a clerk but the reason why, the decision made here or in the other office;
// the sidebar's count leading to the cases; the sync screen listing them.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_LANG, setLang } from "../../lib/i18n";
import { resetRoute, route } from "../../lib/router.svelte";
import { setSession } from "../../lib/session.svelte";
import { resetSync } from "../../lib/sync.svelte";
import { PERMISSIONS, SESSION } from "../../test/fixtures";
import { panel, paymentCase } from "../../test/sync-fixtures";
import SyncStatus from "../SyncStatus.svelte";
import PaymentCaseCard from "./PaymentCaseCard.svelte";

afterEach(() => {
  resetSync();
  resetRoute();
  setSession(null);
  setLang(DEFAULT_LANG);
});

describe("the same subsidy paid in two offices", () => {
  it("shows both payments side by side and what links the families, in words", () => {
    setLang("en");
    render(PaymentCaseCard, { item: paymentCase(), mayDecide: true, ondecide: async () => null });
    expect(screen.getByTestId("paycase-shared")).toHaveTextContent("The same IIN: 840302307707");
    const here = screen.getByTestId("paycase-here");
    expect(here).toHaveTextContent("Paid in this office");
    expect(here).toHaveTextContent("DEMO01-2026-00312");
    expect(here).toHaveTextContent("Қасымов Ержан");
    expect(here).toHaveTextContent("Relocation subsidy");
    expect(within(here).getByTestId("paycase-amount").textContent).toBe("302\u00a0750\u00a0₸");
    expect(here).toHaveTextContent("01.12.2026");
    const there = screen.getByTestId("paycase-there");
    expect(there).toHaveTextContent("Paid in Ақмола облыстық бейімдеу орталығы");
    expect(there).toHaveTextContent("AKM01");
    expect(there).toHaveTextContent("AKM01-2026-00017");
    expect(there).toHaveTextContent("Касымов Ержан");
    expect(there).toHaveTextContent("Relocation subsidy");
    expect(within(there).getByTestId("paycase-amount").textContent).toBe("302\u00a0750\u00a0₸");
    expect(there).toHaveTextContent("20.10.2026");
    // Only this office's family has a card here.
    expect(within(there).queryByTestId("paycase-open-card")).toBeNull();
  });

  it("says a shared document or name and birth date in words, in Russian and Kazakh", () => {
    setLang("ru");
    const { unmount } = render(PaymentCaseCard, {
      item: paymentCase({ key_kind: "doc", key_value: "N1234567", key_document: "passport" }),
      mayDecide: true,
      ondecide: async () => null,
    });
    expect(screen.getByTestId("paycase-shared")).toHaveTextContent("Один документ: Паспорт N1234567");
    expect(screen.getByTestId("paycase-here")).toHaveTextContent("Субсидия на переезд");
    unmount();
    setLang("kk");
    render(PaymentCaseCard, {
      item: paymentCase({ key_kind: "name", key_value: "kasymov erzhan", key_birth_date: "1984-03-02" }),
      mayDecide: true,
      ondecide: async () => null,
    });
    expect(screen.getByTestId("paycase-shared")).toHaveTextContent("Аты-жөні мен туған күні бірдей (02.03.1984)");
    expect(within(screen.getByTestId("paycase-there")).getByText("Касымов Ержан").closest("div")).toHaveClass("shared");
    expect(screen.getByTestId("paycase-keep")).toHaveTextContent("Екі төлем де қалады");
  });

  it("opens this office's family card from its number", async () => {
    const user = userEvent.setup();
    render(PaymentCaseCard, { item: paymentCase(), mayDecide: false, ondecide: async () => null });
    await user.click(screen.getByTestId("paycase-open-card"));
    expect(route()).toEqual({ name: "person", regno: "DEMO01-2026-00312" });
  });

  it("asks for a reason, then sends the decision with it", async () => {
    const user = userEvent.setup();
    setLang("en");
    const ondecide = vi.fn(async () => null);
    render(PaymentCaseCard, { item: paymentCase(), mayDecide: true, ondecide });
    expect(screen.getByTestId("paycase-keep")).toHaveTextContent("Both payments stand");
    await user.click(screen.getByTestId("paycase-recover"));
    expect(screen.getByTestId("paycase-problem")).toHaveTextContent("Say why");
    expect(screen.getByTestId("paycase-reason")).toHaveFocus();
    expect(ondecide).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("paycase-reason"), "paid twice for one move");
    await user.click(screen.getByTestId("paycase-recover"));
    expect(ondecide).toHaveBeenCalledWith("recover", "paid twice for one move");
    await user.click(screen.getByTestId("paycase-keep"));
    expect(ondecide).toHaveBeenLastCalledWith("keep_both", "paid twice for one move");
  });

  it("shows a refusal from Rust under the buttons", async () => {
    const user = userEvent.setup();
    setLang("en");
    const refusal = { code: "store-invalid", args: {}, fields: [{ field: "reason", code: "store-reason-required" }] };
    const ondecide = vi.fn(async () => refusal as never);
    render(PaymentCaseCard, { item: paymentCase(), mayDecide: true, ondecide });
    await user.type(screen.getByTestId("paycase-reason"), "checked");
    await user.click(screen.getByTestId("paycase-keep"));
    expect(screen.getByTestId("paycase-problem")).toHaveTextContent("Give the reason");
  });

  it("shows a clerk no buttons, only why", () => {
    setLang("en");
    render(PaymentCaseCard, { item: paymentCase(), mayDecide: false, ondecide: async () => null });
    expect(screen.queryByTestId("paycase-form")).toBeNull();
    expect(screen.queryByTestId("paycase-keep")).toBeNull();
    expect(screen.queryByTestId("paycase-recover")).toBeNull();
    expect(screen.getByTestId("paycase-managers")).toHaveTextContent("Only a manager decides these cases");
  });

  it("shows who decided and when, here or in the other office, and no buttons once decided", () => {
    setLang("en");
    const { unmount } = render(PaymentCaseCard, {
      item: paymentCase({
        open: false,
        decision: "keep_both",
        reason: "two families",
        decided_by: "bolat",
        decided_office: "DEMO01",
        decided_here: true,
        decided_at: "2026-12-06T11:00:00.000Z",
      }),
      mayDecide: true,
      ondecide: async () => null,
    });
    expect(screen.getByTestId("paycase-decision")).toHaveTextContent("bolat decided on 06.12.2026");
    expect(screen.getByTestId("paycase-decision")).toHaveTextContent("Both payments stand");
    expect(screen.getByTestId("paycase-decision")).toHaveTextContent("two families");
    expect(screen.queryByTestId("paycase-form")).toBeNull();
    expect(screen.queryByTestId("paycase-managers")).toBeNull();
    unmount();
    render(PaymentCaseCard, {
      item: paymentCase({
        open: false,
        decision: "recover",
        reason: "one move",
        decided_by: "marat",
        decided_office: "AKM01",
        decided_here: false,
        decided_at: "2026-12-06T12:00:00.000Z",
      }),
      mayDecide: true,
      ondecide: async () => null,
    });
    expect(screen.getByTestId("paycase-decision")).toHaveTextContent("Ақмола облыстық бейімдеу орталығы (marat) decided on 06.12.2026");
    expect(screen.getByTestId("paycase-decision")).toHaveTextContent("One payment is to be recovered");
  });

  it("is counted in a manager's sidebar (not a clerk's), whose link opens the cases", async () => {
    const user = userEvent.setup();
    setLang("en");
    mockIPC((command) => (command === "sync_status" ? panel({ open_payment_cases: 2 }) : null));
    setSession(SESSION);
    const first = render(SyncStatus);
    await screen.findByTestId("sync-last");
    expect(screen.queryByTestId("sync-paid-link")).toBeNull();
    first.unmount();
    setSession({ ...SESSION, permissions: PERMISSIONS.manager });
    render(SyncStatus);
    const link = await screen.findByTestId("sync-paid-link");
    expect(link).toHaveTextContent("2 families paid in two offices");
    expect(screen.getByTestId("sync-status")).toHaveClass("warn");
    await user.click(link);
    expect(route()).toEqual({ name: "sync", section: "payments" });
  });
});
