// Tests of printing a saved PDF: the desk's bytes decoded, every page drawn (pdf.js replaced
// here by a stand-in that counts what it is asked), the pages put into the print-only view,
// the window's print called once while they are there, and the view emptied after; a file the
// desk refuses is an error that prints nothing.
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PRINT_VIEW_ID, pdfBytes, printDocument } from "./print";

const rendered: number[] = [];

vi.mock("pdfjs-dist", () => ({
  GlobalWorkerOptions: { workerSrc: "" },
  getDocument: (source: { data: Uint8Array }) => ({
    promise: Promise.resolve({
      // The stand-in reads the page count from the first byte of the "PDF".
      numPages: source.data[0] ?? 0,
      getPage: (n: number) =>
        Promise.resolve({
          getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale }),
          render: () => {
            rendered.push(n);
            return { promise: Promise.resolve() };
          },
        }),
      destroy: () => Promise.resolve(),
    }),
  }),
}));

beforeEach(() => {
  rendered.length = 0;
  vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockImplementation(function (this: HTMLCanvasElement) {
    return `data:image/png;base64,${this.width}x${this.height}`;
  });
});

afterEach(() => vi.restoreAllMocks());

describe("printing a saved PDF", () => {
  it("decodes the desk's base64", () => {
    expect(Array.from(pdfBytes(btoa("%PDF-1.7")))).toEqual(Array.from(new TextEncoder().encode("%PDF-1.7")));
  });

  it("draws every page into the print view, prints once, then empties the view", async () => {
    const asked: unknown[] = [];
    mockIPC((command, args) => {
      asked.push({ command, args });
      // Three pages.
      return { file_name: "PVL01-2026-D00007.pdf", pdf_base64: btoa(String.fromCharCode(3)) };
    });
    let shown: string[] = [];
    const print = vi.spyOn(window, "print").mockImplementation(() => {
      shown = Array.from(document.querySelectorAll(`#${PRINT_VIEW_ID} img`)).map((img) => (img as HTMLImageElement).alt);
    });
    const pages = await printDocument("/home/a/Documents/Otau/PVL01-2026-D00007.pdf");
    expect(pages).toBe(3);
    expect(asked).toEqual([{ command: "document_pdf", args: { path: "/home/a/Documents/Otau/PVL01-2026-D00007.pdf" } }]);
    expect(rendered).toEqual([1, 2, 3]);
    expect(print).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(["PVL01-2026-D00007.pdf 1/3", "PVL01-2026-D00007.pdf 2/3", "PVL01-2026-D00007.pdf 3/3"]);
    expect(document.querySelectorAll(`#${PRINT_VIEW_ID} img`)).toHaveLength(0);
  });

  it("prints nothing when the desk refuses the file", async () => {
    mockIPC(() => {
      throw { code: "ui-documents-err-not-printable", args: { path: "/x.xlsx" } };
    });
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    await expect(printDocument("/x.xlsx")).rejects.toBeTruthy();
    expect(print).not.toHaveBeenCalled();
    expect(rendered).toEqual([]);
  });
});
