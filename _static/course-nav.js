// Sidebar buttons for sphinx-book-theme 1.3 on pydata-sphinx-theme 0.17.
// Both themes bind their click handlers to the FIRST ".primary-toggle" and
// ".secondary-toggle" only: the buttons in the top bar, which are hidden. The buttons
// readers see (in the article header) did nothing, on phones and on desktops.
// They now pass their click on to the bound button. No network, no storage.
document.addEventListener("DOMContentLoaded", () => {
  for (const kind of ["primary-toggle", "secondary-toggle"]) {
    const [bound, ...others] = document.querySelectorAll("button." + kind);
    if (!bound) continue;
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    }
  }
});

// Search opened from disk (file://): show the results without the text summaries, which
// the search page would fetch from each page and the browser blocks there.
if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}

// "More detail" sections are folded on screen; a printed page shows them in full.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.more")) details.open = true;
});
