/* Werkkaarten: the helpers Material's theme expects before its bundle runs (where the site starts,
   and a small store for the reader's settings in localStorage), loaded from a file so that the
   Content-Security-Policy needs no inline script. Written for this handbook after the helpers
   Material for MkDocs inlines in partials/javascripts/base.html. */
(function () {
  "use strict";
  /* This file lives in <site>/assets/javascripts/, so the site root is two folders up. */
  var scope = new URL("../..", document.currentScript.src);

  function hash(text) {
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      value = (value << 5) - value + text.charCodeAt(i);
    }
    return value;
  }

  function get(key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  }

  function set(key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* Private mode or a full store: the setting is simply not remembered. */
    }
  }

  window.__md_scope = scope;
  window.__md_hash = hash;
  window.__md_get = get;
  window.__md_set = set;
})();
