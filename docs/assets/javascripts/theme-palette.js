/* Werkkaarten: applies the colour scheme a reader chose earlier before the page is drawn, loaded from
   a file so the Content-Security-Policy needs no inline script. Material for MkDocs does the same
   with an inline script in partials/javascripts/palette.html. */
(function () {
  "use strict";
  var palette = window.__md_get && window.__md_get("__palette");
  if (!palette || !palette.color) {
    return;
  }
  if (palette.color.media === "(prefers-color-scheme)") {
    /* "Follow the system": take the colours of the toggle that matches the system setting now. */
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector(
      "[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']"
    );
    if (input) {
      ["media", "scheme", "primary", "accent"].forEach(function (name) {
        palette.color[name] = input.getAttribute("data-md-color-" + name);
      });
    }
  }
  Object.keys(palette.color).forEach(function (name) {
    document.body.setAttribute("data-md-color-" + name, palette.color[name]);
  });
})();
