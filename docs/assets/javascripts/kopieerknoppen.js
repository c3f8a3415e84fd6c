/* Copy buttons for citations and short links. Nothing is sent anywhere. */
(function () {
  "use strict";

  function announce(button, message) {
    var scope = button.closest(".wk-citeer, article") || document;
    var status = scope.querySelector(".wk-kopieer-status");
    if (status) {
      status.textContent = message;
    }
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied;
  }

  /* One listener on the document keeps working across Material's instant navigation. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-wk-copy]");
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-wk-copy");
    /* A citation says on which day it was read: today, as Dutch readers write it. */
    if (text.indexOf("Geraadpleegd op [datum]") !== -1) {
      var today = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
      text = text.replace("Geraadpleegd op [datum]", "Geraadpleegd op " + today);
    }
    var done = function () { announce(button, "Gekopieerd: " + text); };
    var failed = function () {
      if (fallbackCopy(text)) {
        done();
      } else {
        announce(button, "Kopiëren lukte niet. Selecteer de tekst: " + text);
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  });
})();
