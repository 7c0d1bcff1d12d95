// Page settings and buttons of the course theme, from a file instead of inline scripts and
// onclick attributes, so the site works under a strict Content-Security-Policy
// (script-src 'self'). Loaded in <head> without defer: the colour mode is set before the
// page is drawn, and DOCUMENTATION_OPTIONS before the theme's deferred scripts read it.
(function () {
  "use strict";
  var root = document.documentElement;
  var script = document.currentScript;

  // The reader's colour mode from an earlier page, else the site's default ("auto":
  // follow the device). The theme's scripts resolve "auto" to light or dark.
  var fallback = (script && script.dataset.defaultMode) || "auto";
  var saved = function (key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  };
  root.dataset.mode = saved("mode") || fallback;
  root.dataset.theme = saved("theme") || fallback;

  // What the theme's templates used to write inline for its scripts.
  if (script && typeof DOCUMENTATION_OPTIONS !== "undefined") {
    DOCUMENTATION_OPTIONS.pagename = script.dataset.pagename || "";
    DOCUMENTATION_OPTIONS.search_as_you_type = script.dataset.searchAsYouType === "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    // The skip link moves keyboard focus to the main content.
    var main = document.getElementById("main-content");
    if (main && !main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");

    // The search page starts in its search field.
    var field = document.querySelector(".bd-search-container form.bd-search input");
    if (field) { field.focus(); field.select(); }

    document.querySelectorAll("[data-course-action='print']").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-course-action='fullscreen']").forEach(function (button) {
      button.addEventListener("click", function () {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (root.requestFullscreen) {
          root.requestFullscreen();
        }
      });
    });
  });
})();
