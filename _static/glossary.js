// Glossary in place: a small button beside each glossary link shows the word's meaning
// without leaving the page. The definitions come from the glossary at build time
// (glossary-terms.js, written by course/wayfinding.py; pages with glossary links load it). The button is a disclosure: Enter or Space opens
// and closes it, Escape closes it and returns focus to the button; the meaning follows the
// button, so a screen reader reads it next. Without JavaScript the link still goes to
// the glossary. No network, no storage.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof COURSE_GLOSSARY_TERMS === "undefined") return;
  const meanings = new Map(Object.entries(COURSE_GLOSSARY_TERMS));

  const buttons = [];
  const close = (button, focus) => {
    button.setAttribute("aria-expanded", "false");
    document.getElementById(button.getAttribute("aria-controls")).hidden = true;
    if (focus) button.focus();
  };

  let count = 0;
  for (const link of document.querySelectorAll("article a.reference.internal")) {
    if (!link.querySelector(".std-term") || link.closest(".glossary-pop")) continue;
    const id = decodeURIComponent((link.getAttribute("href") || "").split("#")[1] || "");
    const meaning = meanings.get(id);
    if (!meaning) continue;
    count += 1;
    const word = link.textContent.trim();

    const button = document.createElement("button");
    button.type = "button";
    button.className = "glossary-toggle";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", `glossary-pop-${count}`);
    button.setAttribute("aria-label", `Meaning of ${word}`);
    button.title = `Meaning of ${word}`;

    const pop = document.createElement("span");
    pop.className = "glossary-pop";
    pop.id = `glossary-pop-${count}`;
    pop.hidden = true;
    const name = pop.appendChild(document.createElement("strong"));
    name.textContent = meaning.term;
    pop.appendChild(document.createTextNode(": "));
    const text = pop.appendChild(document.createElement("span"));
    text.className = "glossary-pop-text";
    text.textContent = meaning.text;
    pop.appendChild(document.createTextNode(" "));
    const more = pop.appendChild(document.createElement("a"));
    more.href = link.getAttribute("href");
    more.textContent = `${meaning.term} in the glossary`;

    link.after(button, pop);
    buttons.push(button);

    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") === "true";
      for (const other of buttons) if (other !== button) close(other, false);
      button.setAttribute("aria-expanded", String(!open));
      pop.hidden = open;
    });
    for (const el of [button, pop]) {
      el.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          event.preventDefault();
          close(button, true);
        }
      });
    }
  }

  // A tap or click elsewhere closes an open meaning.
  document.addEventListener("click", (event) => {
    for (const button of buttons) {
      const pop = document.getElementById(button.getAttribute("aria-controls"));
      if (!pop.hidden && !button.contains(event.target) && !pop.contains(event.target)) close(button, false);
    }
  });
});
