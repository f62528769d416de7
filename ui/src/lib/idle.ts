// Notices when nobody has touched the keyboard or the mouse for a while, to lock the screen,
// and tells the shell now and then that someone has: the shell keeps its own idle lock, which
// counts from the last command of a person. The time itself comes from the shell
// (`OTAU_IDLE_MINUTES`); this only watches the input.

const EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

/** Calls `onIdle` once after `seconds` without input; returns the function that stops it. */
export function watchIdle(seconds: number, onIdle: () => void, target: EventTarget = window): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const restart = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      stopped = true;
      stop();
      onIdle();
    }, seconds * 1000);
  };
  const stop = () => {
    clearTimeout(timer);
    for (const event of EVENTS) target.removeEventListener(event, restart, true);
  };
  for (const event of EVENTS) target.addEventListener(event, restart, { capture: true, passive: true });
  restart();
  return () => {
    stopped = true;
    stop();
  };
}

/**
 * Calls `onInput` on input, at most once every `everyMs` (the first input after each such
 * span); returns the function that stops it.
 */
export function watchInput(everyMs: number, onInput: () => void, target: EventTarget = window): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const heard = () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    onInput();
  };
  for (const event of EVENTS) target.addEventListener(event, heard, { capture: true, passive: true });
  return () => {
    for (const event of EVENTS) target.removeEventListener(event, heard, true);
  };
}
