// Tests of the scans on the person card: the thumbnail shown and opened whole, a scan attached
// from the file chooser (its bytes handed over), a refusal said in words, a file too large
// refused before its bytes cross over, and a scan taken off the card.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PersonCard } from "../lib/api";
import type { ScanView } from "../lib/api-scans";
import { setLang } from "../lib/i18n";
import { setSession } from "../lib/session.svelte";
import { card, SESSION } from "../test/fixtures";
import DocumentScans from "./DocumentScans.svelte";

const DOC_ID = "0193c105-0000-7000-8000-0000000000d1";

interface Call {
  command: string;
  args: Record<string, unknown>;
}

function scan(id: string): ScanView {
  return {
    id,
    document_id: DOC_ID,
    kind: "png",
    bytes: 1_250_000,
    width: 1600,
    height: 1100,
    pages: null,
    file_name: "passport.png",
    thumbnail: "/9j/4AAQ",
    added_on: "2026-12-01",
    added_by: "aigerim",
  };
}

function withScans(scans: ScanView[]): PersonCard {
  const c = card();
  c.person = { ...c.person, scans };
  return c;
}

function backend(answer: (call: Call) => unknown, calls: Call[]) {
  mockIPC((command, args) => {
    const call = { command, args: (args ?? {}) as Record<string, unknown> };
    calls.push(call);
    return answer(call) ?? null;
  });
}

beforeEach(() => {
  setSession(SESSION);
  setLang("en");
});
afterEach(() => setSession(null));

describe("scans of a document", () => {
  it("shows a thumbnail that opens the scan whole, and Escape closes it", async () => {
    const user = userEvent.setup();
    const calls: Call[] = [];
    backend((c) => (c.command === "open_scan" ? { kind: "png", mime: "image/png", file_name: "passport.png", content_base64: "iVBORw0K" } : null), calls);
    render(DocumentScans, { card: withScans([scan("s1")]), documentId: DOC_ID, documentLabel: "Passport N1234", onchanged: () => {} });
    const thumb = screen.getByTestId("scan-thumb");
    expect(thumb).toHaveAccessibleName("Open the scan passport.png");
    expect(within(thumb).getByTestId("scan-thumb-img")).toHaveAttribute("src", "data:image/jpeg;base64,/9j/4AAQ");
    expect(screen.getByTestId("document-scans")).toHaveTextContent("1600×1100 · 1.2 MB · 01.12.2026");
    await user.click(thumb);
    const viewer = await screen.findByTestId("scan-viewer");
    expect(calls.find((c) => c.command === "open_scan")?.args.scan_id).toBe("s1");
    const page = await within(viewer).findByTestId("scan-page");
    expect(page).toHaveAttribute("src", "data:image/png;base64,iVBORw0K");
    expect(viewer).toHaveTextContent("attached 01.12.2026 by aigerim");
    expect(screen.getByTestId("scan-close")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("scan-viewer")).toBeNull();
    expect(thumb).toHaveFocus();
  });

  it("hands the chosen file's bytes over and shows the card that comes back", async () => {
    const user = userEvent.setup();
    const calls: Call[] = [];
    const after = withScans([scan("s2")]);
    backend((c) => (c.command === "attach_scan" ? after : null), calls);
    let changed: PersonCard | null = null;
    render(DocumentScans, {
      card: withScans([]),
      documentId: DOC_ID,
      documentLabel: "Passport N1234",
      onchanged: (c: PersonCard) => (changed = c),
    });
    expect(screen.getByTestId("document-scans")).toHaveTextContent("No scan attached yet.");
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 255]);
    await user.upload(screen.getByTestId("scan-file"), new File([bytes], "скан паспорта.png", { type: "image/png" }));
    await waitFor(() => expect(changed).toBe(after));
    const attach = calls.find((c) => c.command === "attach_scan");
    expect(attach?.args.document_id).toBe(DOC_ID);
    expect(attach?.args.regno).toBe(card().person.person.regno);
    expect(attach?.args.file_name).toBe("скан паспорта.png");
    expect(Array.from(atob(String(attach?.args.content_base64)), (ch) => ch.charCodeAt(0))).toEqual(Array.from(bytes));
    expect(await screen.findByRole("status")).toHaveTextContent("Scan attached.");
  });

  it("says in words why a file was refused, and refuses one too large before sending it", async () => {
    const user = userEvent.setup();
    const calls: Call[] = [];
    backend((c) => {
      if (c.command === "attach_scan") {
        throw { code: "store-invalid", message: null, args: {}, fields: [{ field: "file", code: "scan-not-accepted", args: {} }], duplicates: [] };
      }
      return null;
    }, calls);
    render(DocumentScans, { card: withScans([]), documentId: DOC_ID, documentLabel: "Passport N1234", onchanged: () => {} });
    await user.upload(screen.getByTestId("scan-file"), new File(["GIF89a"], "passport.jpg", { type: "image/jpeg" }));
    expect(await screen.findByTestId("scan-refused")).toHaveTextContent("This file is not a JPEG, PNG or PDF, whatever its name says.");

    const big = new File([new Uint8Array(4 * 1024 * 1024 + 1)], "photo.jpg", { type: "image/jpeg" });
    await user.upload(screen.getByTestId("scan-file"), big);
    expect(await screen.findByTestId("scan-refused")).toHaveTextContent("The file is 4.1 MB; a scan may be at most 4.0 MB.");
    expect(calls.filter((c) => c.command === "attach_scan")).toHaveLength(1);
  });

  it("takes a scan off the card after asking", async () => {
    const user = userEvent.setup();
    const calls: Call[] = [];
    const after = withScans([]);
    backend((c) => {
      if (c.command === "open_scan") return { kind: "png", mime: "image/png", file_name: "passport.png", content_base64: "iVBORw0K" };
      if (c.command === "remove_scan") return after;
      return null;
    }, calls);
    let changed: PersonCard | null = null;
    render(DocumentScans, {
      card: withScans([scan("s3")]),
      documentId: DOC_ID,
      documentLabel: "Passport N1234",
      onchanged: (c: PersonCard) => (changed = c),
    });
    await user.click(screen.getByTestId("scan-thumb"));
    await user.click(await screen.findByTestId("scan-remove"));
    expect(calls.some((c) => c.command === "remove_scan")).toBe(false);
    await user.click(screen.getByTestId("scan-remove-confirm"));
    await waitFor(() => expect(changed).toBe(after));
    expect(calls.find((c) => c.command === "remove_scan")?.args.scan_id).toBe("s3");
    expect(screen.queryByTestId("scan-viewer")).toBeNull();
  });
});
