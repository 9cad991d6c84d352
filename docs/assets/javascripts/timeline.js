/* Filters for the developments timeline. The page works without this file: it lists
   the newest developments and links to a page for each year, which lists all of that
   year's. This script shows the filter form the build put on the page (hidden until
   now). The first time a reader filters, it loads every development's row (the script
   file the build writes beside the page, from the year pages), shows the rows that
   match, a table a year, and counts them; clearing the filters brings the page's own
   list back. The choice is kept in the address (#actor=china&year=2021) so a filtered
   view can be shared and restored. */
(function () {
  "use strict";

  var FIELDS = ["actor", "type", "rec", "effect", "year"];
  var ROWS = "sanyaTimelineRows"; // the global the rows' script sets

  function words(value) {
    return value ? value.split(" ") : [];
  }

  function matches(row, chosen) {
    if (chosen.actor && words(row.dataset.actors).indexOf(chosen.actor) < 0) return false;
    if (chosen.type && row.dataset.type !== chosen.type) return false;
    if (chosen.year && row.dataset.year !== chosen.year) return false;
    if (chosen.rec || chosen.effect) {
      // A row bears on recommendations, each with an effect: "rec-id:advances ...".
      return words(row.dataset.effects).some(function (pair) {
        var parts = pair.split(":");
        return (!chosen.rec || parts[0] === chosen.rec) && (!chosen.effect || parts[1] === chosen.effect);
      });
    }
    return true;
  }

  function fromAddress() {
    var chosen = {};
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) return chosen; // an ordinary anchor such as #2021
    hash.split("&").forEach(function (part) {
      var pair = part.split("=");
      var name = decodeURIComponent(pair[0]);
      if (FIELDS.indexOf(name) >= 0 && pair[1]) chosen[name] = decodeURIComponent(pair[1]);
    });
    return chosen;
  }

  function toAddress(chosen) {
    var parts = FIELDS.filter(function (name) { return chosen[name]; }).map(function (name) {
      return encodeURIComponent(name) + "=" + encodeURIComponent(chosen[name]);
    });
    var base = window.location.href.split("#")[0];
    var next = parts.length ? base + "#" + parts.join("&") : base;
    if (next !== window.location.href) window.history.replaceState(window.history.state, "", next);
  }

  function setup() {
    var form = document.querySelector("form[data-timeline-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "true";
    var count = form.querySelector("[data-timeline-count]");
    var total = Number(form.dataset.total);
    // The page's own list: a table a year, each under its heading.
    var listing = Array.prototype.slice.call(document.querySelectorAll("table")).filter(function (table) {
      return table.querySelector("tr[data-year]");
    }).map(function (table) {
      var block = table.closest(".md-typeset__scrollwrap") || table;
      var heading = block.previousElementSibling;
      return { block: block, heading: heading && heading.tagName === "H2" ? heading : null };
    });
    if (!listing.length) return;
    var listed = document.querySelectorAll("tr[data-year]").length;
    // An empty copy of a year's table, for the filtered rows.
    var emptyBlock = listing[0].block.cloneNode(true);
    Array.prototype.forEach.call(emptyBlock.querySelectorAll("tbody tr"), function (row) { row.remove(); });
    var results = document.createElement("div");
    results.className = "timeline-results";
    results.hidden = true;
    var first = listing[0].heading || listing[0].block;
    first.parentNode.insertBefore(results, first);
    var rows = null; // every development's row, once loaded

    function chosenInForm() {
      var chosen = {};
      FIELDS.forEach(function (name) {
        if (form.elements[name] && form.elements[name].value) chosen[name] = form.elements[name].value;
      });
      return chosen;
    }

    // The table of contents' entry for a heading of the page's own list.
    function tocEntry(heading) {
      var link = heading && heading.id && document.querySelector('.md-nav--secondary a[href="#' + heading.id + '"]');
      return link ? link.closest("li") : null;
    }

    function showListing(visible) {
      listing.forEach(function (part) {
        part.block.hidden = !visible;
        if (part.heading) part.heading.hidden = !visible;
        var entry = tocEntry(part.heading);
        if (entry) entry.hidden = !visible; // no contents entry for a heading that is not shown
      });
      results.hidden = visible;
    }

    function load(done) {
      if (rows) return done();
      var ready = function () {
        var body = document.createElement("tbody");
        body.innerHTML = window[ROWS].join("");
        rows = Array.prototype.slice.call(body.children);
        done();
      };
      if (window[ROWS]) return ready();
      var script = document.createElement("script");
      script.src = form.dataset.rows;
      script.onload = ready;
      script.onerror = function () {
        count.textContent = "The list of developments could not be loaded; the year pages below list every one.";
      };
      document.head.appendChild(script);
    }

    // The matching rows, a table a year under the year's heading; returns how many.
    function render(chosen) {
      results.textContent = "";
      var shown = 0, year = null, body = null;
      rows.forEach(function (row) {
        if (!matches(row, chosen)) return;
        if (row.dataset.year !== year) {
          year = row.dataset.year;
          var heading = document.createElement("h2");
          heading.textContent = year;
          var block = emptyBlock.cloneNode(true);
          body = block.querySelector("tbody");
          results.appendChild(heading);
          results.appendChild(block);
        }
        body.appendChild(row);
        shown += 1;
      });
      return shown;
    }

    function apply(chosen) {
      if (!FIELDS.some(function (name) { return chosen[name]; })) {
        showListing(true);
        results.textContent = "";
        count.textContent = listed < total
          ? "Showing the " + listed + " newest of " + total + " developments; a filter searches them all."
          : "Showing all " + total + " developments.";
        return;
      }
      count.textContent = "Loading the developments\u2026";
      load(function () {
        var now = chosenInForm(); // the reader may have changed the form while the rows loaded
        var shown = render(now);
        showListing(false);
        count.textContent = "Showing " + shown + " of " + total + " development" + (total === 1 ? "" : "s") + ".";
      });
    }

    function restore() {
      var chosen = fromAddress();
      FIELDS.forEach(function (name) {
        var field = form.elements[name];
        if (!field) return;
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === chosen[name]; });
        field.value = known ? chosen[name] : "";
      });
      apply(chosenInForm());
    }

    form.addEventListener("change", function () {
      var chosen = chosenInForm();
      apply(chosen);
      toAddress(chosen);
    });
    form.addEventListener("reset", function () {
      // The form clears its fields after this event; read them once it has.
      window.setTimeout(function () {
        apply({});
        toAddress({});
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("hashchange", restore);
    form.hidden = false;
    restore();
  }

  // Material's instant navigation replaces pages without a reload and announces each
  // through document$; without it, the page loads as usual.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
