// Marks the contents entry of the section being read (templates/components/contents.html). Progressive
// enhancement: without it the contents are still a list of links.
const toc = document.querySelector(".toc");
const sidebar = toc && toc.closest(".contents");
const links = new Map();
for (const link of toc ? toc.querySelectorAll('a[href^="#"]') : []) {
  const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (heading) links.set(heading, link);
}
const headings = [...links.keys()];
let current = null;

function markSectionBeingRead() {
  // The last heading above a line a third of the way down the window; at the end of the page, where
  // the last sections cannot scroll that far, the last heading in the window.
  const root = document.documentElement;
  const atEnd = window.innerHeight + window.scrollY >= root.scrollHeight - 4;
  const line = atEnd ? window.innerHeight : window.innerHeight / 3;
  let reading = null;
  for (const heading of headings) {
    // A heading inside a closed disclosure (a transcript's chapters) has no box and is not being read.
    if (heading.checkVisibility ? !heading.checkVisibility() : !heading.getClientRects().length) continue;
    if (heading.getBoundingClientRect().top > line) break;
    reading = heading;
  }
  if (reading === current) return;
  if (current) links.get(current).removeAttribute("aria-current");
  current = reading;
  if (!current) return;
  const link = links.get(current);
  link.setAttribute("aria-current", "location");
  // In a sidebar taller than the window, keep the marked entry in view.
  if (sidebar.scrollHeight > sidebar.clientHeight) {
    const box = sidebar.getBoundingClientRect();
    const entry = link.getBoundingClientRect();
    if (entry.top < box.top || entry.bottom > box.bottom) sidebar.scrollTop += entry.top - box.top - box.height / 3;
  }
}

if (headings.length && "IntersectionObserver" in window) {
  const observer = new IntersectionObserver(markSectionBeingRead, { rootMargin: "0px 0px -66% 0px" });
  for (const heading of headings) observer.observe(heading);
  // Headings crossing the line cover most scrolling; reaching the end of the page may cross none.
  window.addEventListener("scrollend", markSectionBeingRead, { passive: true });
}
