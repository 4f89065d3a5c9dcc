// The guides index shows every question (templates/guides/components/outline.html). On a phone that
// makes a long page, so there the lists start closed, except those of the guide a link pointed at (the
// home page's "N questions in the outline"). Progressive enhancement: without it every list is open.
const phone = window.matchMedia("(max-width: 40rem)");
const lists = document.querySelectorAll(".guide-outline__disclosure");

function target() {
  return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
}

if (phone.matches && lists.length) {
  const pointedAt = target();
  for (const details of lists) details.open = Boolean(pointedAt && pointedAt.contains(details));
  // Closing the lists above it moved the guide the address points at: back to it.
  if (pointedAt) pointedAt.scrollIntoView({ behavior: "instant" });
}
// A link to another guide on this page opens that guide's lists.
window.addEventListener("hashchange", () => {
  const pointedAt = target();
  if (pointedAt) for (const details of pointedAt.querySelectorAll(".guide-outline__disclosure")) details.open = true;
});
