// Answers to button presses, and the page's own errors: brief notes, or alerts until OK.

import { $, el } from "./dom.js";

const TOAST_MS = 3_000;

export function showToast(text, alert = false) {
  const toast = el("div", { class: alert ? "toast alert" : "toast", role: alert ? "alertdialog" : "status" }, el("span", {}, text));
  if (alert) {
    const ok = el("button", { type: "button" }, "OK");
    ok.addEventListener("click", () => toast.remove());
    toast.append(ok);
  } else {
    setTimeout(() => toast.remove(), TOAST_MS);
  }
  $("#toasts").append(toast);
}
