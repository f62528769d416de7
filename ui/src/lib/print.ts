// Printing a saved PDF of the register through the system's print dialog: the PDF's pages are
// drawn by pdf.js into images in a print-only view of the page, and the window's print opens
// the dialog of the operating system (GTK on Linux, Windows' own on Windows), so what is
// printed is the PDF itself, page for page.
import * as commands from "./bindings/commands";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

/** The id of the print-only view (shown only when printing: `app.css`). */
export const PRINT_VIEW_ID = "print-view";

/** Pixels per PDF point the pages are drawn at: 2 = 144 dpi, sharp on paper. */
const SCALE = 2;

/** Decodes the base64 the desk sends a PDF in. */
export function pdfBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Draws every page of the PDF as a PNG data URL (pdf.js, loaded only when printing). */
export async function renderPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist");
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const pdf = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: SCALE });
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      pages.push(canvas.toDataURL("image/png"));
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** Puts the pages into the print-only view, waits until each image is decoded (else the
 *  dialog could print blank sheets), opens the system's print dialog, then empties the view. */
export async function printPages(pages: string[], title: string): Promise<void> {
  let view = document.getElementById(PRINT_VIEW_ID);
  if (!view) {
    view = document.createElement("div");
    view.id = PRINT_VIEW_ID;
    view.setAttribute("aria-hidden", "true");
    document.body.append(view);
  }
  const images = pages.map((src, i) => {
    const img = document.createElement("img");
    img.src = src;
    img.alt = `${title} ${i + 1}/${pages.length}`;
    return img;
  });
  view.replaceChildren(...images);
  try {
    await Promise.all(images.map((img) => (typeof img.decode === "function" ? img.decode() : undefined)));
    window.print();
  } finally {
    view.replaceChildren();
  }
}

/** Prints the saved PDF at `path` (a document of the register); returns how many pages. */
export async function printDocument(path: string): Promise<number> {
  const pdf = await commands.document_pdf({ path });
  const pages = await renderPages(pdfBytes(pdf.pdf_base64));
  await printPages(pages, pdf.file_name);
  return pages.length;
}
