// Tests of the subsidies panel of the person card: each decision with its kind, its total as
// Rust formatted it and the state of its instalments, and the button to the family's screen.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { route, resetRoute } from "../../lib/router.svelte";
import { setLang } from "../../lib/i18n";
import { decision, statement } from "../../test/subsidy-fixtures";
import SubsidyPanel from "./SubsidyPanel.svelte";

describe("subsidies panel", () => {
  beforeEach(() => {
    setLang("kk");
    resetRoute();
  });

  it("lists the family's decisions and opens the family's subsidy screen", async () => {
    const user = userEvent.setup();
    const asked: unknown[] = [];
    mockIPC((command, args) => {
      if (command !== "subsidy_statement") return null;
      asked.push(args);
      return statement([decision("awaiting")]);
    });
    render(SubsidyPanel, { regno: "PVL01-2026-00001" });
    const item = await screen.findByTestId("card-subsidy");
    expect(item).toHaveTextContent("Көшуге арналған субсидия");
    expect(item).toHaveTextContent("605 500 ₸");
    expect(screen.getByTestId("card-subsidy-state")).toHaveTextContent("Бекітуді күтуде");
    expect(asked).toEqual([{ regno: "PVL01-2026-00001" }]);
    await user.click(screen.getByTestId("card-open-subsidies"));
    expect(route()).toEqual({ name: "subsidies", regno: "PVL01-2026-00001" });
  });

  it("says so when the family has no subsidy, in the current language", async () => {
    setLang("ru");
    mockIPC((command) => (command === "subsidy_statement" ? statement([]) : null));
    render(SubsidyPanel, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("card-subsidies-none")).toHaveTextContent("Семье ещё не назначались субсидии.");
  });
});
