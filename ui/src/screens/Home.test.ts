// Tests of the home screen: the counts, today's arrival first, the statuses ending soon and the
// recent work, each name opening its card.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setReference } from "../lib/reference.svelte";
import { resetRoute, route } from "../lib/router.svelte";
import { setSession } from "../lib/session.svelte";
import { homeScreen, REFERENCE, SESSION } from "../test/fixtures";
import Home from "./Home.svelte";

beforeEach(() => {
  resetRoute();
  setReference(REFERENCE);
  setSession(SESSION);
});
afterEach(() => {
  setReference(null);
  setSession(null);
});

describe("home screen", () => {
  it("shows the office's figures, arrivals, statuses ending soon and recent work", async () => {
    const user = userEvent.setup();
    mockIPC((command) => (command === "home" ? homeScreen() : null));
    render(Home);
    expect(await screen.findByTestId("home-greeting")).toHaveTextContent("Қош келдіңіз, Айгерім Сапарова!");
    expect((await screen.findByTestId("stat-persons")).textContent?.replace(/\s/g, "")).toBe("4321");
    expect(screen.getByTestId("stat-due")).toHaveTextContent("1");

    const arrivals = screen.getByTestId("home-arrivals");
    const rows = within(arrivals).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Бүгін");
    expect(rows[1]).toHaveTextContent("Омаров Бауыржан");
    expect(rows[1]).toHaveTextContent("Қытай");
    expect(rows[2]).toHaveTextContent("21.11.2026");

    const due = screen.getByTestId("home-due");
    expect(due).toHaveTextContent("Төлеуов Ержан");
    expect(due).toHaveTextContent("10 күн қалды");
    expect(screen.getByTestId("home-work")).toHaveTextContent("Деректер түзетілді");
    expect(screen.getByTestId("home-work")).toHaveTextContent("Жаңа телефон нөмірі");

    await user.click(within(due).getByRole("button", { name: "Төлеуов Ержан" }));
    expect(route()).toEqual({ name: "person", regno: "PVL01-2026-00007" });
  });
});
