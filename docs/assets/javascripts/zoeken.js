/* Search with Pagefind, loaded only when the reader opens search.
 *
 * Most readers arrive from a link or a QR code, read one card and leave: they should not download a
 * search index. Nothing of search is fetched until the reader focuses the search field, taps the
 * search button or presses "/", "s" or "f". Then Pagefind (written next to the pages by
 * scripts/build.py) loads and fetches only the parts of the index a query needs. Nothing leaves this
 * site: the index and the script are our own files.
 *
 * The panel (overrides/partials/search.html) keeps Material's classes and its "search" toggle, so it
 * looks like the theme's own search in both colour schemes and works with instant navigation: this
 * script runs once and its listeners stay, as the header is not replaced between pages. Results are
 * built as DOM nodes from text; Pagefind's excerpts are parsed inertly and only their text and
 * <mark> highlights are kept, so nothing in the content can run here.
 *
 * The offline edition keeps Material's own search (Pagefind needs a web server); there the panel is
 * the theme's and this script does nothing.
 */
(function () {
  "use strict";

  var panel = document.querySelector("[data-wk-zoeken]");
  if (!panel) {
    return;
  }
  var MAX_RESULTS = 10;
  var MAX_SECTIONS = 2;
  var toggle = document.getElementById("__search");
  var form = panel.querySelector("form");
  var input = form.querySelector("input");
  var status = panel.querySelector("#wk-zoekstatus");
  var list = panel.querySelector("#wk-zoekresultaten");
  var nothing = panel.querySelector("[data-wk-niets]");
  var config = JSON.parse(document.getElementById("__config").textContent);
  /* The site root, from this first page's address: the header stays across instant navigation. */
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var engine = null;
  var latest = 0;

  panel.querySelectorAll("[data-wk-pad]").forEach(function (anchor) {
    anchor.href = new URL(anchor.getAttribute("data-wk-pad"), root).href;
  });

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind
          .options({ baseUrl: root.pathname, excerptLength: 24 })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      engine.catch(function () {
        engine = null;
        say("Zoeken lukt nu niet. Controleer de verbinding en probeer het opnieuw.");
      });
    }
    return engine;
  }

  function say(message) {
    status.textContent = message;
  }

  function isOpen() {
    return toggle.checked;
  }

  function open() {
    if (!isOpen()) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  }

  function close() {
    if (isOpen()) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  /* Keep only text and <mark> from an excerpt: Pagefind's excerpt is HTML. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createDocumentFragment();
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function article(title, excerpt, heading) {
    var node = document.createElement("article");
    node.className = "md-search-result__article md-typeset";
    var head = document.createElement(heading);
    head.textContent = title;
    node.appendChild(head);
    if (excerpt) {
      var text = document.createElement("p");
      text.appendChild(excerptNodes(excerpt));
      node.appendChild(text);
    }
    return node;
  }

  function link(url, content, extraClass) {
    var anchor = document.createElement("a");
    anchor.href = new URL(url, root).href;
    anchor.className = "md-search-result__link" + (extraClass ? " " + extraClass : "");
    anchor.appendChild(content);
    return anchor;
  }

  /* A page's search terms (words from practice, macros/templates/search_terms.md.jinja) are hidden and
   * the last words of its indexed text; metadata `zoektermen` says which. A result is found by them but
   * never shows them: its excerpt is cut from the page's own words (or is its opening, code and summary,
   * when only a search term matched), and a section found only by them is left out. */
  var EXCERPT_WORDS = 24;

  function termCount(result) {
    var terms = result.meta && result.meta.zoektermen;
    return terms ? terms.trim().split(/\s+/).length : 0;
  }

  function ownExcerpt(words, cut, locations, skip) {
    var found = locations.filter(function (at) { return at < cut; });
    var start = found.length ? found[0] - Math.floor(EXCERPT_WORDS / 3) : skip;
    start = Math.max(skip, Math.min(start, cut - EXCERPT_WORDS));
    var out = [];
    for (var at = start; at < Math.min(start + EXCERPT_WORDS, cut); at++) {
      var word = words[at].replace(/[&<>]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]; });
      out.push(found.indexOf(at) >= 0 ? "<mark>" + word + "</mark>" : word);
    }
    return out.join(" ");
  }

  function item(result) {
    var entry = document.createElement("li");
    entry.className = "md-search-result__item";
    var title = result.meta && result.meta.title ? result.meta.title : result.url;
    var excerpt = result.excerpt;
    var sections = (result.sub_results || []).filter(function (section) {
      /* The page's own heading comes back as a section: it is the result itself. */
      return section.url.indexOf("#") > 0 && section.title !== title;
    });
    var count = termCount(result);
    if (count && typeof result.content === "string") {
      var words = result.content.split(/[\r\n\s]+/g);
      var cut = words.length - count;
      var skip = Math.min(title.split(/\s+/).length, cut);
      excerpt = ownExcerpt(words, cut, result.locations || [], skip);
      sections = sections
        .filter(function (section) {
          return (section.locations || []).some(function (at) { return at < cut; });
        })
        .map(function (section) {
          return { url: section.url, title: section.title, excerpt: ownExcerpt(words, cut, section.locations, 0) };
        });
    }
    entry.appendChild(link(result.url, article(title, excerpt, "h1")));
    sections.slice(0, MAX_SECTIONS).forEach(function (section) {
      entry.appendChild(link(section.url, article(section.title, section.excerpt, "h2"), "wk-zoek-sectie"));
    });
    return entry;
  }

  function show(query, results, total) {
    list.replaceChildren.apply(list, results.map(item));
    if (nothing) {
      nothing.hidden = total !== 0;
    }
    if (total === 0) {
      say("Niets gevonden voor ‘" + query + "’.");
    } else if (total === 1) {
      say("1 resultaat voor ‘" + query + "’");
    } else if (total > results.length) {
      say(total + " resultaten voor ‘" + query + "’, de eerste " + results.length + " staan hieronder");
    } else {
      say(total + " resultaten voor ‘" + query + "’");
    }
    /* For tests and assistive tools: which query the list now answers. */
    list.setAttribute("data-wk-zoekterm", query);
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      list.setAttribute("data-wk-zoekterm", "");
      if (nothing) {
        nothing.hidden = true;
      }
      say("Typ een woord om te zoeken");
      return;
    }
    load()
      .then(function (pagefind) { return pagefind.search(query); })
      .then(function (found) {
        if (ticket !== latest || !found) {
          return;
        }
        var top = found.results.slice(0, MAX_RESULTS);
        return Promise.all(top.map(function (result) { return result.data(); })).then(function (data) {
          if (ticket === latest) {
            show(query, data, found.results.length);
          }
        });
      });
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  toggle.addEventListener("change", function () {
    if (isOpen()) {
      load();
      if (document.activeElement !== input) {
        input.focus();
      }
    } else {
      input.blur();
    }
  });

  /* Enter opens the first result, as in the theme's search. */
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) {
      first.click();
    }
  });
  form.addEventListener("reset", function () {
    window.setTimeout(search);
    input.focus();
  });

  /* A chosen result closes search; instant navigation then loads the page. */
  panel.addEventListener("click", function (event) {
    if (event.target.closest("a[href]")) {
      close();
    }
  });

  panel.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      var button = document.querySelector("label.md-header__button[for='__search']");
      if (button && button.offsetParent !== null) {
        button.focus();
      }
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });

  /* The theme's keyboard shortcuts for search: "/", "s" and "f" outside a field. */
  document.addEventListener("keydown", function (event) {
    if (isOpen() || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      return;
    }
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
