// The header's search box, on Pagefind's JavaScript API. Pagefind (under pagefind/ at the site
// root) loads on first use and then fetches only the index chunks and result fragments a query needs.
// Past a few hundred places the places are in parts of the index (atlas/search_index.py): a query
// searches the main index and the parts that pagefind/parts.json gives for its words' first letters.
// Keyboard: type; Down arrow or Tab reaches the results; Up/Down move between them; Enter opens one
// (Enter in the box opens the first); Escape closes the list. A live region announces the count.
(function () {
  var SHOWN = 8; // results shown (each one costs a fragment download)
  var SUB_RESULTS = 2; // sections shown under a page result (a place's issue areas)
  var siteRoot = new URL("..", document.currentScript.src); // this file is assets/search.js
  var indexPath = new URL("pagefind/", siteRoot).pathname;
  var pagefind = null;
  var searcher = null; // the Pagefind instance of the latest query's parts: { parts, ready }
  var latest = 0;

  // The Pagefind module and the parts file (no parts file, or an empty one: one index).
  function loadPagefind() {
    if (!pagefind) {
      var parts = fetch(new URL("pagefind/parts.json", siteRoot)).then(function (response) {
        return response.ok ? response.json() : {};
      }).catch(function () {
        return {};
      }).then(function (manifest) {
        manifest.partOfKey = {}; // "parts" lists each part's keys: part n is folder places-n/
        (manifest.parts || []).forEach(function (keys, number) {
          keys.forEach(function (key) {
            manifest.partOfKey[key] = number;
          });
        });
        return manifest;
      });
      pagefind = Promise.all([import(new URL("pagefind/pagefind.js", siteRoot).href), parts]).then(function (loaded) {
        return { module: loaded[0], parts: loaded[1] };
      });
    }
    return pagefind;
  }

  // The words of a query as atlas/search_index.py's name_words splits a name.
  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  // The folder of a word's part: that of the longest key the word starts with (key_of in atlas/search_index.py).
  function partOf(word, partOfKey) {
    for (var length = word.length; length > 0; length--) {
      if (Object.prototype.hasOwnProperty.call(partOfKey, word.slice(0, length))) {
        return "places-" + partOfKey[word.slice(0, length)] + "/"; // search_index.part_folder
      }
    }
    return null;
  }

  // The folders of the parts a query needs: those of its words (routing_words in atlas/search_index.py).
  function partsFor(query, manifest) {
    var generic = manifest.generic_words || [];
    var all = words(query);
    var specific = all.filter(function (word) {
      return generic.indexOf(word) < 0;
    });
    var folders = (specific.length ? specific : all).map(function (word) {
      return partOf(word, manifest.partOfKey);
    }).filter(function (folder, at, list) {
      return folder && list.indexOf(folder) === at;
    });
    return folders.sort();
  }

  // A Pagefind instance searching the main index and these parts. The previous one is dropped: results
  // depend on the query alone, and a query never searches parts it does not need. Without a worker:
  // its script would be one more download, for searches that take milliseconds.
  function searcherFor(loaded, folders) {
    var key = folders.join(" ");
    if (searcher && searcher.parts === key) {
      return searcher.ready;
    }
    var previous = searcher;
    var instance = loaded.module.createInstance({ basePath: indexPath, baseUrl: siteRoot.pathname, noWorker: true });
    var ready = Promise.all(folders.map(function (folder) {
      return instance.mergeIndex(indexPath + folder, { baseUrl: siteRoot.pathname });
    })).then(function () {
      return instance;
    });
    var current = { parts: key, ready: ready };
    searcher = current;
    ready.catch(function () {
      if (searcher === current) {
        searcher = null; // try again on the next query
      }
    });
    if (previous) {
      previous.ready.then(function (old) {
        old.destroy();
      }).catch(function () {});
    }
    return ready;
  }

  // An excerpt as nodes: its text, with only Pagefind's <mark> kept. Parsed in an inert document,
  // so nothing in it can run or load, whatever the records say.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    var nodes = [];
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  function resultLink(url, title, detail, excerpt) {
    var link = document.createElement("a");
    link.className = "atlas-search__link";
    link.href = url;
    var heading = document.createElement("span");
    heading.className = "atlas-search__title";
    heading.textContent = title;
    link.appendChild(heading);
    if (detail) {
      var kind = document.createElement("span");
      kind.className = "atlas-search__kind";
      kind.textContent = detail;
      link.appendChild(kind);
    }
    var text = document.createElement("span");
    text.className = "atlas-search__excerpt";
    excerptNodes(excerpt).forEach(function (node) {
      text.appendChild(node);
    });
    link.appendChild(text);
    return link;
  }

  function score(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, location) {
      return sum + location.balanced_score;
    }, 0);
  }

  function resultItem(data) {
    var item = document.createElement("li");
    var title = data.meta.title || data.url;
    item.appendChild(resultLink(data.url, title, data.meta.kind, data.excerpt));
    // Sections under their page, best match first (Pagefind lists them in page order); not the page's own heading.
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.anchor && sub.anchor.element !== "h1" && sub.url !== data.url;
    }).sort(function (a, b) {
      return score(b) - score(a);
    });
    if (sections.length) {
      var list = document.createElement("ul");
      sections.slice(0, SUB_RESULTS).forEach(function (sub) {
        var sectionItem = document.createElement("li");
        sectionItem.appendChild(resultLink(sub.url, sub.title, "", sub.excerpt));
        list.appendChild(sectionItem);
      });
      item.appendChild(list);
    }
    return item;
  }

  function setUp(form) {
    if (form.dataset.ready) {
      return;
    }
    form.dataset.ready = "yes";
    form.hidden = false;
    var input = form.querySelector(".atlas-search__input");
    var panel = form.querySelector(".atlas-search__panel");
    var status = form.querySelector(".atlas-search__status");
    var list = form.querySelector(".atlas-search__results");
    var timer = null;

    function links() {
      return Array.prototype.slice.call(panel.querySelectorAll("a.atlas-search__link"));
    }

    function close() {
      panel.hidden = true;
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        close();
        return;
      }
      var loaded = null;
      loadPagefind()
        .then(function (pagefindAndParts) {
          loaded = pagefindAndParts;
          return searcherFor(loaded, partsFor(query, loaded.parts));
        })
        .then(function (instance) {
          return instance.search(query);
        })
        .then(function (search) {
          // A place whose name has words in two parts is in both: the same page, the same fragment id.
          // The main index's documents of names (search_index.names_document) are never shown.
          var seen = {};
          (loaded.parts.hidden || []).forEach(function (id) {
            seen[id] = true;
          });
          var results = search.results.filter(function (result) {
            return seen[result.id] ? false : (seen[result.id] = true);
          });
          return Promise.all(results.slice(0, SHOWN).map(function (result) {
            return result.data();
          })).then(function (data) {
            return { total: results.length, data: data };
          });
        })
        .then(function (found) {
          if (ticket !== latest) {
            return; // a newer query is under way
          }
          list.replaceChildren.apply(list, found.data.map(resultItem));
          status.textContent = found.total === 0
            ? "No results for “" + query + "”."
            : found.total + (found.total === 1 ? " result" : " results") + " for “" + query + "”" +
              (found.total > SHOWN ? ", the first " + SHOWN + " shown." : ".");
          panel.hidden = false;
        })
        .catch(function () {
          if (ticket === latest) {
            status.textContent = "Search is unavailable right now.";
            panel.hidden = false;
          }
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("focus", function () {
      loadPagefind(); // start fetching while the reader types
      if (input.value.trim() && list.children.length) {
        panel.hidden = false;
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = links()[0];
      if (first) {
        first.click();
      }
    });
    form.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        close();
        input.focus();
      } else if (event.key === "ArrowDown" && all.length && !panel.hidden) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) {
        close();
      }
    });
    panel.addEventListener("click", function (event) {
      if (event.target.closest("a")) {
        close();
      }
    });
  }

  function start() {
    document.querySelectorAll("form.atlas-search").forEach(setUp);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(start); // material's instant navigation may swap the header
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
