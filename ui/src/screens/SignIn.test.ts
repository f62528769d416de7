// Tests of the sign-in screen as a clerk uses it: the Kazakh labels, the message for empty
// fields, the language switch, and what happens once both fields are filled.
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import SignIn from "./SignIn.svelte";

afterEach(() => setLang(DEFAULT_LANG));

describe("sign-in screen", () => {
  it("greets in Kazakh with the wordmark and the office placeholder", () => {
    render(SignIn);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Жүйеге кіру");
    expect(screen.getByTestId("wordmark")).toHaveTextContent("Otau — Отау");
    expect(screen.getByTestId("signin-office")).toHaveTextContent("Бейімдеу және кіріктіру орталығы");
    expect(screen.getByLabelText("Логин")).toBeInTheDocument();
    expect(screen.getByLabelText("Құпиясөз")).toHaveAttribute("type", "password");
    expect(screen.queryByTestId("signin-message")).not.toBeInTheDocument();
  });

  it("asks for login and password when both are empty", async () => {
    const user = userEvent.setup();
    render(SignIn);
    await user.click(screen.getByRole("button", { name: "Кіру" }));
    const message = screen.getByRole("alert");
    expect(message).toHaveTextContent("Логин мен құпиясөзді енгізіңіз.");
    expect(screen.getByLabelText("Логин")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Логин")).toHaveAccessibleDescription("Логин мен құпиясөзді енгізіңіз.");
    expect(screen.getByLabelText("Құпиясөз")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Логин")).toHaveFocus();
  });

  it("names the one missing field", async () => {
    const user = userEvent.setup();
    render(SignIn);
    await user.type(screen.getByLabelText("Логин"), "clerk");
    await user.click(screen.getByRole("button", { name: "Кіру" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Құпиясөзді енгізіңіз.");
    expect(screen.getByLabelText("Логин")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Құпиясөз")).toHaveFocus();
  });

  it("clears the message once the missing field is typed in", async () => {
    const user = userEvent.setup();
    render(SignIn);
    await user.type(screen.getByLabelText("Логин"), "clerk{Enter}");
    expect(screen.getByRole("alert")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Құпиясөз"), "x");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("switches labels and the message to Russian", async () => {
    const user = userEvent.setup();
    render(SignIn);
    await user.click(screen.getByRole("button", { name: "Кіру" }));
    await user.click(screen.getByRole("button", { name: "Русский" }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Вход в систему");
    expect(screen.getByLabelText("Пароль")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Введите логин и пароль.");
    expect(screen.getByRole("button", { name: "Русский" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "Қазақша" })).toHaveAttribute("aria-pressed", "false");
  });

  it("shows and hides the password", async () => {
    const user = userEvent.setup();
    render(SignIn);
    const field = screen.getByLabelText("Құпиясөз");
    await user.click(screen.getByRole("button", { name: "Құпиясөзді көрсету" }));
    expect(field).toHaveAttribute("type", "text");
    await user.click(screen.getByRole("button", { name: "Құпиясөзді жасыру" }));
    expect(field).toHaveAttribute("type", "password");
  });

  it("says the database is not ready when nothing checks the credentials yet", async () => {
    const user = userEvent.setup();
    render(SignIn);
    await user.type(screen.getByLabelText("Логин"), "clerk");
    await user.type(screen.getByLabelText("Құпиясөз"), "clerk-demo{Enter}");
    expect(screen.getByRole("status")).toHaveTextContent("Дерекқорға қосылу әлі дайын емес.");
  });

  it("hands trimmed credentials to the checker and shows its answer", async () => {
    const user = userEvent.setup();
    const onsignin = vi.fn(async () => "ui-signin-error-empty");
    render(SignIn, { onsignin });
    await user.type(screen.getByLabelText("Логин"), "  clerk ");
    await user.type(screen.getByLabelText("Құпиясөз"), " secret ");
    await user.click(screen.getByRole("button", { name: "Кіру" }));
    expect(onsignin).toHaveBeenCalledWith("clerk", " secret ");
    expect(await screen.findByTestId("signin-message")).toHaveTextContent("Логин мен құпиясөзді");
  });

  it("shows the office name once known", () => {
    render(SignIn, { officeName: "Павлодар облыстық бейімдеу орталығы" });
    expect(screen.getByTestId("signin-office")).toHaveTextContent("Павлодар облыстық бейімдеу орталығы");
  });

  it("says why a session ended: the user was deactivated meanwhile", async () => {
    render(SignIn, { notice: { id: "store-user-inactive", args: { login: "aigerim" } } });
    expect(await screen.findByTestId("signin-message")).toHaveTextContent("aigerim пайдаланушысы өшірілген");
  });

  it("shows until when a login is locked, in local time", async () => {
    const until = new Date(Date.now() + 2 * 60_000);
    const local = `${String(until.getHours()).padStart(2, "0")}:${String(until.getMinutes()).padStart(2, "0")}`;
    const user = userEvent.setup();
    render(SignIn, {
      onsignin: async () => ({ id: "store-sign-in-locked", args: { login: "aigerim", until: local } }),
    });
    await user.type(screen.getByTestId("signin-login"), "aigerim");
    await user.type(screen.getByTestId("signin-password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Кіру" }));
    expect(await screen.findByTestId("signin-message")).toHaveTextContent(`${local} кейін қайталаңыз`);
  });

  it("asks the office secret once when this computer has no key for the user, and sends it", async () => {
    const user = userEvent.setup();
    const calls: (string | undefined)[] = [];
    const onsignin = vi.fn(async (_login: string, _password: string, officeSecret?: string) => {
      calls.push(officeSecret);
      return officeSecret ? null : { id: "vault-needs-office-secret", args: { login: "clerk" } };
    });
    render(SignIn, { onsignin });
    expect(screen.queryByTestId("signin-office-secret")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Логин"), "clerk");
    await user.type(screen.getByLabelText("Құпиясөз"), "clerk-password{Enter}");
    const secret = screen.getByLabelText("Кеңсе құпиясы");
    expect(secret).toHaveFocus();
    expect(screen.getByTestId("signin-message")).toHaveTextContent("кеңсе құпиясын енгізіңіз");
    await user.type(secret, "Office secret 2026{Enter}");
    expect(calls).toEqual([undefined, "Office secret 2026"]);
  });
});
