// The history of changes synced from another device of the office: a piece of work whose origin
// is `remote` says so (with the device), on the card too; whole records (a fact of a review case)
// read with the card's labels and Rust's amounts.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import PersonCard from "../screens/PersonCard.svelte";
import { card, HISTORY, REFERENCE } from "../test/fixtures";
import { recordFields, recordGroups, workItems } from "./audit";
import { DEFAULT_LANG, setLang } from "./i18n";
import { setReference } from "./reference.svelte";

beforeEach(() => setReference(REFERENCE));
afterEach(() => {
  setReference(null);
  setLang(DEFAULT_LANG);
});

const REMOTE = HISTORY.map((entry, i) =>
  i === 0 ? { ...entry, origin: "remote" as const, device_id: "0193bb02-7e57-7000-8000-000000000002" } : entry,
);

describe("history synced from another device", () => {
  it("marks a piece of work made on another device, and only that one", () => {
    const items = workItems(REMOTE);
    expect(items.map((i) => [i.action, i.syncedFrom])).toEqual([
      ["person.edit", "0193bb02-7e57-7000-8000-000000000002"],
      ["family.register", null],
    ]);
  });

  it("says so on the card", async () => {
    setLang("en");
    const remote = card();
    remote.history = REMOTE;
    mockIPC((command) => (command === "person_card" ? remote : null));
    render(PersonCard, { regno: "PVL01-2026-00001" });
    const items = await screen.findAllByTestId("history-item");
    expect(within(items[0]!).getByTestId("history-synced")).toHaveTextContent("Synced from another device (0193bb02)");
    expect(within(items[0]!).getByTestId("history-synced")).toHaveAttribute("title", "0193bb02-7e57-7000-8000-000000000002");
    expect(within(items[1]!).queryByTestId("history-synced")).toBeNull();
  });

  it("marks what of another device's change did not take effect here", async () => {
    setLang("en");
    // The phone changed on another device; the centre kept the value set here first.
    const overruled = REMOTE.map((entry, i) => (i === 0 ? { ...entry, not_applied: ["phone"] } : entry));
    const [edit] = workItems(overruled);
    expect(edit?.records[0]?.fields.map((f) => [f.key, f.notApplied ?? false])).toEqual([["phone", true]]);
    const remote = card();
    remote.history = overruled;
    mockIPC((command) => (command === "person_card" ? remote : null));
    render(PersonCard, { regno: "PVL01-2026-00001" });
    const items = await screen.findAllByTestId("history-item");
    expect(within(items[0]!).getByTestId("history-not-applied")).toHaveTextContent("did not take effect: a conflict");
    expect(within(items[1]!).queryByTestId("history-not-applied")).toBeNull();
    expect(screen.queryByTestId("history-dropped")).toBeNull();
  });

  it("says when a record from another device did not take effect at all, and never folds it away", () => {
    const person = HISTORY.find((e) => e.action === "family.register" && e.entity === "person")!;
    // Newest first, as the card receives them; within a piece of work records show in the order
    // they were written, so the dropped newest row is the third record shown.
    const dropped = [0, 1, 2].map((i) => ({ ...person, entity_id: `p${i}`, origin: "remote" as const, device_id: "d", dropped: i === 0 }));
    const [work] = workItems(dropped);
    const groups = recordGroups(work!.records);
    expect(groups.map((g) => [g.record.dropped ?? false, g.more])).toEqual([
      [false, 0],
      [false, 0],
      [true, 0],
    ]);
  });

  it("reads a whole record with the card's labels and Rust's amounts", () => {
    setLang("en");
    const fields = recordFields(
      "ledger_entry",
      { id: "x", kind: "paid", amount_tiyn: 103_376_000, order_number: "ПП-117", seq: 1, line_id: "l" },
      { amount_tiyn: "1 033 760 ₸" },
    );
    expect(fields.map((f) => f.after)).toContain("1 033 760 ₸");
    expect(fields.map((f) => f.after)).toContain("ПП-117");
    expect(fields.some((f) => f.key === "id" || f.key === "line_id" || f.key === "seq")).toBe(false);
  });
});
