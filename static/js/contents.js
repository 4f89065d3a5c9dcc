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
// The heading a link (or the address) jumped to: it is the one being read until the page scrolls on
// from where the jump left it, even when the next heading is above the reading line too.
let jumpedTo = null;
let landedAt = null; // the scroll position the jump ended at (null while a smooth scroll is on its way)

function headingOfAddress() {
  return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
}

function atJumpPosition(heading) {
  const margin = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
  return Math.abs(heading.getBoundingClientRect().top - margin) < 8;
}

function markSectionBeingRead() {
  // The last heading above a line a third of the way down the window; at the end of the page, where
  // the last sections cannot scroll that far, the last heading in the window.
  const root = document.documentElement;
  const atEnd = window.innerHeight + window.scrollY >= root.scrollHeight - 4;
  const line = atEnd ? window.innerHeight : window.innerHeight / 3;
  let reading = null;
  if (jumpedTo && landedAt !== null && Math.abs(window.scrollY - landedAt) > 8) jumpedTo = null; // scrolled on
  for (const heading of headings) {
    // A heading inside a closed disclosure (a transcript's chapters) has no box and is not being read.
    if (heading.checkVisibility ? !heading.checkVisibility() : !heading.getClientRects().length) continue;
    if (heading.getBoundingClientRect().top > line) break;
    reading = heading;
  }
  if (jumpedTo) reading = jumpedTo;
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

function followJump() {
  const target = headingOfAddress();
  jumpedTo = target && links.has(target) ? target : null;
  landedAt = jumpedTo && atJumpPosition(jumpedTo) ? window.scrollY : null;
  markSectionBeingRead();
}

function scrollEnded() {
  if (jumpedTo && landedAt === null) {
    // The jump's scroll ended: with its heading in the window, this is where the jump put it (near
    // the end of a page, lower than the top); elsewhere the reader scrolled away before it landed.
    const top = jumpedTo.getBoundingClientRect().top;
    if (top >= 0 && top < window.innerHeight) landedAt = window.scrollY;
    else jumpedTo = null;
  }
  markSectionBeingRead();
}

// On phones the contents are a box at the top of the window: choosing an entry closes it.
const box = toc && toc.closest("details");
if (box) {
  toc.addEventListener("click", (event) => {
    if (event.target.closest("a") && !window.matchMedia("(min-width: 64rem)").matches) box.open = false;
  });
}

if (headings.length && "IntersectionObserver" in window) {
  window.addEventListener("hashchange", followJump);
  if (location.hash) window.addEventListener("load", followJump, { once: true });
  const observer = new IntersectionObserver(markSectionBeingRead, { rootMargin: "0px 0px -66% 0px" });
  for (const heading of headings) observer.observe(heading);
  // Headings crossing the line cover most scrolling; reaching the end of the page may cross none.
  window.addEventListener("scrollend", scrollEnded, { passive: true });
}
