/* An in-page filter for the bibliography (which is left out of the site search, so a
   hit never lands at the top of a page of 500 sources). Every entry is in the HTML; this
   script shows the filter form the build put on the page, hides the entries that do
   not contain every word typed, and keeps the words in the address (#filter=...). */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setup() {
    var form = document.querySelector("form[data-bib-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "true";
    var input = form.elements.filter;
    var count = form.querySelector("[data-bib-count]");
    var article = form.closest("article") || document.body;
    var entries = Array.prototype.slice.call(article.querySelectorAll("p[id^='ref-']"));
    var texts = entries.map(function (entry) { return fold(entry.textContent); });
    var headings = Array.prototype.slice.call(article.querySelectorAll("h2, h3")).filter(function (h) {
      return h.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_PRECEDING;
    });

    function apply(query) {
      var words = fold(query).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, i) {
        var visible = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
        entry.hidden = !visible;
        if (visible) shown += 1;
      });
      // A heading stays while an entry under it (before the next heading of its level or higher) shows.
      headings.forEach(function (heading) {
        var level = Number(heading.tagName[1]), node = heading.nextElementSibling, any = false;
        while (node && !(/^H[1-6]$/.test(node.tagName) && Number(node.tagName[1]) <= level)) {
          if (node.matches("p[id^='ref-']") && !node.hidden) { any = true; break; }
          node = node.nextElementSibling;
        }
        heading.hidden = !any;
        var index = heading.nextElementSibling;
        if (heading.tagName === "H2" && index && index.tagName === "P" && !index.id) index.hidden = words.length > 0;
      });
      count.textContent = words.length
        ? shown + " of " + entries.length + " sources contain " + (words.length > 1 ? "all of “" : "“") + query.trim() + "”."
        : "All " + entries.length + " sources.";
    }

    function fromAddress() {
      var hash = window.location.hash;
      return hash.indexOf("#filter=") === 0 ? decodeURIComponent(hash.slice(8)) : null;
    }

    input.addEventListener("input", function () {
      apply(input.value);
      var base = window.location.href.split("#")[0];
      window.history.replaceState(window.history.state, "", input.value.trim() ? base + "#filter=" + encodeURIComponent(input.value.trim()) : base);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    var initial = fromAddress();
    if (initial !== null) input.value = initial;
    apply(input.value);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
