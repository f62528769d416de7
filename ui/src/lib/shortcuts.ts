// The app's keyboard shortcuts, in one table so the help and the handler agree. A shortcut is
// matched from a keydown event; `/` only counts outside text fields, so it can still be typed.

/** What a shortcut does. */
export type Command = "search" | "new-family" | "add-member" | "save" | "edit" | "lock" | "home" | "back";

/** One shortcut: the keys (as shown in the help) and the command. */
export interface Shortcut {
  keys: string;
  command: Command;
  /** Message id of what it does. */
  label: string;
}

/** Every shortcut, in the order the help lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Ctrl+K", command: "search", label: "ui-key-search" },
  { keys: "/", command: "search", label: "ui-key-search" },
  { keys: "Ctrl+N", command: "new-family", label: "ui-key-new-family" },
  { keys: "Alt+A", command: "add-member", label: "ui-key-add-member" },
  { keys: "Ctrl+S", command: "save", label: "ui-key-save" },
  { keys: "Ctrl+E", command: "edit", label: "ui-key-edit" },
  { keys: "Ctrl+L", command: "lock", label: "ui-key-lock" },
  { keys: "Alt+H", command: "home", label: "ui-key-home" },
  { keys: "Alt+←", command: "back", label: "ui-key-back" },
];

function inTextField(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const element = target as Element;
  return element.closest("input, textarea, select, [contenteditable=true]") !== null;
}

/** The command a key press asks for, if any. Uses the physical key so it works in any layout. */
export function commandFor(event: KeyboardEvent): Command | null {
  // The physical key, so Ctrl+S is Ctrl+S in a Cyrillic layout too (synthetic events may lack it).
  const key = event.code || (event.key.length === 1 ? `Key${event.key.toUpperCase()}` : event.key);
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && !event.altKey && !event.shiftKey) {
    if (key === "KeyK") return "search";
    if (key === "KeyN") return "new-family";
    if (key === "KeyS") return "save";
    if (key === "KeyE") return "edit";
    if (key === "KeyL") return "lock";
  }
  if (event.altKey && !ctrl && !event.shiftKey) {
    if (key === "KeyA") return "add-member";
    if (key === "KeyH") return "home";
    if (key === "ArrowLeft") return "back";
  }
  if (!ctrl && !event.altKey && event.key === "/" && !inTextField(event.target)) return "search";
  return null;
}

type Handler = () => void;
const handlers = new Map<Command, Handler[]>();

/**
 * Lets a screen handle a command while it is shown (the last one registered wins, so a dialog
 * over a screen takes Ctrl+S). Returns the function that unregisters it.
 */
export function onCommand(command: Command, handler: Handler): () => void {
  const list = handlers.get(command) ?? [];
  list.push(handler);
  handlers.set(command, list);
  return () => {
    const current = handlers.get(command) ?? [];
    handlers.set(
      command,
      current.filter((h) => h !== handler),
    );
  };
}

/** Runs the handler registered last for `command`; says whether there was one. */
export function runCommand(command: Command): boolean {
  const handler = handlers.get(command)?.at(-1);
  if (!handler) return false;
  handler();
  return true;
}

const TEXT_INPUTS = new Set(["text", "tel", "email", "search", "number", ""]);

/**
 * In a long form, Enter in a text field moves to the next field (as in the office programs
 * clerks know) instead of saving half a form; Ctrl+S saves. Returns whether it moved.
 */
export function enterMovesOn(event: KeyboardEvent): boolean {
  if (event.key !== "Enter" || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return false;
  const target = event.target as HTMLElement | null;
  if (!(target instanceof HTMLInputElement) || !TEXT_INPUTS.has(target.type)) return false;
  const form = target.form;
  if (!form) return false;
  const fields = [...form.querySelectorAll<HTMLElement>("input, select, textarea")].filter(
    (el) => !(el as HTMLInputElement).disabled && el.tabIndex >= 0 && (el as HTMLInputElement).type !== "hidden",
  );
  const next = fields[fields.indexOf(target) + 1];
  event.preventDefault();
  next?.focus();
  return true;
}
