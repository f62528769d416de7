// Tests of the find screen: results as you type, only the answer to the latest query, the
// keyboard moving through the results and opening a card.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { SearchHit } from "../lib/bindings/SearchHit";
import { resetRoute, route } from "../lib/router.svelte";
import Find from "./Find.svelte";

const HITS: SearchHit[] = [
  { regno: "PVL01-2026-00001", family_regno: "PVL01-2026-00001", name: "Сейітқали Нұрсұлтан Болатұлы", name_latin: "SEIITKALI NURSULTAN", birth_date: "1985-04-12", iin: "850412310211", relation: "head", score: 0 },
  { regno: "PVL01-2026-00002", family_regno: "PVL01-2026-00001", name: "Сейітқали Әлия", name_latin: "SEIITKALI ALIYA", birth_date: "1988-11-03", iin: null, relation: "spouse", score: 1 },
];

beforeEach(() => resetRoute());

describe("find screen", () => {
  it("searches as the clerk types and opens the chosen card with the keyboard", async () => {
    const user = userEvent.setup();
    const queries: string[] = [];
    mockIPC((command, args) => {
      if (command !== "find") return null;
      const query = (args as { query: string }).query;
      queries.push(query);
      return { query, hits: query.length >= 3 ? HITS : [], micros: 850 };
    });
    render(Find);
    const box = screen.getByTestId("find-query");
    await waitFor(() => expect(box).toHaveFocus());
    await user.type(box, "Seiitkali");
    expect(await screen.findByTestId("find-count")).toHaveTextContent("Табылғаны: 2");
    expect(screen.getAllByTestId("find-hit")).toHaveLength(2);
    expect(screen.getByText("0.8 мс")).toBeInTheDocument();
    expect(queries.at(-1)).toBe("Seiitkali");
    expect(queries.length).toBeGreaterThan(1);

    await user.keyboard("{ArrowDown}");
    expect(screen.getAllByTestId("find-hit")[1]).toHaveClass("selected");
    await user.keyboard("{Enter}");
    expect(route()).toEqual({ name: "person", regno: "PVL01-2026-00002" });
  });

  it("says so when nobody is found", async () => {
    const user = userEvent.setup();
    mockIPC((command, args) => (command === "find" ? { query: (args as { query: string }).query, hits: [], micros: 10 } : null));
    render(Find);
    await user.type(screen.getByTestId("find-query"), "Zzz");
    expect(await screen.findByTestId("find-none")).toHaveTextContent("«Zzz» бойынша ешкім табылмады");
  });

  it("drops the answer to an older query that comes late", async () => {
    const user = userEvent.setup();
    let release: (() => void) | undefined;
    mockIPC(async (command, args) => {
      if (command !== "find") return null;
      const query = (args as { query: string }).query;
      if (query === "Se") await new Promise<void>((resolve) => (release = resolve));
      return { query, hits: query === "Se" ? HITS : [HITS[0]], micros: 1 };
    });
    render(Find);
    await user.type(screen.getByTestId("find-query"), "Se");
    await user.type(screen.getByTestId("find-query"), "i");
    await waitFor(() => expect(screen.getAllByTestId("find-hit")).toHaveLength(1));
    release?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getAllByTestId("find-hit")).toHaveLength(1);
  });
});
