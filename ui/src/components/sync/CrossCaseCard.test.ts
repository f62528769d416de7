// Tests of a case of the same person in two offices: both records side by side with what they
// share said in words, a decision refused without a reason and sent with one, and the decisions
// made here and in the other office; the sidebar's count leading to the cases.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_LANG, setLang } from "../../lib/i18n";
import { resetRoute, route } from "../../lib/router.svelte";
import { resetSync } from "../../lib/sync.svelte";
import { crossCase, panel } from "../../test/sync-fixtures";
import SyncStatus from "../SyncStatus.svelte";
import CrossCaseCard from "./CrossCaseCard.svelte";

afterEach(() => {
  resetSync();
  resetRoute();
  setLang(DEFAULT_LANG);
});

describe("the same person in two offices", () => {
  it("shows both records side by side and what they share, in words", () => {
    setLang("en");
    render(CrossCaseCard, { item: crossCase(), mayDecide: true, ondecide: async () => null });
    expect(screen.getByTestId("cross-shared")).toHaveTextContent("The same IIN: 850412310211");
    const here = screen.getByTestId("cross-here");
    expect(here).toHaveTextContent("In this office");
    expect(here).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы");
    expect(here).toHaveTextContent("SEIITKALI NURSULTAN");
    expect(here).toHaveTextContent("12.04.1985");
    expect(here).toHaveTextContent("Passport FA2233445");
    expect(here).toHaveTextContent("Head of family");
    expect(here).toHaveTextContent("14.09.2026");
    const there = screen.getByTestId("cross-there");
    expect(there).toHaveTextContent("In Ақмола облыстық бейімдеу орталығы");
    expect(there).toHaveTextContent("AKM01");
    expect(there).toHaveTextContent("Сейиткали Нурсултан");
    expect(there).toHaveTextContent("AKM01-2026-00017");
    // The shared line is marked on both sides.
    expect(within(here).getByText("850412310211").closest("div")).toHaveClass("shared");
    expect(within(there).getByText("850412310211").closest("div")).toHaveClass("shared");
  });

  it("says a shared name and birth date, or a shared document, in words", () => {
    setLang("ru");
    const { unmount } = render(CrossCaseCard, {
      item: crossCase({ key_kind: "name", key_value: "seitkali nursultan", key_birth_date: "1985-04-12" }),
      mayDecide: true,
      ondecide: async () => null,
    });
    expect(screen.getByTestId("cross-shared")).toHaveTextContent("Одинаковые имя и дата рождения (12.04.1985)");
    unmount();
    render(CrossCaseCard, {
      item: crossCase({ key_kind: "doc", key_value: "FA2233445", key_document: "passport" }),
      mayDecide: true,
      ondecide: async () => null,
    });
    expect(screen.getByTestId("cross-shared")).toHaveTextContent("Один документ: Паспорт FA2233445");
  });

  it("asks for a reason, then sends the decision with it", async () => {
    const user = userEvent.setup();
    setLang("en");
    const ondecide = vi.fn(async () => null);
    render(CrossCaseCard, { item: crossCase(), mayDecide: true, ondecide });
    await user.click(screen.getByTestId("cross-same"));
    expect(screen.getByTestId("cross-problem")).toHaveTextContent("Say why");
    expect(ondecide).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("cross-reason"), "the same passport");
    await user.click(screen.getByTestId("cross-different"));
    expect(ondecide).toHaveBeenCalledWith("different_people", "the same passport");
  });

  it("shows who decided, here and in the other office, and no buttons once decided", () => {
    setLang("en");
    render(CrossCaseCard, {
      item: crossCase({
        open: false,
        decisions: [
          { office_code: "DEMO01", office_name: "Demo", this_office: true, decision: "same_person", reason: "same passport", decided_by: "aigerim", decided_at: "2026-12-06T09:00:00.000Z" },
          { office_code: "AKM01", office_name: "Ақмола", this_office: false, decision: "same_person", reason: "called them", decided_by: "marat", decided_at: "2026-12-06T10:00:00.000Z" },
        ],
      }),
      mayDecide: true,
      ondecide: async () => null,
    });
    const lines = screen.getAllByTestId("cross-decision");
    expect(lines[0]).toHaveTextContent("aigerim decided on 06.12.2026");
    expect(lines[0]).toHaveTextContent("The same person");
    expect(lines[0]).toHaveTextContent("same passport");
    expect(lines[1]).toHaveTextContent("Ақмола (marat) decided on 06.12.2026");
    expect(screen.queryByTestId("cross-form")).toBeNull();
  });

  it("is counted in the sidebar, whose link opens the cases", async () => {
    const user = userEvent.setup();
    setLang("en");
    mockIPC((command) => (command === "sync_status" ? panel({ open_cross_cases: 2 }) : null));
    render(SyncStatus);
    const link = await screen.findByTestId("sync-cross-link");
    expect(link).toHaveTextContent("2 persons in two offices");
    expect(screen.getByTestId("sync-status")).toHaveClass("warn");
    await user.click(link);
    expect(route()).toEqual({ name: "sync", section: "cross" });
  });
});
