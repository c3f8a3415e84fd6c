/* Werkkaarten: a page that moved, or a short link (k/<code>/), sends the reader on to its page and
   keeps the part after # (a heading), which the meta refresh alone would drop. A file, not an
   inline script, so the Content-Security-Policy stays the same however many short links there are. */
(function () {
  "use strict";
  var target = document.currentScript && document.currentScript.getAttribute("data-doel");
  if (target) {
    location.replace(target + location.hash);
  }
})();
