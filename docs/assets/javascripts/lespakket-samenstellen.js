/* Werkkaarten: the ad-hoc course pack's builder, on the pack page only (lespakket.js loads it there).
   It reads codes, storage and addresses through lespakket.js (window.werkkaartenLespakket), so both
   files read a selection the same way. */
(function () {
  "use strict";

  var shared = window.werkkaartenLespakket;
  if (!shared) { return; }
  var read = shared.read;
  var param = shared.param;
  var stored = shared.stored;
  var keep = shared.keep;
  var withQuery = shared.withQuery;
  var element = shared.element;
  var TITLE_MAX = shared.TITLE_MAX;
  var QR_SRC = shared.QR_SRC;
  var SVG = "http://www.w3.org/2000/svg";
  /* How much of what was skipped the page names: a mistyped link is worth a word, a link of 500
     codes is not worth 500. */
  var SHOW_AT_MOST = 10;
  var SHOW_CHARS = 20;

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
    /* The address wins (a shared link is what was opened); without one, this tab's selection. */
    var selection = stored();
    var fromAddress = param("k").length > 0 || param("t").length > 0 || !selection;
    var requested = read(fromAddress ? param("k") : selection.codes);
    var title = (fromAddress ? param("t")[0] || "" : selection.title).trim().slice(0, TITLE_MAX);
    var titleField = root.querySelector("#wk-lpb-titel");
    if (titleField) {
      titleField.value = title;
      titleField.addEventListener("input", function () {
        title = titleField.value.trim().slice(0, TITLE_MAX);
        update();
      });
    }
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
        link.href = stored() ? pageHref(item.path) : withQuery(pageHref(item.path), "lespakket", codes);
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

    /* The pack's own link, as published (never file:// or a local address): data.published is the
       pack page's address under the site's configured address. */
    function published() {
      var url = new URL(data.published);
      if (codes.length) { url.searchParams.set("k", codes.join(",")); }
      if (title) { url.searchParams.set("t", title); }
      return url.href.replace(/%2C/g, ",");
    }

    /* The QR code of the pack's link, drawn as SVG from the vendored qrcode-generator (no request). */
    function qrFigure(text) {
      var figure = element("div", "wk-qr wk-lp-qr");
      if (typeof window.qrcode !== "function") { return figure; }
      var qr = window.qrcode(0, "M");
      qr.addData(text, "Byte");
      qr.make();
      var count = qr.getModuleCount();
      var border = 2;
      var size = count + 2 * border;
      var svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("viewBox", "0 0 " + size + " " + size);
      svg.setAttribute("width", String(size * 3));
      svg.setAttribute("height", String(size * 3));
      svg.setAttribute("role", "img");
      svg.setAttribute("class", "wk-lpb-qr");
      svg.setAttribute("data-wk-qr", text);
      var label = document.createElementNS(SVG, "title");
      label.textContent = "QR-code naar " + text;
      svg.appendChild(label);
      var back = document.createElementNS(SVG, "rect");
      back.setAttribute("width", String(size));
      back.setAttribute("height", String(size));
      back.setAttribute("fill", "#fff");
      svg.appendChild(back);
      var d = [];
      for (var row = 0; row < count; row += 1) {
        for (var col = 0; col < count; col += 1) {
          if (qr.isDark(row, col)) { d.push("M" + (col + border) + " " + (row + border) + "h1v1h-1z"); }
        }
      }
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d.join(""));
      path.setAttribute("fill", "#000");
      svg.appendChild(path);
      figure.appendChild(svg);
      return figure;
    }

    function loadQr() {
      if (typeof window.qrcode === "function" || !QR_SRC || document.querySelector("script[data-wk-qr]")) { return; }
      var script = document.createElement("script");
      script.src = QR_SRC;
      script.setAttribute("data-wk-qr", "");
      script.addEventListener("load", renderPrint);
      document.head.appendChild(script);
    }

    /* A case (C*) in full, as blocks of text (HandoutItem.case): headings, paragraphs, quotes, lists. */
    function caseText(blocks) {
      var box = element("div", "wk-lp-casus");
      var open = null;
      blocks.forEach(function (block) {
        if (block.kind === "item") {
          if (!open) { open = element("ul"); box.appendChild(open); }
          open.appendChild(element("li", "", block.text));
          return;
        }
        open = null;
        if (block.kind === "heading") {
          var head = element("p", "wk-lp-casuskop");
          head.appendChild(element("strong", "", block.text));
          box.appendChild(head);
        }
        else if (block.kind === "quote") {
          var quote = element("blockquote");
          quote.appendChild(element("p", "", block.text));
          box.appendChild(quote);
        } else { box.appendChild(element("p", "", block.text)); }
      });
      return box;
    }

    function renderPrint() {
      var paper = root.querySelector(".wk-lpb-druk");
      var link = published();
      paper.textContent = "";
      var cover = element("div", "wk-lp-omslag");
      cover.appendChild(element("h2", "wk-lp-kop", title || "Lespakket"));
      cover.appendChild(element("p", "wk-lp-gegevens", "Samengesteld uit Werkkaarten. " + data.proposal));
      var where = element("div", "wk-lp-adres");
      where.appendChild(qrFigure(link));
      var words = element("div");
      words.appendChild(element("strong", "", "Dit lespakket online"));
      words.appendChild(element("br"));
      var online = element("a", "wk-url", link);
      online.href = link;
      words.appendChild(online);
      where.appendChild(words);
      cover.appendChild(where);
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
        part.appendChild(element("h2", "", (index + 1) + ". " + item.title + " (" + item.code + ")"));
        part.appendChild(element("p", "wk-lp-soort", item.code + " " + item.label + " · bron " + item.sources.join(", ") + " · " + item.short_url));
        part.appendChild(element("p", "wk-lp-samenvatting", item.summary));
        /* The same fields as the declared pack's handout (macros/handout.py HandoutItem). */
        item.notices.forEach(function (notice) {
          var p = element("p", "wk-lp-melding");
          p.appendChild(element("strong", "", notice.title + "."));
          p.appendChild(document.createTextNode(" " + notice.text));
          part.appendChild(p);
        });
        if (item.case.length) { part.appendChild(caseText(item.case)); }
        if (item.how) {
          var how = element("p");
          how.appendChild(element("strong", "", "Zo gebruik je deze lijst:"));
          how.appendChild(document.createTextNode(" " + item.how));
          part.appendChild(how);
        }
        item.groups.forEach(function (group) {
          if (group.heading) {
            var head = element("p", "wk-lp-punten");
            head.appendChild(element("strong", "", group.heading));
            if (group.caveat) { head.appendChild(element("span", "wk-lp-voorbehoud", " " + group.caveat)); }
            part.appendChild(head);
          }
          /* The same points as a checklist further on in this pack: said once, there. */
          var twin = group.same_as.filter(function (other) { return codes.indexOf(other) !== -1; })[0];
          if (twin) {
            var at = codes.indexOf(twin);
            part.appendChild(element("p", "wk-lp-zie", "Dezelfde punten staan als checklist in onderdeel " + (at + 1) + " (" + data.items[twin].code + ")."));
            return;
          }
          var box = item.kind === "checklist" ? element("div", "wk-checklist wk-checklist--" + item.checklist_kind) : part;
          var points = element(item.ordered ? "ol" : "ul");
          group.points.forEach(function (point, n) {
            var li = element("li", "", point);
            if (group.origins[n]) {
              li.appendChild(document.createTextNode(" "));
              li.appendChild(element("span", "wk-herkomst", group.origins[n]));
            }
            points.appendChild(li);
          });
          box.appendChild(points);
          if (box !== part) { part.appendChild(box); }
        });
        if (item.next_step) {
          var step = element("div", "wk-volgende-stap");
          var text = element("p");
          text.appendChild(element("strong", "", item.next_step_heading + ":"));
          text.appendChild(document.createTextNode(" " + item.next_step + " "));
          text.appendChild(element("span", "wk-bronref", "(bron " + item.next_step_sources.join(", ") + ")"));
          step.appendChild(text);
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
      end.appendChild(element("p", "", (title ? title + ". " : "") + "Lespakket samengesteld uit Werkkaarten. " + link + ". Noem bij elke kaart en checklist ook de eigen bronvermelding (knop Kopieer bronvermelding op de pagina)."));
      paper.appendChild(end);
    }

    function update() {
      var url = new URL(withQuery(window.location.href.split("#")[0], "k", codes));
      if (title) { url.searchParams.set("t", title); } else { url.searchParams.delete("t"); }
      window.history.replaceState(window.history.state, "", url.href.replace(/%2C/g, ","));
      var kept = keep(codes, title);
      var link = published();
      root.querySelector(".wk-lpb-kopieer").setAttribute("data-wk-copy", link);
      root.querySelector(".wk-lpb-link").textContent = link;
      if (!kept) {
        document.querySelectorAll("a.wk-lpb-verder").forEach(function (verder) {
          verder.setAttribute("href", withQuery(verder.href, "lespakket", codes));
        });
      }
      renderList();
      renderPrint();
    }

    update();
    loadQr();
  }

  shared.builder = builder;
})();
