// The few behaviours of the briefing pages. Everything works without them: a line opens to its
// evidence by itself (<details>), and the day picker has a button. Loaded from /static/ only;
// the pages' Content-Security-Policy runs no inline script.
"use strict";

function setUpDayPickers() {
  for (const picker of document.querySelectorAll("form.day-picker")) {
    const select = picker.querySelector("select");
    const button = picker.querySelector("button");
    if (!select) continue;
    if (button) button.hidden = true;
    select.addEventListener("change", () => picker.submit());
  }
}

function setUpEvidenceToggles() {
  for (const toggle of document.querySelectorAll("[data-toggle-evidence]")) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-pressed") !== "true";
      for (const line of document.querySelectorAll("details.line")) line.open = open;
      toggle.setAttribute("aria-pressed", String(open));
      toggle.textContent = open ? "Hide all evidence" : "Show all evidence";
    });
  }
}

function setUpSearchKey() {
  // "/" goes to the search box, as on most sites with one.
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
    if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const box = document.querySelector("input[type=search]");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
}

function openLinkedLine() {
  // A link to #story-3 or #source-2 shows its target; a line inside it opens.
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === "DETAILS") target.open = true;
}

document.addEventListener("DOMContentLoaded", () => {
  setUpDayPickers();
  setUpEvidenceToggles();
  setUpSearchKey();
  openLinkedLine();
});
