// Suggestions while typing a search: the WAI-ARIA APG combobox with a listbox popup ("list
// autocomplete with manual selection"). The form works as it is without this script.
// Down/Up move through the suggestions (Alt+Down opens them), Enter goes to the highlighted one or
// submits the search, Escape closes the list (or, when closed, clears the field).
for (const form of document.querySelectorAll("form[data-suggest-url]")) {
  const input = form.querySelector("input[name=q]");
  if (!input) continue;
  const endpoint = form.dataset.suggestUrl;
  const list = document.createElement("ul");
  const status = document.createElement("p");
  list.id = input.id + "-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  input.after(list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  const cache = new Map();
  let items = [];
  let active = -1;
  let timer;
  let request;

  const open = () => {
    if (!items.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    highlight(-1);
  };
  const highlight = (index) => {
    active = index;
    list.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === index));
      if (i === index) option.scrollIntoView({ block: "nearest" });
    });
    if (index < 0) input.removeAttribute("aria-activedescendant");
    else input.setAttribute("aria-activedescendant", `${list.id}-${index}`);
  };
  const go = (index) => {
    window.location.assign(items[index].url);
  };
  const show = (suggestions) => {
    items = suggestions;
    list.replaceChildren(
      ...items.map((item, i) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.text;
        if (item.page) {
          const page = document.createElement("span");
          page.className = "search-suggestions__page";
          page.textContent = item.page;
          option.append(" ", page);
        }
        option.addEventListener("click", () => go(i));
        return option;
      }),
    );
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = items.length
      ? `${items.length} suggestion${items.length === 1 ? "" : "s"}: use the arrow keys to choose one.`
      : "";
    if (items.length && document.activeElement === input) open();
    else close();
  };
  const update = () => {
    const q = input.value.trim();
    if (q.length < 2) return show([]);
    if (cache.has(q)) return show(cache.get(q));
    request?.abort();
    request = new AbortController();
    fetch(`${endpoint}?${new URLSearchParams({ q })}`, { signal: request.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { suggestions: [] }))
      .then((data) => {
        cache.set(q, data.suggestions);
        if (input.value.trim() === q) show(data.suggestions);
      })
      .catch(() => {});
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  input.addEventListener("keydown", (event) => {
    const expanded = !list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      if (!expanded) {
        open();
        if (event.altKey) return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight(active < 0 && step < 0 ? items.length - 1 : (active + step + items.length) % items.length);
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault();
      go(active);
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        show([]);
      }
    } else if (event.key === "Tab") {
      close();
    }
  });
  input.addEventListener("blur", close);
  // A click on an option must not blur the field (and close the list) before it lands.
  list.addEventListener("mousedown", (event) => event.preventDefault());
}
