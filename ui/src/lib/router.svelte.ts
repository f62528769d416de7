// Which screen is shown: a tiny in-memory router (the app has no URLs to share). Going back
// returns to the previous screen, as Alt+Left does in any window.
export type Route =
  | { name: "home" }
  | { name: "find"; query?: string }
  | { name: "register" }
  // Importing the register an office kept in a spreadsheet.
  | { name: "import" }
  | { name: "person"; regno: string }
  // Case work: the family's adaptation plan and the office-wide screen.
  | { name: "plan"; regno: string }
  | { name: "casework" }
  // Subsidies and the payment ledger.
  | { name: "subsidies"; regno: string }
  | { name: "payments" }
  | { name: "reference" }
  // Documents: the register and the monthly summary.
  | { name: "documents" }
  | { name: "summary" }
  // Sync with the centre: status, enrolment, packets, conflicts, review cases, the same person
  // in two offices and the same subsidy paid in two (`section`: the part the screen opens at).
  | { name: "sync"; section?: "conflicts" | "cases" | "cross" | "payments" }
  // The administrators' users screen and office settings.
  | { name: "users" }
  | { name: "settings" };

const state = $state<{ current: Route; history: Route[] }>({
  current: { name: "home" },
  history: [],
});

/** The screen shown now (reactive). */
export function route(): Route {
  return state.current;
}

/** Shows `next`, remembering the current screen for `back`. */
export function go(next: Route): void {
  if (JSON.stringify(next) === JSON.stringify(state.current)) return;
  state.history = [...state.history.slice(-49), state.current];
  state.current = next;
}

/** Returns to the previous screen, if any. */
export function back(): void {
  const previous = state.history.at(-1);
  if (!previous) return;
  state.history = state.history.slice(0, -1);
  state.current = previous;
}

/** Whether there is a screen to go back to. */
export function canGoBack(): boolean {
  return state.history.length > 0;
}

/** Starts over at the home screen (after sign-in as another user). */
export function resetRoute(): void {
  state.current = { name: "home" };
  state.history = [];
}
