// Search scorer of the course (html_search_scorer). Sphinx puts this file into
// language_data.js, which the search page loads after searchtools.js.
//
// Sphinx alone ranks a page by whether a word is in it at all, and a glossary entry above
// everything (its index entry scores 100). Readers searching "progesterone" want the lesson
// that explains it. Here a page ranks by:
//   - section headings that name the word (from the search index), or a glossary entry
//     named by the word,
//   - how often the word appears in its text (search-weights.js, written at build time),
//   - being a numbered lesson (also from search-weights.js, from the table of contents).
// Each page is listed once, at its best place: a glossary hit keeps the link to the term,
// a lesson hit links to the section whose heading names the word.
// Summaries come from body text with spaces between blocks, without headings or menus.

var Scorer = {
  score: (result) => {
    const [docname, , anchor] = result;
    const terms = Scorer._terms || [];
    if (typeof Search === "undefined" || !Search._index || !terms.length) return result[4];
    const weights = (typeof COURSE_SEARCH_WEIGHTS !== "undefined" && COURSE_SEARCH_WEIGHTS[docname]) || {};
    const lessons = typeof COURSE_SEARCH_LESSONS !== "undefined" ? COURSE_SEARCH_LESSONS : [];
    let count = 0;
    for (const term of terms) count += weights[term] || 0;
    const headings = Math.min(Scorer._headings(docname).length, 2);
    // A glossary entry whose name is (mostly) the query.
    const glossaryEntry = (anchor || "").startsWith("#term-") || Scorer._glossaryAnchor(docname) ? 1 : 0;
    // A heading or a glossary entry about the word weighs most, then how often the text
    // uses it (damped: a long table of numbers is not the best answer), and a lesson
    // wins over other pages.
    return 20 * headings + 20 * glossaryEntry + 6 * Math.log2(1 + count) +
      (lessons.includes(docname) ? 12 : 0);
  },

  // "#term-..." of the glossary entry on this page named by the query (Sphinx's rule for
  // index entries: the query is in the name and at least half as long), or "".
  _glossaryAnchor: (docname) => {
    const entries = typeof COURSE_SEARCH_GLOSSARY !== "undefined" ? COURSE_SEARCH_GLOSSARY : {};
    const query = Scorer._query || "";
    for (const [term, place] of Object.entries(entries)) {
      const [doc, id] = place.split("#");
      if (doc === docname && query && term.includes(query) && query.length >= term.length / 2) return "#" + id;
    }
    return "";
  },

  // Section headings of a page that contain one of the (stemmed) search terms:
  // [[title, anchor id], ...]
  _headings: (docname) => {
    const index = Search._index;
    const file = index.docnames.indexOf(docname);
    const found = [];
    for (const [title, places] of Object.entries(index.alltitles)) {
      const lower = title.toLowerCase();
      if (!(Scorer._terms || []).some((t) => lower.includes(t))) continue;
      for (const [f, id] of places) if (f === file && id) found.push([title, id]);
    }
    return found;
  },

  // Sphinx's defaults, still used for object and title matches.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

if (typeof Search !== "undefined" && Search._performSearch) {
  const sphinxSearch = Search._performSearch;
  Search._performSearch = (query, searchTerms, excludedTerms, highlightTerms, objectTerms) => {
    Scorer._terms = [...searchTerms].map((t) => t.toLowerCase());
    Scorer._query = query.toLowerCase().trim();
    const results = sphinxSearch(query, searchTerms, excludedTerms, highlightTerms, objectTerms);
    // One result per page: its best score; among equals, one with a link into the page.
    const best = new Map();
    for (const item of results) {
      const kept = best.get(item[0]);
      if (!kept || item[4] > kept[4] || (item[4] === kept[4] && item[2] && !kept[2])) best.set(item[0], item);
    }
    const titles = Search._index.titles;
    const merged = [...best.values()].map((item) => {
      if (item[2]) return item;
      const term = Scorer._glossaryAnchor(item[0]);
      if (term) return [item[0], item[1], term, item[3], item[4], item[5]];
      const [heading] = Scorer._headings(item[0]);
      if (!heading) return item;
      const page = titles[Search._index.docnames.indexOf(item[0])];
      return [item[0], `${page} > ${heading[0]}`, "#" + heading[1], item[3], item[4], item[5]];
    });
    // Ascending: the search page shows the last result first.
    merged.sort((a, b) => a[4] - b[4] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
    return merged;
  };

  // Text for a result's summary: body text only, one space between blocks (textContent
  // would run "deficiency" into "An old idea"), without headings, menus or page furniture.
  const BLOCKS = new Set(["P", "DIV", "LI", "DT", "DD", "TD", "TH", "SECTION", "BLOCKQUOTE",
    "FIGCAPTION", "SUMMARY", "DETAILS", "TR", "TABLE", "UL", "OL", "DL", "ASIDE", "FIGURE",
    "BR", "LEGEND", "LABEL", "FIELDSET", "FORM"]);
  const SKIP = "h1, h2, h3, h4, h5, h6, .headerlink, script, style, nav, form, " +
    ".toctree-wrapper, .admonition-title, .course-lesson-line, " +
    ".glossary-letters, .bd-sidebar-secondary, .prev-next-area, .bd-header-article, " +
    ".footer-article-items, .cell_input";
  const textOf = (root) => {
    const parts = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) { parts.push(node.nodeValue); return; }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const block = BLOCKS.has(node.tagName);
      if (block) parts.push(" ");
      for (const child of node.childNodes) walk(child);
      if (block) parts.push(" ");
    };
    walk(root);
    return parts.join("").replace(/\s+/g, " ").trim();
  };
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const main = doc.querySelector('[role="main"] article') || doc.querySelector('[role="main"]');
    if (!main) return "";
    main.querySelectorAll(SKIP).forEach((el) => el.remove());
    const target = anchor ? main.querySelector(anchor) : null;
    if (target && target.tagName === "DT") {
      // A glossary term: the term and its definition.
      const dd = target.nextElementSibling;
      return textOf(target) + ": " + (dd ? textOf(dd) : "");
    }
    return textOf(target || main);
  };
}
