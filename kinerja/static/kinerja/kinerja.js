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
