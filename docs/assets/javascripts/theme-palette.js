/* Werkkaarten: the colour-scheme toggle in the header (light and dark), doing the work of Material's
   palette component, which overrides/partials/palette.html keeps from mounting: that component restyles
   the whole page three times on every load. This script runs while the page is still being read, right
   after the toggle, when restyling costs next to nothing; after that it restyles only when the reader
   switches.

   Kept as Material keeps it, so nothing changes for a reader who set a scheme before: the same inputs
   and labels, the same attributes on <body>, the same saved setting ("__palette": the index of the
   chosen option and its colours, via theme-start.js). One thing differs on purpose: a scheme is saved
   only when the reader chooses one. Until then the page follows the device's light or dark setting, also
   when that changes while the page is open (Material saved the device's setting of the first visit). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-wk-palette]");
  if (!form) {
    return;
  }
  var inputs = form.querySelectorAll("input[name='__palette']");
  var COLOURS = ["media", "scheme", "primary", "accent"];

  /* Material adds these two to <head> for the browser's own parts (address bar, scroll bars). */
  function meta(name) {
    var element = document.head.querySelector("meta[name='" + name + "']");
    if (!element) {
      element = document.createElement("meta");
      element.name = name;
      document.head.appendChild(element);
    }
    return element;
  }
  var themeColour = meta("theme-color");
  var colourScheme = meta("color-scheme");

  function saved() {
    var palette = window.__md_get && window.__md_get("__palette");
    if (palette && typeof palette.index === "number" && inputs[palette.index]) {
      return palette.index;
    }
    return -1;
  }

  /* The option whose media query matches the device now; the first when none does. */
  function fromDevice() {
    for (var index = 0; index < inputs.length; index++) {
      var media = inputs[index].getAttribute("data-md-color-media");
      if (media && matchMedia(media).matches) {
        return index;
      }
    }
    return 0;
  }

  function colours(input) {
    var color = {};
    COLOURS.forEach(function (name) {
      color[name] = input.getAttribute("data-md-color-" + name);
    });
    return color;
  }

  function apply(index) {
    var input = inputs[index];
    var color = colours(input);
    input.checked = true;
    COLOURS.forEach(function (name) {
      document.body.setAttribute("data-md-color-" + name, color[name]);
    });
    /* Each label switches to the other option; show the one that leaves the current scheme. */
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label instanceof HTMLElement && label.tagName === "LABEL") {
        label.hidden = i !== index;
      }
    }
    var header = document.querySelector("[data-md-component='header']");
    if (header) {
      var style = getComputedStyle(header);
      colourScheme.content = style.colorScheme;
      themeColour.content = style.backgroundColor;
    }
    return color;
  }

  /* A switch restyles every element; Material's stylesheet stops colour transitions while the body is
     marked as switching, so the page changes at once instead of fading element by element. */
  function choose(index) {
    document.body.setAttribute("data-md-color-switching", "");
    var color = apply(index);
    window.__md_set("__palette", { index: index, color: color });
    setTimeout(function () {
      document.body.removeAttribute("data-md-color-switching");
    });
  }

  var start = saved();
  apply(start >= 0 ? start : fromDevice());

  form.addEventListener("change", function (event) {
    var index = Array.prototype.indexOf.call(inputs, event.target);
    if (index >= 0) {
      choose(index);
    }
  });

  /* Enter on the focused toggle switches too, as in Material (Space and the arrow keys do by themselves). */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") {
      return;
    }
    var current = Array.prototype.findIndex.call(inputs, function (input) {
      return input.checked;
    });
    var next = inputs[(current + 1) % inputs.length];
    event.preventDefault();
    next.click();
    next.focus();
  });

  /* No saved choice: follow the device when its light or dark setting changes. */
  for (var index = 0; index < inputs.length; index++) {
    var media = inputs[index].getAttribute("data-md-color-media");
    if (media) {
      matchMedia(media).addEventListener("change", function () {
        if (saved() < 0) {
          apply(fromDevice());
        }
      });
    }
  }
})();
