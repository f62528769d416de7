// Entry point of the Otau UI: loads the global styles and the shipped fonts, then mounts the app
// into the page (waiting briefly for the fonts avoids a first frame with invisible text).
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

const FONT_WAIT_MS = 1500;

async function fontsLoaded(): Promise<void> {
  if (!("fonts" in document)) return;
  const faces = ['400 1em "Otau Sans"', '700 1em "Otau Sans"'].map((face) => document.fonts.load(face));
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, FONT_WAIT_MS));
  await Promise.race([Promise.all(faces).catch(() => undefined), timeout]);
}

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

void fontsLoaded().then(() => mount(App, { target }));
