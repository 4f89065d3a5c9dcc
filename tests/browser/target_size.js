// WCAG 2.2 SC 2.5.8 (Target Size, Minimum): every link, button and control is at least 24×24 CSS px,
// or a 24 px circle centred on it reaches no other target (nor another small target's circle), or it
// sits inline in a sentence. Returns one line per failing target.
() => {
  const MIN = 24;
  const selector = 'a[href], button, summary, input:not([type=hidden]), select, textarea';
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    // checkVisibility: false inside a closed <details> too, which still has a layout box in Chromium.
    return r.width > 0 && r.height > 0 && r.bottom + scrollY > 0 && el.checkVisibility({visibilityProperty: true});
  };
  const targets = [...document.querySelectorAll(selector)].filter(shown).map((el) => {
    const r = el.getBoundingClientRect();
    return {el, r, small: r.width < MIN - 0.5 || r.height < MIN - 0.5, x: r.left + r.width / 2, y: r.top + r.height / 2};
  });
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.trim() && !node.parentElement.closest(selector)) return true;
    }
    return false;
  };
  const reaches = (t, other) => {
    if (other.small) return Math.hypot(t.x - other.x, t.y - other.y) < MIN;
    const dx = Math.max(other.r.left - t.x, 0, t.x - other.r.right);
    const dy = Math.max(other.r.top - t.y, 0, t.y - other.r.bottom);
    return Math.hypot(dx, dy) < MIN / 2;
  };
  const name = (el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40)}"`;
  return targets
    .filter((t) => t.small && !inSentence(t.el))
    .filter((t) => targets.some((other) => other !== t && !other.el.contains(t.el) && !t.el.contains(other.el) && reaches(t, other)))
    .map((t) => `${name(t.el)} is ${Math.round(t.r.width)}x${Math.round(t.r.height)} px and too close to another target`);
}
