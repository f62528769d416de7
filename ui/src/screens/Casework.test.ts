// Tests of the office-wide case-work screen: the statuses ending soon (each opening its card),
// the regional quota table with the date of the figure in force, the services of the month by
// kind, and setting a quota — offered only to those the store allows.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setReference } from "../lib/reference.svelte";
import { resetRoute, route } from "../lib/router.svelte";
import { screen as caseworkScreen } from "../test/casework-fixtures";
import { REFERENCE } from "../test/fixtures";
import Casework from "./Casework.svelte";

beforeEach(() => {
  resetRoute();
  setReference(REFERENCE);
});
afterEach(() => setReference(null));

describe("case-work screen", () => {
  it("lists statuses ending soon, the quota per region and this month's services", async () => {
    const user = userEvent.setup();
    mockIPC((command) => (command === "casework_screen" ? caseworkScreen() : null));
    render(Casework);
    const due = await screen.findByTestId("casework-due");
    expect(within(due).getByTestId("casework-due-row")).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы");
    expect(within(due).getByTestId("casework-due-row")).toHaveTextContent("10.12.2026");
    const row = screen.getByTestId("casework-quota-row");
    expect(row).toHaveTextContent("Павлодар облысы");
    expect(row).toHaveTextContent("977");
    expect(row).toHaveTextContent("117");
    expect(row).toHaveTextContent("860");
    expect(row).toHaveTextContent("01.01.2026");
    const services = screen.getAllByTestId("casework-service-row");
    expect(services).toHaveLength(1);
    expect(services[0]).toHaveTextContent("Заң кеңесі");
    expect(screen.queryByTestId("casework-set-quota")).not.toBeInTheDocument();

    await user.click(within(due).getByRole("button", { name: "Сейітқали Нұрсұлтан Болатұлы" }));
    expect(route()).toEqual({ name: "person", regno: "PVL01-2026-00001" });
  });

  it("lets an administrator set a region's quota from a date", async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "casework_screen") return caseworkScreen(true);
      if (command === "set_quota") {
        sent.push(args);
        return caseworkScreen(true);
      }
      return null;
    });
    render(Casework);
    await user.click(await screen.findByTestId("casework-set-quota"));
    expect(screen.getByLabelText(/Жыл/)).toHaveValue("2026");
    await user.selectOptions(screen.getByLabelText(/Өңір/), "KZ-55");
    await user.type(screen.getByLabelText(/Адам саны/), "1000");
    await user.clear(screen.getByLabelText(/Күшіне енген күн/));
    await user.type(screen.getByLabelText(/Күшіне енген күн/), "01.06.2026");
    await user.click(screen.getByTestId("casework-quota-save"));
    expect(await screen.findByTestId("casework-quota-saved")).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ form: { region: "KZ-55", year: "2026", people: "1000", effective_from: "01.06.2026" } });
  });
});
