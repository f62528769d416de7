// Tests of the sync screen against a mocked Rust side: the status as Rust computed it, both values
// of a conflict side by side with who, when, where and why, resolving one (a choice and a reason
// needed; a typed value sent as typed), a record that did not take effect (dismiss only), a review
// case decided by a manager, a family paid the same subsidy in two offices decided by a manager,
// and enrolment by pasting a code (administrators only).
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import type { ConflictItem, SyncPanel } from "../lib/api-sync";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import { go, resetRoute } from "../lib/router.svelte";
import { setSession } from "../lib/session.svelte";
import { resetSync } from "../lib/sync.svelte";
import { PERMISSIONS, SESSION } from "../test/fixtures";
import { duplicateInsert, offline, paidTwice, panel, paymentCase, places, surnameConflict } from "../test/sync-fixtures";
import Sync from "./Sync.svelte";

afterEach(() => {
  resetRoute();
  resetSync();
  setSession(null);
  setLang(DEFAULT_LANG);
});

const refusal = (field: string, code: string) => ({
  code: "store-invalid",
  message: null,
  args: { count: "1" },
  fields: [{ field, code, args: {} }],
  duplicates: [],
});

interface Call {
  command: string;
  args: Record<string, unknown>;
}

function backend(options: { status?: SyncPanel; conflicts?: ConflictItem[]; calls?: Call[]; answer?: (c: Call) => unknown }) {
  mockIPC((command, args) => {
    const call = { command, args: (args ?? {}) as Record<string, unknown> };
    options.calls?.push(call);
    const own = options.answer?.(call);
    if (own !== undefined) return own;
    switch (command) {
      case "sync_status":
        return options.status ?? panel();
      case "sync_conflicts":
        return { conflicts: options.conflicts ?? [], may_resolve: true };
      case "review_cases":
        return { cases: [], may_decide: false };
      case "cross_cases":
        return { cases: [], open: 0, may_decide: true };
      case "payment_cases":
        return { cases: [], open: 0, may_decide: true };
      case "packet_places":
        return places();
      default:
        return null;
    }
  });
}

describe("sync screen", () => {
  it("shows the status as Rust computed it", async () => {
    setLang("en");
    backend({
      status: panel({
        minutes_since_sync: 7,
        waiting: 4,
        open_conflicts: 1,
        last_report: { pushed: 3, duplicates: 0, applied: 12, already_held: 0, overruled: 0, conflicts: 1, cases: 0, reference: 0, blocks: 0, restore: null },
      }),
    });
    render(Sync);
    expect(await screen.findByTestId("sync-centre")).toHaveTextContent("Павлодар облысы");
    expect(screen.getByTestId("sync-screen-last")).toHaveTextContent("Synced 7 min ago");
    expect(screen.getByTestId("sync-screen-waiting")).toHaveTextContent("4");
    expect(screen.getByTestId("sync-screen-conflicts")).toHaveTextContent("1");
    expect(screen.getByTestId("sync-screen-report")).toHaveTextContent("Last sync: 3 sent, 12 received, 1 new conflicts, 0 new review cases.");
    expect(screen.getByTestId("sync-overview")).toHaveTextContent("Background sync: every 5 min");
    expect(await screen.findByTestId("sync-no-conflicts")).toBeInTheDocument();
  });

  it("shows how far a running sync is, each way, and no bar when it has not said", async () => {
    setLang("en");
    backend({ status: panel({ syncing: true, progress: { stage: "sending", done: 120, total: 480 } }) });
    const { unmount } = render(Sync);
    const bar = await screen.findByTestId("sync-progress");
    expect(screen.getByTestId("sync-progress-text")).toHaveTextContent("Sending changes: 120 of 480");
    expect(within(bar).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "25");
    unmount();
    resetSync();
    backend({ status: panel({ syncing: true, progress: { stage: "receiving", done: 900, total: 1000 } }) });
    const second = render(Sync);
    expect(await screen.findByTestId("sync-progress-text")).toHaveTextContent("Receiving changes: 900 of 1,000");
    second.unmount();
    resetSync();
    backend({ status: panel({ syncing: true, progress: null }) });
    render(Sync);
    expect(await screen.findByTestId("sync-screen-last")).toHaveTextContent("Syncing");
    expect(screen.queryByTestId("sync-progress")).toBeNull();
  });

  it("shows both values of a conflict with who, when, where and why", async () => {
    setLang("en");
    backend({ conflicts: [surnameConflict()] });
    render(Sync);
    const card = await screen.findByTestId("conflict");
    expect(card).toHaveTextContent("Surname");
    expect(within(card).getByRole("button", { name: "DEMO01-2026-00301 Сейітқалиев Нұрсұлтан" })).toBeInTheDocument();
    const kept = within(card).getByTestId("conflict-kept");
    expect(within(kept).getByTestId("conflict-kept-value")).toHaveTextContent("Сейітқалиев");
    expect(kept).toHaveTextContent("aigerim");
    expect(kept).toHaveTextContent("device 0193aa01");
    expect(kept).toHaveTextContent("“паспорт бойынша”");
    const proposed = within(card).getByTestId("conflict-proposed");
    expect(within(proposed).getByTestId("conflict-proposed-value")).toHaveTextContent("Сейтқали");
    expect(proposed).toHaveTextContent("this computer");
    expect(proposed).toHaveTextContent("“куәлік бойынша”");
  });

  it("resolves with a choice and a reason; a missing reason is shown next to its field", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    let open = true;
    backend({
      conflicts: [surnameConflict()],
      calls,
      answer: (call) => {
        if (call.command === "sync_conflicts") return { conflicts: open ? [surnameConflict()] : [], may_resolve: true };
        if (call.command !== "resolve_conflict") return undefined;
        if (!(call.args.reason as string).trim()) throw refusal("reason", "store-reason-required");
        open = false;
        return { conflicts: [], may_resolve: true };
      },
    });
    render(Sync);
    const card = await screen.findByTestId("conflict");
    await user.click(within(card).getByTestId("conflict-resolve"));
    expect(within(card).getByTestId("conflict-problem")).toHaveTextContent("Choose one of the values, or type the right one.");
    expect(calls.some((c) => c.command === "resolve_conflict")).toBe(false);

    await user.click(within(card).getByTestId("conflict-choose-typed"));
    expect(within(card).getByTestId("conflict-typed")).toHaveFocus();
    await user.keyboard("Сейітқали{Enter}");
    expect(await within(card).findByTestId("conflict-reason-problem")).toHaveTextContent("Give the reason");
    expect(within(card).getByTestId("conflict-reason")).toHaveFocus();
    await user.keyboard("checked against the passport{Enter}");
    await waitFor(() => expect(screen.getByTestId("sync-notice")).toHaveTextContent("Conflict resolved."));
    const sent = calls.filter((c) => c.command === "resolve_conflict").at(-1)?.args;
    expect(sent).toEqual({
      id: surnameConflict().id,
      choice: { choice: "typed", value: "Сейітқали" },
      reason: "checked against the passport",
    });
    expect(await screen.findByTestId("sync-no-conflicts")).toBeInTheDocument();
  });

  it("keeps the other value when it is chosen, and shows resolved ones with who and why", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    const resolved = surnameConflict({ open: false, may_type: false, resolution: "Сейтқали", resolved_by: "admin", resolved_on: "2026-12-06", reason: "куәлік" });
    backend({
      conflicts: [surnameConflict()],
      calls,
      answer: (call) => {
        if (call.command === "sync_conflicts" && call.args.all) return { conflicts: [resolved], may_resolve: true };
        if (call.command === "resolve_conflict") return { conflicts: [], may_resolve: true };
        return undefined;
      },
    });
    render(Sync);
    const card = await screen.findByTestId("conflict");
    await user.click(within(card).getByTestId("conflict-proposed"));
    expect(within(card).getByTestId("conflict-choose-proposed")).toBeChecked();
    await user.type(within(card).getByTestId("conflict-reason"), "куәлік{Enter}");
    await waitFor(() => expect(calls.some((c) => c.command === "resolve_conflict")).toBe(true));
    expect(calls.find((c) => c.command === "resolve_conflict")?.args.choice).toEqual({ choice: "proposed" });
    await user.click(screen.getByTestId("sync-show-resolved"));
    expect(await screen.findByTestId("conflict-resolution")).toHaveTextContent("Resolved by admin on 06.12.2026: Сейтқали");
    expect(screen.getByTestId("conflict-resolution")).toHaveTextContent("Reason: куәлік");
  });

  it("offers only dismissal of a record that did not take effect, and shows its fields", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    backend({ conflicts: [duplicateInsert()], calls });
    render(Sync);
    const card = await screen.findByTestId("conflict");
    expect(card).toHaveTextContent("A record that did not take effect");
    expect(card).toHaveTextContent("Пәтер іздеу");
    expect(within(card).queryByTestId("conflict-choose-kept")).toBeNull();
    await user.type(within(card).getByTestId("conflict-reason"), "registered again");
    await user.click(within(card).getByRole("button", { name: "Dismiss" }));
    await waitFor(() => expect(calls.find((c) => c.command === "resolve_conflict")?.args.choice).toEqual({ choice: "dismiss" }));
  });

  it("lets a manager decide a review case with a reason, both facts side by side", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    backend({
      calls,
      answer: (call) => {
        if (call.command === "review_cases") return { cases: [paidTwice()], may_decide: true };
        if (call.command === "decide_case") return { cases: [], may_decide: true };
        return undefined;
      },
    });
    render(Sync);
    const card = await screen.findByTestId("review-case");
    expect(card).toHaveTextContent("The same instalment approved or paid twice");
    expect(within(card).getByTestId("case-first")).toHaveTextContent("1 033 760 ₸");
    expect(within(card).getByTestId("case-first")).toHaveTextContent("ПП-117");
    expect(within(card).getByTestId("case-second")).toHaveTextContent("ПП-118");
    expect(within(card).getByTestId("case-second")).toHaveTextContent("this computer");
    await user.click(within(card).getByTestId("case-decide"));
    expect(within(card).getByTestId("case-problem")).toHaveTextContent("Choose a decision.");
    await user.selectOptions(within(card).getByTestId("case-decision"), "correction");
    await user.type(within(card).getByTestId("case-reason"), "ПП-118 returned{Enter}");
    await waitFor(() =>
      expect(calls.find((c) => c.command === "decide_case")?.args).toEqual({
        id: paidTwice().id,
        decision: "correction",
        reason: "ПП-118 returned",
      }),
    );
    expect(await screen.findByTestId("sync-notice")).toHaveTextContent("Review case decided.");
  });

  it("opens at the part the sidebar's link names, once the lists are read", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    onTestFinished(() => {
      Element.prototype.scrollIntoView = original;
    });
    backend({ answer: (call) => (call.command === "review_cases" ? { cases: [paidTwice()], may_decide: true } : undefined) });
    go({ name: "sync", section: "cases" });
    render(Sync);
    await screen.findByTestId("review-case");
    await waitFor(() => expect(scrolled).toEqual([screen.getByTestId("sync-cases")]));
    go({ name: "sync", section: "conflicts" });
    await waitFor(() => expect(scrolled.at(-1)).toBe(screen.getByTestId("sync-conflicts")));
    expect(scrolled).toHaveLength(2);
  });

  it("lists the same subsidy paid in two offices, counts it and sends a manager's decision", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    const decided = paymentCase({
      open: false,
      decision: "recover",
      reason: "one move",
      decided_by: "bolat",
      decided_office: "DEMO01",
      decided_here: true,
      decided_at: "2026-12-06T11:00:00.000Z",
    });
    backend({
      status: panel({ open_payment_cases: 1 }),
      calls,
      answer: (call) => {
        if (call.command === "payment_cases") return { cases: [paymentCase()], open: 1, may_decide: true };
        if (call.command === "decide_payment_case") return { cases: [], open: 0, may_decide: true };
        return undefined;
      },
    });
    render(Sync);
    expect(await screen.findByTestId("sync-screen-paid")).toHaveTextContent("1");
    const card = await screen.findByTestId("paycase-case");
    expect(screen.getByTestId("sync-paid-badge")).toHaveTextContent("1");
    expect(within(card).getByTestId("paycase-there")).toHaveTextContent("Ақмола облыстық бейімдеу орталығы");
    await user.type(within(card).getByTestId("paycase-reason"), "one move, one subsidy");
    await user.click(within(card).getByTestId("paycase-recover"));
    expect(calls.find((c) => c.command === "decide_payment_case")?.args).toEqual({
      id: paymentCase().id,
      decision: "recover",
      reason: "one move, one subsidy",
    });
    expect(await screen.findByTestId("sync-no-paid")).toHaveTextContent("No payment waits for a decision.");
    expect(screen.getByTestId("sync-notice")).toHaveTextContent("The decision is recorded");
    // Decided ones on the toggle, with who decided.
    calls.length = 0;
    backend({ answer: (call) => (call.command === "payment_cases" ? { cases: [decided], open: 0, may_decide: true } : undefined), calls });
    await user.click(screen.getByTestId("sync-paid-show-decided"));
    expect(calls.find((c) => c.command === "payment_cases")?.args).toEqual({ all: true });
    expect(await screen.findByTestId("paycase-decision")).toHaveTextContent("One payment is to be recovered · Reason: one move");
  });

  it("opens at the payments paid in two offices when the sidebar's link names them", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    onTestFinished(() => {
      Element.prototype.scrollIntoView = original;
    });
    backend({ answer: (call) => (call.command === "payment_cases" ? { cases: [paymentCase()], open: 1, may_decide: false } : undefined) });
    go({ name: "sync", section: "payments" });
    render(Sync);
    const card = await screen.findByTestId("paycase-case");
    await waitFor(() => expect(scrolled).toEqual([screen.getByTestId("sync-paid")]));
    // A clerk reads the case and why they cannot decide it.
    expect(within(card).queryByTestId("paycase-form")).toBeNull();
    expect(within(card).getByTestId("paycase-managers")).toBeInTheDocument();
  });

  it("shows a clerk the review cases without the decision", async () => {
    setLang("en");
    backend({ answer: (call) => (call.command === "review_cases" ? { cases: [paidTwice()], may_decide: false } : undefined) });
    render(Sync);
    const card = await screen.findByTestId("review-case");
    expect(card).toHaveTextContent("A manager decides review cases.");
    expect(within(card).queryByTestId("case-form")).toBeNull();
  });

  it("enrols by pasting a code (administrators), with problems next to their fields", async () => {
    const user = userEvent.setup();
    setLang("en");
    setSession({ ...SESSION, permissions: PERMISSIONS.admin });
    const calls: Call[] = [];
    let enrolled = false;
    backend({
      calls,
      answer: (call) => {
        if (call.command === "sync_status") return enrolled ? panel() : offline();
        if (call.command !== "enrol_device") return undefined;
        const form = call.args.form as { centre_url: string; code: string };
        if (!form.code) throw refusal("code", "desk-sync-required");
        enrolled = true;
        return panel({ minutes_since_sync: 0 });
      },
    });
    render(Sync);
    await user.type(await screen.findByTestId("enrol-centre"), "https://127.0.0.1:8443");
    await user.click(screen.getByTestId("enrol-submit"));
    expect(await screen.findByText("Fill this in.")).toBeInTheDocument();
    expect(screen.getByTestId("enrol-code")).toHaveFocus();
    await user.keyboard("OTAU1-ABC-DEF{Enter}");
    expect(await screen.findByTestId("sync-notice")).toHaveTextContent("This computer is connected to the centre.");
    expect(calls.filter((c) => c.command === "enrol_device").at(-1)?.args).toEqual({
      form: { centre_url: "https://127.0.0.1:8443", code: "OTAU1-ABC-DEF", device_name: "" },
    });
    expect(screen.getByTestId("sync-screen-last")).toHaveTextContent("Synced just now");
  });

  it("tells anyone else that an administrator connects this computer", async () => {
    setLang("en");
    setSession(SESSION);
    backend({ status: offline() });
    render(Sync);
    expect(await screen.findByTestId("enrol-admins")).toHaveTextContent("Only an administrator can connect this computer to a centre.");
    expect(screen.queryByTestId("enrol-form")).toBeNull();
  });
});
