// Tests of the adaptation plan screen: the items grouped by area with who is responsible and
// whether they are overdue, the services given and the stay, adding an item (a refused one keeps
// what was typed), changing an item's state in the list and recording a service.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { plan } from "../test/casework-fixtures";
import Plan from "./Plan.svelte";

describe("adaptation plan", () => {
  it("shows the items by area, the services and the stay", async () => {
    mockIPC((command) => (command === "plan_screen" ? plan() : null));
    render(Plan, { regno: "PVL01-2026-00002" });
    expect(await screen.findByTestId("plan-head")).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы");
    const items = screen.getByTestId("plan-items");
    expect(within(items).getByTestId("plan-area-housing")).toHaveTextContent("Тұрғын үй іздеу");
    const row = within(items).getByTestId("plan-item");
    expect(row).toHaveTextContent("Пәтер іздеу");
    expect(row).toHaveTextContent("Айгерім Сапарова");
    expect(row).toHaveTextContent("20.11.2026");
    expect(row).toHaveTextContent("мерзімі өтті");
    expect(screen.getByTestId("plan-service")).toHaveTextContent("Заң кеңесі");
    expect(screen.getByTestId("plan-stay-end")).toHaveTextContent("14.03.2027");
    expect(screen.getByTestId("plan-stay-state")).toHaveTextContent("109 күн");
  });

  it("adds an item, keeping what was typed when it is refused", async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "plan_screen") return plan();
      if (command === "add_plan_item") {
        sent.push(args);
        if (sent.length === 1) {
          throw { code: "store-invalid", message: null, args: { count: "1" }, fields: [{ field: "due_date", code: "desk-date-format", args: { value: "31.02.2027" } }], duplicates: [] };
        }
        return plan();
      }
      return null;
    });
    render(Plan, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("plan-add-item"));
    await user.selectOptions(screen.getByLabelText(/Жоспар бөлімі/), "language_courses");
    await user.type(screen.getByLabelText(/Не істеу керек/), "Қазақ тілі курсы");
    await user.selectOptions(screen.getByLabelText("Жауапты"), "marat");
    await user.type(screen.getByLabelText("Орындау мерзімі"), "31.02.2027");
    await user.click(screen.getByTestId("plan-save"));
    expect(await screen.findByTestId("plan-due_date-error")).toHaveTextContent("31.02.2027");
    expect(screen.getByLabelText(/Не істеу керек/)).toHaveValue("Қазақ тілі курсы");
    expect(sent[0]).toMatchObject({
      regno: "PVL01-2026-00001",
      form: { area: "language_courses", description: "Қазақ тілі курсы", responsible: "marat", due_date: "31.02.2027" },
    });
    await user.clear(screen.getByLabelText("Орындау мерзімі"));
    await user.type(screen.getByLabelText("Орындау мерзімі"), "01.02.2027");
    await user.click(screen.getByTestId("plan-save"));
    expect(await screen.findByTestId("plan-saved")).toHaveTextContent("Жоспар тармағы қосылды.");
  });

  it("changes an item's state in the list and records a service", async () => {
    const user = userEvent.setup();
    const sent: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      if (command === "plan_screen") return plan();
      sent.push({ command, args });
      return plan();
    });
    render(Plan, { regno: "PVL01-2026-00001" });
    await user.selectOptions(await screen.findByTestId("plan-item-state-1"), "done");
    expect(await screen.findByTestId("plan-saved")).toHaveTextContent("Тармақтың күйі өзгерді.");
    expect(sent[0]).toEqual({ command: "update_plan_item", args: { regno: "PVL01-2026-00001", number: 1, state: "done" } });

    await user.click(screen.getByTestId("plan-add-service"));
    expect(screen.getByLabelText(/Көрсетілген күн/)).toHaveValue("25.11.2026");
    await user.selectOptions(screen.getByLabelText(/Қызмет түрі/), "housing_search_help");
    await user.selectOptions(screen.getByLabelText("Қызмет алушы"), "PVL01-2026-00002");
    await user.click(screen.getByTestId("plan-save"));
    expect(await screen.findByTestId("plan-saved")).toHaveTextContent("Қызмет жазылды.");
    expect(sent[1]).toMatchObject({
      command: "record_service",
      args: { form: { kind: "housing_search_help", given_on: "25.11.2026", person: "PVL01-2026-00002", given_by: "" } },
    });
  });
});
