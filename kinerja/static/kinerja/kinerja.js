// Small progressive enhancements; every page works without them. The Content-Security-Policy
// allows no inline script or event handler, so behaviour hangs on data attributes here.

// The menu button of small screens.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle-nav]");
  if (!toggle) return;
  const nav = document.getElementById(toggle.getAttribute("aria-controls"));
  const open = toggle.getAttribute("aria-expanded") === "true";
  toggle.setAttribute("aria-expanded", String(!open));
  nav.classList.toggle("open", !open);
});

// "Expand all" / "Collapse all": open or close every <details> of the tree the button controls.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-details-open]");
  if (!button) return;
  const tree = document.getElementById(button.getAttribute("aria-controls"));
  if (!tree) return;
  const open = button.dataset.detailsOpen === "true";
  tree.querySelectorAll("details").forEach((details) => {
    details.open = open;
  });
});

// Tree toggles: the first click loads the children through htmx (hx-trigger="click once");
// later clicks only show or hide what was loaded.
document.addEventListener("htmx:afterRequest", (event) => {
  const toggle = event.detail.elt;
  if (!toggle.matches || !toggle.matches("[data-tree-toggle]") || !event.detail.successful) return;
  toggle.dataset.loaded = "true";
  toggle.setAttribute("aria-expanded", "true");
  toggle.textContent = "−";
});
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-tree-toggle]");
  if (!toggle || toggle.dataset.loaded !== "true") return;
  const slot = document.getElementById(toggle.getAttribute("aria-controls"));
  if (!slot) return;
  slot.hidden = !slot.hidden;
  toggle.setAttribute("aria-expanded", String(!slot.hidden));
  toggle.textContent = slot.hidden ? "+" : "−";
});

// "Choose all": a checkbox with data-check-all="NAME" ticks or clears every checkbox named NAME
// (those of a table, tied to their form by form="...").
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  document.querySelectorAll(`input[type="checkbox"][name="${all.dataset.checkAll}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});

// Pages that run this script autosave their forms, so the plain "Save" buttons that serve
// browsers without JavaScript are hidden (class js-hide).
document.documentElement.classList.add("js");

// Irreversible steps ask first: the form, or the button that submits it, says in data-confirm
// what the step means.
document.addEventListener(
  "submit",
  (event) => {
    const submitter = event.submitter;
    const message = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  },
  true,
);

// After a refused step the summary of errors at the top takes the focus, so that a screen
// reader reads it and the keyboard starts there; its links lead to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
