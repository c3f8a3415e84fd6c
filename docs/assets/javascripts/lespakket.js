/* Werkkaarten: ad-hoc course packs. The selection lives only in the address (?k=p1,cl4 on the
   pack page, ?lespakket=p1,cl4 while choosing on other pages): no storage, no cookie, no request. */
(function () {
  "use strict";

  var CODE = /^[a-z]{1,2}[1-9][0-9]{0,2}$/;
  /* How much of what was skipped the page names: a mistyped link is worth a word, a link of 500
     codes is not worth 500. */
  var SHOW_AT_MOST = 10;
  var SHOW_CHARS = 20;

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
    if (link.classList.contains("wk-lp-toevoegen")) {
      var own = parse(new URL(link.href, window.location.href).searchParams.get("k"))[0];
      if (own && codes.indexOf(own) === -1) { codes.push(own); }
      link.setAttribute("href", withQuery(link.href, "k", codes.length ? codes : [own]));
      event.stopPropagation(); /* a full load of the pack page: its set-up reads the new address */
    } else if (codes.length && isPageLink(link)) {
      link.setAttribute("href", withQuery(link.href, "lespakket", codes));
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function has(table, key) {
    return Boolean(table) && Object.prototype.hasOwnProperty.call(table, key);
  }

  /* What a reader wrote, as text, at most SHOW_CHARS whole characters (never half an emoji); the
     characters that hide or turn text around (controls, direction marks) show as a replacement mark. */
  function shorten(text) {
    var chars = Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "\ufffd"));
    return chars.length > SHOW_CHARS ? chars.slice(0, SHOW_CHARS - 1).join("") + "\u2026" : chars.join("");
  }

  /* "Label: a, b en c." or, past SHOW_AT_MOST, "Label: a, b, ... j en 12 andere.", each as code text. */
  function listed(label, texts) {
    var line = element("p", "", label);
    var shown = texts.slice(0, SHOW_AT_MOST);
    var rest = texts.length - shown.length;
    shown.forEach(function (text, index) {
      if (index > 0) { line.appendChild(document.createTextNode(index === shown.length - 1 && !rest ? " en " : ", ")); }
      line.appendChild(element("code", "", shorten(text)));
    });
    line.appendChild(document.createTextNode(rest ? " en " + rest + " andere." : "."));
    return line;
  }

  function builder(dataNode) {
    var data = JSON.parse(dataNode.getAttribute("data-wk-lespakket"));
    var root = dataNode.closest(".wk-lpb");
    var app = root.querySelector(".wk-lpb-app");
    var list = root.querySelector(".wk-lpb-lijst");
    var status = root.querySelector(".wk-kopieer-status");
    /* The offline edition (file://) has x/y.html where the site has x/y/. */
    var offline = /\.html$/.test(window.location.pathname);
    function pageHref(path) {
      return offline ? data.root_html + path.replace(/\/$/, ".html") : data.root + path;
    }
    var requested = read(param("k"));
    var codes = [];
    var packs = [];
    var unknown = [];
    requested.codes.forEach(function (code) {
      if (has(data.items, code)) { codes.push(code); } else if (has(data.packs, code)) { packs.push(code); } else { unknown.push(code); }
    });

    document.querySelectorAll(".wk-lpb-zonder-js").forEach(function (node) { node.hidden = true; });
    app.hidden = false;
    /* Said once, from the address as it came in; the address then loses what was skipped (update),
       the note stays. */
    var note = root.querySelector(".wk-lpb-onbekend");
    packs.forEach(function (code) {
      var pack = data.packs[code];
      var line = element("p", "", pack.code + " is een vast lespakket en staat daarom niet in je keuze: ");
      var link = element("a", "wk-lpb-verder", pack.title);
      link.href = pageHref(pack.path);
      line.appendChild(link);
      line.appendChild(document.createTextNode("."));
      note.appendChild(line);
    });
    if (unknown.length) {
      note.appendChild(listed(unknown.length === 1 ? "Onbekende code overgeslagen: " : "Onbekende codes overgeslagen: ", unknown));
    }
    if (requested.malformed.length) {
      note.appendChild(listed("Niet herkend en overgeslagen: ", requested.malformed));
    }
    note.hidden = !note.hasChildNodes();
    root.querySelector(".wk-lpb-print").addEventListener("click", function () { window.print(); });

    function move(index, step, focusClass) {
      var target = index + step;
      var code = codes.splice(index, 1)[0];
      if (step) { codes.splice(target, 0, code); }
      var item = data.items[code];
      update();
      if (status) {
        status.textContent = step ? item.code + " staat nu op plaats " + (target + 1) + "." : item.code + " is verwijderd.";
      }
      var buttons = list.querySelectorAll("." + focusClass);
      var next = step ? list.children[target] : list.children[Math.min(index, codes.length - 1)];
      var focus = next && (next.querySelector("." + focusClass + ":not([disabled])") || next.querySelector("button:not([disabled])"));
      (focus || root.querySelector("#keuze")).focus();
      return buttons;
    }

    function button(label, name, className, disabled, action) {
      var node = element("button", "md-button wk-lpb-knop " + className, label);
      node.type = "button";
      node.setAttribute("aria-label", name);
      node.disabled = disabled;
      node.addEventListener("click", action);
      return node;
    }

    function renderList() {
      list.textContent = "";
      codes.forEach(function (code, index) {
        var item = data.items[code];
        var li = element("li", "wk-lpb-item");
        li.dataset.code = code;
        var link = element("a", "wk-lpb-titel");
        link.href = withQuery(pageHref(item.path), "lespakket", codes);
        link.appendChild(element("span", "wk-code", item.code));
        link.appendChild(document.createTextNode(" " + item.title));
        li.appendChild(link);
        li.appendChild(element("span", "wk-lpb-soort", " · " + item.label));
        var tools = element("span", "wk-lpb-knoppen");
        tools.appendChild(button("Omhoog", item.code + " omhoog", "wk-lpb-omhoog", index === 0, function () { move(index, -1, "wk-lpb-omhoog"); }));
        tools.appendChild(button("Omlaag", item.code + " omlaag", "wk-lpb-omlaag", index === codes.length - 1, function () { move(index, 1, "wk-lpb-omlaag"); }));
        tools.appendChild(button("Verwijderen", item.code + " verwijderen", "wk-lpb-weg", false, function () { move(index, 0, "wk-lpb-weg"); }));
        li.appendChild(tools);
        list.appendChild(li);
      });
      root.querySelector(".wk-lpb-leeg").hidden = codes.length > 0;
    }

    function renderPrint() {
      var paper = root.querySelector(".wk-lpb-druk");
      paper.textContent = "";
      var cover = element("div", "wk-lp-omslag");
      cover.appendChild(element("h2", "wk-lp-kop", "Lespakket"));
      cover.appendChild(element("p", "wk-lp-gegevens", "Samengesteld uit Werkkaarten. Online: " + window.location.href));
      cover.appendChild(element("h3", "", "Inhoud"));
      var contents = element("ol", "wk-lp-inhoud");
      codes.forEach(function (code) {
        contents.appendChild(element("li", "", data.items[code].code + " " + data.items[code].title));
      });
      cover.appendChild(contents);
      paper.appendChild(cover);
      var keys = {};
      codes.forEach(function (code, index) {
        var item = data.items[code];
        var part = element("div", "wk-lp-onderdeel" + (item.kind === "checklist" ? " wk-lp-onderdeel--checklist" : ""));
        part.appendChild(element("h2", "", (index + 1) + ". " + item.title));
        part.appendChild(element("p", "wk-lp-soort", item.code + " " + item.label + " · bron " + item.sources.join(", ") + " · " + item.short_url));
        part.appendChild(element("p", "wk-lp-samenvatting", item.summary));
        /* The same fields as the declared pack's handout (macros/handout.py HandoutItem). */
        item.notices.forEach(function (notice) {
          var p = element("p", "wk-lp-melding");
          p.appendChild(element("strong", "", notice.title + "."));
          p.appendChild(document.createTextNode(" " + notice.text));
          part.appendChild(p);
        });
        if (item.how) { part.appendChild(element("p", "", "Zo gebruik je deze lijst: " + item.how)); }
        item.groups.forEach(function (group) {
          if (group.heading) {
            var head = element("p", "wk-lp-punten");
            head.appendChild(element("strong", "", group.heading));
            if (group.caveat) { head.appendChild(element("span", "wk-lp-voorbehoud", " " + group.caveat)); }
            part.appendChild(head);
          }
          var points = element("ul", item.kind === "checklist" ? "wk-checklist" : "");
          group.points.forEach(function (point) { points.appendChild(element("li", "", point)); });
          part.appendChild(points);
        });
        if (item.next_step) {
          var step = element("p", "wk-volgende-stap");
          step.appendChild(element("strong", "", item.next_step_heading + ":"));
          step.appendChild(document.createTextNode(" " + item.next_step + " (bron " + item.next_step_sources.join(", ") + ")"));
          part.appendChild(step);
        }
        item.sources.forEach(function (key) { keys[key] = true; });
        paper.appendChild(part);
      });
      var end = element("div", "wk-lp-slot");
      end.appendChild(element("h2", "", "Bronnen"));
      var sources = element("ul");
      Object.keys(keys).sort().forEach(function (key) { sources.appendChild(element("li", "", data.sources[key])); });
      end.appendChild(sources);
      end.appendChild(element("h2", "", "Zo citeer je dit lespakket"));
      end.appendChild(element("p", "", "Lespakket samengesteld uit Werkkaarten. " + window.location.href + ". Noem bij elke kaart en checklist ook de eigen bronvermelding (knop Kopieer bronvermelding op de pagina)."));
      paper.appendChild(end);
    }

    function update() {
      var address = withQuery(window.location.href.split("#")[0], "k", codes);
      window.history.replaceState(window.history.state, "", address);
      root.querySelector(".wk-lpb-kopieer").setAttribute("data-wk-copy", address);
      root.querySelector(".wk-lpb-link").textContent = address;
      document.querySelectorAll("a.wk-lpb-verder").forEach(function (link) {
        link.setAttribute("href", withQuery(link.href, "lespakket", codes));
      });
      renderList();
      renderPrint();
    }

    update();
  }

  function setUp() {
    var dataNode = document.getElementById("wk-lespakket-data");
    if (dataNode && !dataNode.dataset.ready) {
      dataNode.dataset.ready = "1";
      builder(dataNode);
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
