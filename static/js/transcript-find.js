// Find in the transcript (templates/reviews/talk_review_page.html): a field above the paragraphs that keeps
// only those holding every typed word, marks the words, and says how many paragraphs match. Progressive
// enhancement: without this script the field is not there and the whole transcript reads as before.
const transcript = document.querySelector("details.transcript");
const list = transcript && transcript.querySelector(".transcript__segments");
if (list) {
  const rows = [...list.children].map((row) => {
    const words = row.querySelector("p");
    return { row, words, html: words.innerHTML, text: words.textContent.toLowerCase() };
  });

  const form = document.createElement("form");
  form.className = "transcript-find";
  form.setAttribute("role", "search");
  const label = document.createElement("label");
  label.htmlFor = "transcript-find";
  label.textContent = "Find in the transcript";
  const input = document.createElement("input");
  input.type = "search";
  input.id = "transcript-find";
  input.autocomplete = "off";
  const status = document.createElement("p");
  status.className = "transcript-find__status";
  status.setAttribute("role", "status");
  form.append(label, input, status);
  transcript.querySelector("summary").after(form);
  // The field pushed the paragraphs down: keep a linked moment (#t-…) where the browser had put it.
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && list.contains(target)) {
    transcript.open = true;
    target.scrollIntoView({ block: "start" });
  }
  form.addEventListener("submit", (event) => event.preventDefault());

  const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  function mark(element, pattern) {
    // Only text nodes change: the later moments' ids (<span id="t-…">) stay where they are.
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const parts = node.data.split(pattern);
      if (parts.length === 1) continue;
      const fragment = document.createDocumentFragment();
      parts.forEach((part, i) => {
        if (!part) return;
        if (i % 2) {
          const found = document.createElement("mark");
          found.textContent = part;
          fragment.append(found);
        } else {
          fragment.append(part);
        }
      });
      node.replaceWith(fragment);
    }
  }

  let marked = [];
  function find() {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const entry of marked) entry.words.innerHTML = entry.html;
    marked = [];
    if (!words.length) {
      for (const { row } of rows) row.hidden = false;
      status.textContent = "";
      return;
    }
    const pattern = new RegExp(`(${words.map(escape).join("|")})`, "gi");
    for (const entry of rows) {
      const found = words.every((word) => entry.text.includes(word));
      entry.row.hidden = !found;
      if (found) {
        mark(entry.words, pattern);
        marked.push(entry);
      }
    }
    const count = marked.length;
    status.textContent = count
      ? `${count} of ${rows.length} paragraphs ${count === 1 ? "holds" : "hold"} “${input.value.trim()}”.`
      : `No paragraph holds “${input.value.trim()}”.`;
  }

  let pending = 0;
  input.addEventListener("input", () => {
    transcript.open = true;
    clearTimeout(pending);
    pending = setTimeout(find, 150);
  });
}
