/* Filters for the developments timeline. The page works without this file: every row
   is in the HTML, with data-* attributes the build generates from the content model.
   This script shows the filter form the build put on the page (hidden until now),
   hides the rows that do not match, counts what is shown, and keeps the choice in the
   address (#actor=china&year=2021) so a filtered view can be shared and restored. */
(function () {
  "use strict";

  var FIELDS = ["actor", "type", "rec", "effect", "year"];

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
    var tables = Array.prototype.slice.call(document.querySelectorAll("table")).filter(function (t) { return t.querySelector("tr[data-year]"); });
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-year]"));
    var count = form.querySelector("[data-timeline-count]");

    function chosenInForm() {
      var chosen = {};
      FIELDS.forEach(function (name) {
        if (form.elements[name] && form.elements[name].value) chosen[name] = form.elements[name].value;
      });
      return chosen;
    }

    function apply(chosen) {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, chosen);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      // A year with nothing left to show loses its heading too.
      tables.forEach(function (table) {
        var visible = table.querySelector("tbody tr:not([hidden])") !== null;
        var block = table.closest(".md-typeset__scrollwrap") || table;
        block.hidden = !visible;
        var heading = block.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = !visible;
      });
      var noun = rows.length === 1 ? "development" : "developments";
      count.textContent = shown === rows.length
        ? "Showing all " + rows.length + " " + noun + "."
        : "Showing " + shown + " of " + rows.length + " " + noun + ".";
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
