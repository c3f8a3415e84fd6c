/* Werkkaarten: ad-hoc course packs. The selection lives in the address of the pack page
   (?k=p1,cl4&t=title) and, while the trainer chooses, in this tab's sessionStorage: it survives the
   back button, search and the menu, is never sent anywhere and is gone when the tab closes. No
   cookie, no request. Where sessionStorage is unavailable, links carry ?lespakket=p1,cl4 instead. */
(function () {
  "use strict";

  /* The pack page's builder (lespakket-samenstellen.js) and the QR library it draws with
     (qrcode-generator, vendored from npm) lie beside this file; the pack page loads them when it
     needs them, so no other page downloads them. */
  var HERE = document.currentScript ? document.currentScript.src : "";
  var BUILDER_SRC = HERE ? HERE.replace(/lespakket\.js(?:[?#].*)?$/, "lespakket-samenstellen.js") : "";
  var STORE = "werkkaarten-lespakket";
  var TITLE_MAX = 120;

  var CODE = /^[a-z]{1,2}[1-9][0-9]{0,2}$/;

  /* The codes in the address: every value of the parameter (?k=p1&k=p2 as ?k=p1,p2), each code
     trimmed (people type "p1, p2"; a "+" in an address is a space) and lowercased, duplicates once.
     What does not look like a code is returned apart, as it was written, so the page can say so. */
  function read(values) {
    var seen = Object.create(null);
    var found = { codes: [], malformed: [] };
    [].concat(values || []).join(",").split(",").forEach(function (raw) {
      var written = raw.trim();
      var code = written.toLowerCase();
      if (!written || seen[code]) { return; }
      seen[code] = true;
      if (CODE.test(code)) { found.codes.push(code); } else { found.malformed.push(written); }
    });
    return found;
  }

  function parse(values) {
    return read(values).codes;
  }

  function param(name) {
    return new URLSearchParams(window.location.search).getAll(name);
  }

  /* This tab's selection: {codes, title}, or null where the browser keeps nothing (storage off). */
  function stored() {
    try {
      var raw = window.sessionStorage.getItem(STORE);
      var value = raw ? JSON.parse(raw) : {};
      var title = value && typeof value.title === "string" ? value.title.slice(0, TITLE_MAX) : "";
      return { codes: parse(value && Array.isArray(value.codes) ? value.codes.map(String) : []), title: title };
    } catch (error) {
      return null;
    }
  }

  function keep(codes, title) {
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify({ codes: codes, title: title }));
      return true;
    } catch (error) {
      return false;
    }
  }

  function onderdelen(count) {
    return count === 1 ? "1 onderdeel" : count + " onderdelen";
  }

  function withQuery(href, name, codes) {
    var url = new URL(href, window.location.href);
    if (codes.length) { url.searchParams.set(name, codes.join(",")); } else { url.searchParams.delete(name); }
    return url.href.replace(/%2C/g, ",");
  }

  /* A link to another page of the site, which can carry the selection along. */
  function isPageLink(link) {
    var raw = link.getAttribute("href");
    if (!raw || raw.charAt(0) === "#" || link.hasAttribute("download")) { return false; }
    var url = new URL(link.href, window.location.href);
    var here = window.location;
    /* Material's instant navigation writes same-site links as full addresses; other hosts stay out. */
    if (url.protocol !== here.protocol || url.host !== here.host) { return false; }
    return /(\/|\.html)$/.test(url.pathname);
  }

  /* Decided when a link is followed, from the address shown at that moment (Material's instant
     navigation may run this file's set-up before it updates the address). While choosing, every
     link carries the selection (?lespakket=...), so the next page's "Aan lespakket toevoegen" adds
     to it; that link itself leads to the pack page with the selection plus its own item. */
  function followed(event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || document.getElementById("wk-lespakket-data")) { return; }
    var codes = parse(param("lespakket"));
    var selection = stored();
    if (link.classList.contains("wk-lp-toevoegen") && selection) {
      /* Added where the trainer is: the card stays, the count says how many the pack holds. */
      event.preventDefault();
      event.stopPropagation();
      addHere(link, selection);
      return;
    }
    if (selection) { return; } /* the tab keeps the selection: links need not carry it */
    if (link.classList.contains("wk-lp-toevoegen")) {
      var own = parse(new URL(link.href, window.location.href).searchParams.get("k"))[0];
      if (own && codes.indexOf(own) === -1) { codes.push(own); }
      link.setAttribute("href", withQuery(link.href, "k", codes.length ? codes : [own]));
      event.stopPropagation(); /* a full load of the pack page: its set-up reads the new address */
    } else if (codes.length && isPageLink(link)) {
      link.setAttribute("href", withQuery(link.href, "lespakket", codes));
    }
  }

  function ownCode(link) {
    return parse(new URL(link.href, window.location.href).searchParams.get("k"))[0];
  }

  /* The link to the pack page with the selection, and the count, beside "Aan lespakket toevoegen". */
  function showCount(link, codes) {
    var to = link.parentNode.querySelector("a.wk-lp-naar");
    if (!codes.length) {
      if (to) { to.remove(); }
      return;
    }
    if (!to) {
      to = element("a", "md-button wk-kopieer wk-lp-naar");
      link.parentNode.insertBefore(to, link.nextSibling);
      link.parentNode.insertBefore(document.createTextNode(" "), to);
    }
    to.href = withQuery(link.href, "k", codes);
    to.textContent = "Naar je lespakket (" + onderdelen(codes.length) + ")";
  }

  function addHere(link, selection) {
    var own = ownCode(link);
    var codes = selection.codes;
    var already = codes.indexOf(own) !== -1;
    if (own && !already) { codes.push(own); }
    keep(codes, selection.title);
    showCount(link, codes);
    var status = link.parentNode.querySelector(".wk-kopieer-status");
    var code = own ? own.toUpperCase() : "";
    if (status) {
      status.textContent = (already ? code + " staat al in je lespakket. " : code + " is toegevoegd aan je lespakket. ") +
        "Het lespakket heeft nu " + onderdelen(codes.length) + ".";
    }
    link.focus();
  }

  /* A card or checklist page: the count of the tab's selection beside its "Aan lespakket toevoegen"
     (codes that came in the address from an older link join it). */
  function cardPage() {
    var links = document.querySelectorAll("a.wk-lp-toevoegen");
    var selection = links.length ? stored() : null;
    if (!selection) { return; }
    var carried = parse(param("lespakket"));
    carried.forEach(function (code) { if (selection.codes.indexOf(code) === -1) { selection.codes.push(code); } });
    if (carried.length) { keep(selection.codes, selection.title); }
    links.forEach(function (link) { showCount(link, selection.codes); });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* What the builder shares with this file: one reading of codes, storage and addresses. */
  var shared = window.werkkaartenLespakket = {
    read: read, param: param, stored: stored, keep: keep,
    withQuery: withQuery, element: element, TITLE_MAX: TITLE_MAX,
    QR_SRC: HERE ? HERE.replace(/lespakket\.js(?:[?#].*)?$/, "qrcode-generator.js") : "",
    builder: null
  };

  /* The pack page: its builder once loaded (at once when it already is, as after instant navigation). */
  function packPage(dataNode) {
    if (shared.builder) { shared.builder(dataNode); return; }
    var script = document.querySelector("script[data-wk-samenstellen]");
    if (!script) {
      if (!BUILDER_SRC) { return; }
      script = document.createElement("script");
      script.src = BUILDER_SRC;
      script.setAttribute("data-wk-samenstellen", "");
      document.head.appendChild(script);
    }
    script.addEventListener("load", function () { if (shared.builder) { shared.builder(dataNode); } });
  }

  function setUp() {
    var dataNode = document.getElementById("wk-lespakket-data");
    if (dataNode && !dataNode.dataset.ready) {
      dataNode.dataset.ready = "1";
      packPage(dataNode);
    } else if (!dataNode) {
      cardPage();
    }
  }

  window.addEventListener("click", followed, true);

  /* Material's instant navigation swaps pages without loading this file again; set-up runs at
     once too (it runs once per page), so the page works even where the theme's script does not. */
  setUp();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();
