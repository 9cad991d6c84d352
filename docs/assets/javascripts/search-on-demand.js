/* The search index loads when the reader first opens search, not on every page view.
 *
 * Material requests the whole index as soon as a page loads: search/search_index.json
 * by XMLHttpRequest when the site is served, search/search_index.js as a script
 * element when it is opened from file:// (the offline plugin's copy). This holds that
 * one request until search is opened (the search toggle, or focus in the search box,
 * which the keyboard shortcuts give) or the address asks for it (?q= opens search,
 * ?h= highlights a search's terms on the page it led to), then lets it go unchanged.
 * If Material ever loads the index some other way, the request is simply not held:
 * search still works, only eagerly. Loaded before Material's bundle (mkdocs.yml,
 * extra.polyfills). */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.js(on)?([?#]|$)/;
  var held = [];
  var released = /[?&](q|h)=/.test(location.search);

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  function hold(go) {
    if (released) go(); else held.push(go);
  }

  // Served: Material fetches the index with XMLHttpRequest.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.searchIndexRequest) return send.apply(xhr, args);
    hold(function () { send.apply(xhr, args); });
  };

  // From file://: Material appends a script element for the index to <head>.
  var head = document.head, append = head.appendChild;
  head.appendChild = function (node) {
    if (node && node.tagName === "SCRIPT" && INDEX.test(node.src || "")) {
      hold(function () { append.call(head, node); });
      return node;
    }
    return append.call(head, node);
  };

  // Opening search: the toggle changes (the search icon, setToggle's click) or the
  // search box gains focus (a click, a tap, or the "/", "s" and "f" shortcuts).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.getAttribute && el.getAttribute("data-md-toggle") === "search" && el.checked) release();
  }, true);
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.closest && el.closest(".md-search")) release();
  }, true);
})();
