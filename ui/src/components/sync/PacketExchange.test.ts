// Tests of the exchange by USB stick against a mocked Rust side: the first drive offered with a
// new file's name and the packets found newest first, exporting to the path shown, importing with
// a progress bar asked of Rust while the import runs, the summary of what moved in words, and a
// refused packet's reason with "nothing changed".
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LANG, setLang } from "../../lib/i18n";
import { imported, places } from "../../test/sync-fixtures";
import PacketExchange from "./PacketExchange.svelte";

afterEach(() => setLang(DEFAULT_LANG));

interface Call {
  command: string;
  args: Record<string, unknown>;
}

function backend(answer: (call: Call) => unknown, calls: Call[] = []) {
  mockIPC((command, args) => {
    const call = { command, args: (args ?? {}) as Record<string, unknown> };
    calls.push(call);
    const own = answer(call);
    if (own !== undefined) return own;
    if (command === "packet_places") return places();
    return null;
  });
}

describe("exchange by USB stick", () => {
  it("offers the first drive with a new file's name, and the packets found, newest first", async () => {
    setLang("en");
    backend(() => undefined);
    render(PacketExchange);
    await waitFor(() => expect(screen.getByTestId("packet-export-path")).toHaveValue("/media/aigerim/KINGSTON/otau-DEMO01-2026-12-06.otau"));
    expect(screen.getByTestId("packet-drive")).toHaveTextContent("KINGSTON");
    const files = screen.getAllByTestId("packet-file");
    expect(files.map((f) => f.querySelector(".name")?.textContent)).toEqual(["centre-answer.otau", "old.otau"]);
    expect(files[1]).toHaveTextContent("Home folder");
    expect(screen.getByTestId("packet-import-path")).toHaveValue("/media/aigerim/KINGSTON/centre-answer.otau");
  });

  it("says when no USB drive is found, and the home folder is offered", async () => {
    setLang("ru");
    backend((c) =>
      c.command === "packet_places"
        ? places({ drives: [], files: [], default_path: "/home/aigerim/otau-DEMO01-2026-12-06.otau" })
        : undefined,
    );
    render(PacketExchange);
    expect(await screen.findByText(/USB-накопитель не найден/)).toBeInTheDocument();
    expect(screen.getByTestId("packet-files-none")).toHaveTextContent("пакетов нет");
    await waitFor(() => expect(screen.getByTestId("packet-export-path")).toHaveValue("/home/aigerim/otau-DEMO01-2026-12-06.otau"));
  });

  it("exports to the path shown and says what the packet carries", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    backend(
      (c) =>
        c.command === "export_packet"
          ? {
              path: c.args.path,
              packet_id: "0193feed-0000-7000-8000-000000000002",
              events: 5,
              first: 11,
              last: 15,
              enrolment: false,
              centre_name: "Орталық",
              device_name: "Counter",
              office: "DEMO01",
              bytes: 4_096,
            }
          : undefined,
      calls,
    );
    render(PacketExchange);
    await waitFor(() => expect(screen.getByTestId("packet-export-path")).not.toHaveValue(""));
    await user.click(screen.getByTestId("packet-home"));
    await user.click(screen.getByTestId("packet-export"));
    const done = await screen.findByTestId("packet-exported");
    expect(calls.find((c) => c.command === "export_packet")?.args).toEqual({ path: "/home/aigerim/otau-DEMO01-2026-12-06.otau" });
    expect(done).toHaveTextContent("Packet written to /home/aigerim/otau-DEMO01-2026-12-06.otau");
    expect(done).toHaveTextContent("5 changes for Орталық.");
  });

  it("imports with a progress bar and sums up what moved in words", async () => {
    const user = userEvent.setup();
    setLang("en");
    let finish: (value: unknown) => void = () => {};
    let told: unknown = null;
    backend((c) => {
      if (c.command === "packet_progress") return { running: true, done: 500, total: 1000 };
      if (c.command === "import_packet") return new Promise((resolve) => (finish = resolve));
      return undefined;
    });
    render(PacketExchange, { onimported: (s: unknown) => (told = s) });
    await waitFor(() => expect(screen.getByTestId("packet-import-path")).not.toHaveValue(""));
    await user.click(screen.getByTestId("packet-import"));
    const bar = await screen.findByRole("progressbar");
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "50"));
    expect(screen.getByTestId("packet-progress")).toHaveTextContent("500 of 1,000 changes applied");
    expect(screen.getByTestId("packet-import")).toBeDisabled();
    finish(imported());
    const summary = await screen.findByTestId("packet-summary");
    expect(screen.queryByTestId("packet-progress")).toBeNull();
    expect(told).not.toBeNull();
    expect(summary).toHaveTextContent("Packet imported");
    expect(screen.getByTestId("packet-from-to")).toHaveTextContent("From Орталық to Counter, office DEMO01");
    expect(screen.getByTestId("packet-range")).toHaveTextContent("The office's changes 31–57");
    expect(within(screen.getByTestId("packet-sum-conflicts")).getByText("1")).toBeInTheDocument();
    expect(screen.getByTestId("packet-sum-acknowledged")).toHaveTextContent(/^This computer's changes the centre acknowledged\s*4$/);
    expect(screen.getByTestId("packet-sum-applied")).toHaveTextContent(/applied here\s*12$/);
    expect(screen.getByTestId("packet-sum-conflicts")).toHaveTextContent(/^New conflicts to resolve\s*1$/);
    expect(screen.getByTestId("packet-sum-voided")).toHaveTextContent(/^Papers voided in other offices\s*1$/);
    expect(screen.getByTestId("packet-sum-cross")).toHaveTextContent(/^People also registered in another office\s*1$/);
    expect(screen.getByTestId("packet-sum-blocks")).toHaveTextContent(/^Blocks of registration numbers\s*1$/);
    expect(screen.queryByTestId("packet-sum-cross-decisions")).toBeNull();
    expect(summary.textContent).not.toContain("{");
  });

  it("a refused packet says why in words", async () => {
    const user = userEvent.setup();
    setLang("kk");
    backend((c) => {
      if (c.command === "import_packet") {
        throw { code: "packet-tampered", message: "tampered", args: {}, fields: [], duplicates: [] };
      }
      return undefined;
    });
    render(PacketExchange);
    await waitFor(() => expect(screen.getByTestId("packet-import-path")).not.toHaveValue(""));
    await user.click(screen.getByTestId("packet-import"));
    const refused = await screen.findByTestId("packet-refused");
    expect(refused).toHaveTextContent("Пакет жүктелмеді");
    expect(refused).toHaveTextContent("Пакет жолда өзгертілген немесе қиылған: ештеңе импортталмады.");
    expect(refused.textContent).not.toContain("packet-tampered");
    expect(screen.queryByTestId("packet-summary")).toBeNull();
    // The words follow a language chosen afterwards.
    setLang("en");
    await waitFor(() => expect(screen.getByTestId("packet-refused")).toHaveTextContent("This packet was changed or cut short on the way"));
  });

  it("a packet imported before says when, as the screens write moments", async () => {
    const user = userEvent.setup();
    setLang("en");
    backend((c) => {
      if (c.command === "import_packet") {
        throw { code: "packet-replayed", message: null, args: { at: "2026-12-06T09:05:00.000Z" }, fields: [], duplicates: [] };
      }
      return undefined;
    });
    render(PacketExchange);
    await waitFor(() => expect(screen.getByTestId("packet-import-path")).not.toHaveValue(""));
    await user.click(screen.getByTestId("packet-import"));
    const refused = await screen.findByTestId("packet-refused");
    expect(refused).toHaveTextContent("This packet was imported already, on 06.12.2026");
    expect(refused.textContent).not.toContain("T09:05");
  });
});
