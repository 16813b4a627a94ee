// "Who is responsible?" finder and the home page's place picker.
// Reads the static API and builds every node with createElement/textContent: record text never becomes HTML.
(function () {
  "use strict";

  var cache = {};
  var SOURCE_ORDER = { official: 0, scholarly: 1, "civil-society": 2, press: 3, reference: 4 };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function safeHref(url) {
    // Only https links from records; the site's own pages are relative.
    return typeof url === "string" && /^https:\/\/[^\s/?#]/i.test(url) ? url : null;
  }

  function externalLink(url, label) {
    var href = safeHref(url);
    if (!href) return el("span", label);
    var a = el("a", label);
    a.href = href;
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  function host(url) {
    try {
      return new URL(url).hostname.replace(/^www\./, "");
    } catch (error) {
      return url;
    }
  }

  function badge(status) {
    var verified = status === "verified";
    return el("span", verified ? "Verified" : "Unverified", "atlas-badge atlas-badge--" + (verified ? "verified" : "unverified"));
  }

  // Sources by publisher name (else the address's host), official publishers first and marked.
  function sourceList(sources) {
    var ordered = sources.map(function (source, index) { return { source: source, index: index }; });
    ordered.sort(function (a, b) {
      var rankA = a.source.publisher_kind in SOURCE_ORDER ? SOURCE_ORDER[a.source.publisher_kind] : 9;
      var rankB = b.source.publisher_kind in SOURCE_ORDER ? SOURCE_ORDER[b.source.publisher_kind] : 9;
      return rankA - rankB || a.index - b.index;
    });
    var wrapper = el("div", null, "atlas-finder-sources");
    wrapper.appendChild(el("span", "Sources: ", "atlas-finder-sources__label"));
    var list = el("ul");
    ordered.forEach(function (entry) {
      var source = entry.source;
      var item = el("li");
      var a = externalLink(source.url, source.publisher || host(source.url));
      if (source.title) a.title = source.title;
      item.appendChild(a);
      if (source.publisher_kind === "official") item.appendChild(el("span", "official", "atlas-finder-official"));
      list.appendChild(item);
    });
    wrapper.appendChild(list);
    return wrapper;
  }

  function dutySources(duty) {
    if (duty.source_details) return duty.source_details;
    return (duty.sources || []).map(function (url) { return { url: url }; });
  }

  function loadFile(apiBase, path) {
    if (!cache[path]) {
      cache[path] = fetch(apiBase + path).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }

  function load(apiBase, place) {
    return loadFile(apiBase, "jurisdictions/" + encodeURIComponent(place) + ".json");
  }

  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // As the place pages order a section: by right, then from the most local level to the federal one.
  function stackOrder(a, b) {
    return compareText(a.right_title.toLowerCase(), b.right_title.toLowerCase()) || a.rank[0] - b.rank[0] ||
      compareText(a.jurisdiction_name, b.jurisdiction_name) || a.rank[1] - b.rank[1] || compareText(a.body_name, b.body_name);
  }

  // A government's file holds its own duties and names the governments above it (state, federal,
  // overlapping districts) by reference; a resident's whole stack merges all of their files.
  function loadStack(apiBase, place) {
    return load(apiBase, place).then(function (doc) {
      var others = doc.jurisdiction.resolved.governments_over.filter(function (g) { return g.id !== place; });
      return Promise.all(others.map(function (g) { return loadFile(apiBase, g.api); })).then(function (docs) {
        var resolvedList = [doc.jurisdiction.resolved].concat(docs.map(function (d) { return d.jurisdiction.resolved; }));
        var stack = doc.jurisdiction.resolved.stack.map(function (section, index) {
          var duties = [];
          resolvedList.forEach(function (resolved) { duties = duties.concat(resolved.stack[index].duties); });
          duties.sort(stackOrder);
          return { issue_area: section.issue_area, label: section.label, duties: duties };
        });
        var routes = [];
        resolvedList.forEach(function (resolved) { routes = routes.concat(resolved.accountability_routes); });
        var merged = Object.assign({}, doc.jurisdiction, {
          resolved: Object.assign({}, doc.jurisdiction.resolved, { stack: stack, accountability_routes: routes })
        });
        return { jurisdiction: merged };
      });
    });
  }

  // A county's answer: its own duties and those set by state law, then its state's stack (which holds the
  // federal duties too). The county file names the state's file instead of copying it; that file is loaded once.
  function countyAnswer(apiBase, countyDoc) {
    var county = countyDoc.county;
    var base = county.record || county.state_record;
    var stackFile = base ? loadStack(apiBase, base.id) : Promise.resolve(null);
    return stackFile.then(function (baseDoc) {
      var resolved = baseDoc ? baseDoc.jurisdiction.resolved : { stack: [], accountability_routes: [] };
      var extra = (county.record ? [] : county.own_duties).concat(county.derived_duties.map(function (duty) {
        return Object.assign({ page: county.page }, duty);
      }));
      var stack = resolved.stack.map(function (section) {
        var local = extra.filter(function (duty) { return duty.issue_area === section.issue_area; });
        return { issue_area: section.issue_area, label: section.label, duties: local.concat(section.duties) };
      });
      return {
        jurisdiction: { name: county.name, note: county.no_county_government, resolved: { stack: stack, accountability_routes: resolved.accountability_routes } }
      };
    });
  }

  function matches(topic, area, duty) {
    if (!topic) return true;
    if (topic.indexOf("area:") === 0) return area === topic.slice(5);
    if (topic.indexOf("right:") === 0) return duty.right === topic.slice(6);
    return true;
  }

  function routesFor(resolved, topic) {
    // Routes are recorded by issue area; a right's routes are those of its issue area.
    var areaOfTopic = topic.indexOf("area:") === 0 ? topic.slice(5) : null;
    if (topic.indexOf("right:") === 0) {
      resolved.stack.forEach(function (section) {
        section.duties.forEach(function (duty) {
          if (duty.right === topic.slice(6)) areaOfTopic = section.issue_area;
        });
      });
    }
    return resolved.accountability_routes.filter(function (route) {
      if (!topic) return true;
      return areaOfTopic !== null && route.issue_areas.indexOf(areaOfTopic) >= 0;
    });
  }

  function renderRoutes(container, routes) {
    container.textContent = "";
    container.hidden = !routes.length;
    if (!routes.length) return;
    var title = el("h2", "Where to seek a remedy");
    title.id = "finder-remedies-title";  // the section's accessible name
    container.appendChild(title);
    container.appendChild(el("p", "Where a resident can complain, ask for oversight or seek a remedy; a linked name opens the page that says how to use it.", "atlas-finder-lead"));
    var list = el("ul", null, "atlas-finder-list atlas-finder-routes");
    routes.forEach(function (route) {
      var item = el("li");
      var head = el("p", null, "atlas-finder-route-name");
      var name = externalLink(route.contact, route.name);
      head.appendChild(route.contact && safeHref(route.contact) ? name : el("strong", route.name));
      head.appendChild(document.createTextNode(" — " + route.jurisdiction_name + " "));
      head.appendChild(badge(route.status));
      item.appendChild(head);
      item.appendChild(el("p", route.summary));
      if (route.sources && route.sources.length) item.appendChild(sourceList(route.sources));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function renderDuties(results, resolved, topic, siteBase) {
    results.textContent = "";
    var total = 0;
    resolved.stack.forEach(function (section) {
      var duties = section.duties.filter(function (duty) { return matches(topic, section.issue_area, duty); });
      if (!duties.length) return;
      if (!total) results.appendChild(el("h2", "Who holds the duty, from the most local government to the federal one"));
      total += duties.length;
      results.appendChild(el("h3", section.label));
      var list = el("ol", null, "atlas-finder-list");
      duties.forEach(function (duty) {
        var item = el("li");
        var head = el("p");
        head.appendChild(el("strong", duty.role_label + ": "));
        head.appendChild(document.createTextNode(duty.body_name + " — "));
        var label = duty.jurisdiction_name + " (" + duty.jurisdiction_level.replace(/-/g, " ") + ")";
        if (duty.jurisdiction || duty.page) {
          var gov = el("a", label);
          gov.href = siteBase + (duty.jurisdiction ? "places/" + encodeURIComponent(duty.jurisdiction) + "/" : duty.page);
          head.appendChild(gov);
        } else {
          head.appendChild(el("span", label));
        }
        item.appendChild(head);
        item.appendChild(el("p", duty.right_title + ". " + duty.summary));
        var basis = el("p", "Legal basis: " + duty.basis + " ", "atlas-finder-basis");
        if (duty.set_by) basis.insertBefore(el("strong", "Set by state law (" + duty.state_name + "). "), basis.firstChild);
        basis.appendChild(badge(duty.status));
        basis.appendChild(el("span", " Reviewed " + duty.last_reviewed));
        item.appendChild(basis);
        var sources = dutySources(duty);
        if (sources.length) item.appendChild(sourceList(sources));
        list.appendChild(item);
      });
      results.appendChild(list);
    });
    return total;
  }

  function render(root, doc, topic) {
    var status = root.querySelector("#finder-status");
    var resolved = doc.jurisdiction.resolved;
    var routes = routesFor(resolved, topic);
    renderRoutes(root.querySelector("#finder-remedies"), routes);
    var results = root.querySelector("#finder-results");
    var total = renderDuties(results, resolved, topic, root.getAttribute("data-site-base"));
    if (doc.jurisdiction.note) results.insertBefore(el("p", doc.jurisdiction.note, "atlas-finder-note"), results.firstChild);
    var placeName = doc.jurisdiction.short_name || doc.jurisdiction.name;
    var routeText = routes.length === 1 ? "1 route to remedy" : routes.length + " routes to remedy";
    if (total) {
      status.textContent = total + " responsibilities found for " + placeName + ", from the most local government to the federal level" +
        (routes.length ? "; " + routeText + " listed first." : ".");
    } else if (routes.length) {
      status.textContent = "No responsibility is mapped yet for " + placeName + " on this topic; " + routeText + " listed.";
    } else {
      status.textContent = "Nothing is mapped yet for " + placeName + " on this topic.";
    }
  }

  function clear(root) {
    root.querySelector("#finder-results").textContent = "";
    var remedies = root.querySelector("#finder-remedies");
    remedies.textContent = "";
    remedies.hidden = true;
  }

  // Fill the county list from the chosen state's file; keep the chosen county when it is one of them.
  function fillCounties(root, wanted) {
    var state = root.querySelector("#finder-state").value;
    var select = root.querySelector("#finder-county");
    select.textContent = "";
    if (!state) {
      select.appendChild(el("option", "Choose a state first")).value = "";
      select.disabled = true;
      return Promise.resolve();
    }
    select.appendChild(el("option", "Loading counties…")).value = "";
    return load(root.getAttribute("data-api-base"), state).then(function (doc) {
      select.textContent = "";
      select.appendChild(el("option", "Choose a county")).value = "";
      (doc.jurisdiction.resolved.counties || []).forEach(function (county) {
        select.appendChild(el("option", county.name)).value = county.geoid;
      });
      select.disabled = false;
      if (wanted) select.value = wanted;
    });
  }

  function updateCounty(root, county, topic) {
    var status = root.querySelector("#finder-status");
    var apiBase = root.getAttribute("data-api-base");
    status.textContent = "Loading…";
    loadFile(apiBase, "counties/" + encodeURIComponent(county) + ".json").then(function (doc) {
      return countyAnswer(apiBase, doc);
    }).then(function (answer) {
      render(root, answer, topic);
    }).catch(function () {
      clear(root);
      status.textContent = "The data for this county could not be loaded. Use the links below instead.";
    });
  }

  // --- ZIP code look-up: one shard per 3-digit prefix (api/v2/zip/<prefix>.json) names the counties a ZIP touches.

  var ZIP_FORMAT = /^[0-9]{5}$/;

  function zipField(root) { return root.querySelector("#finder-zip"); }

  function showZipError(root, message) {
    var input = zipField(root);
    var error = root.querySelector("#finder-zip-error");
    error.textContent = message;
    if (message) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  function hideZipAnswer(root) {
    var panel = root.querySelector("#finder-zip-answer");
    panel.textContent = "";
    panel.hidden = true;
  }

  function share(value) {
    if (value === null || value === undefined) return "";
    if (value < 1) return "less than 1% of its land";
    return Math.round(value) + "% of its land";
  }

  function siteLink(root, path, label) {
    if (!path) return el("span", label);
    var a = el("a", label);
    a.href = root.getAttribute("data-site-base") + path;
    return a;
  }

  function zipAnswerPanel(root, zip, lines) {
    var panel = root.querySelector("#finder-zip-answer");
    panel.textContent = "";
    var title = el("h2", "ZIP code " + zip);
    title.id = "finder-zip-title";
    panel.appendChild(title);
    lines.forEach(function (node) { panel.appendChild(node); });
    panel.hidden = false;
    return panel;
  }

  function countyItem(root, zip, entry, county, chosen, topic) {
    var item = el("li");
    if (!county.listed) {
      var part = entry.land_share !== null ? " (" + share(entry.land_share) + ")" : "";
      item.appendChild(el("p", county.now_in && county.now_in.length ?
        "Part of this ZIP code" + part + " lies in the historical county with Census code " + county.geoid +
          ", whose towns now lie in " + names(county.now_in.map(function (c) { return c.name; })) +
          "; the atlas cannot tell in which of these." :
        "A county-equivalent with Census code " + county.geoid + " that the atlas's county list does not have" + part + "."));
      return item;
    }
    var head = el("p");
    head.appendChild(el("strong", county.name));
    head.appendChild(document.createTextNode(", "));
    head.appendChild(county.state_record ? siteLink(root, county.state_record.page, county.state_record.name) : el("span", county.state));
    if (entry.land_share !== null) head.appendChild(document.createTextNode(" — " + share(entry.land_share)));
    item.appendChild(head);
    var actions = el("p", null, "atlas-finder-zip-actions");
    if (chosen) {
      actions.appendChild(el("span", "Shown below", "atlas-badge"));
    } else {
      var show = el("a", "Show who is responsible in " + county.name);
      var params = new URLSearchParams({ zip: zip, county: county.geoid });
      if (topic) params.set("topic", topic);
      show.href = "?" + params.toString();
      show.setAttribute("data-county", county.geoid);
      actions.appendChild(show);
    }
    if (county.page) {
      actions.appendChild(document.createTextNode(" · "));
      actions.appendChild(siteLink(root, county.page, county.record ? county.record.name + " page" : "The county on its state's page"));
    }
    item.appendChild(actions);
    if (county.places && county.places.length) {
      var places = el("p", "The atlas has a page for these places in " + county.name + ": ", "atlas-finder-zip-places");
      county.places.forEach(function (place, index) {
        if (index) places.appendChild(document.createTextNode(", "));
        places.appendChild(siteLink(root, place.page, place.name));
      });
      places.appendChild(document.createTextNode(". A ZIP code is not a city: check that your address is inside the city before you rely on its page."));
      item.appendChild(places);
    }
    return item;
  }

  function names(list) {
    if (list.length < 2) return list.join("");
    return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function answerZip(root, zip, shard, wantedCounty, topic) {
    var status = root.querySelector("#finder-status");
    var entry = shard && shard.zips ? shard.zips[zip] : null;
    clear(root);
    if (!entry) {
      zipAnswerPanel(root, zip, [
        el("p", "This is not a ZIP code we know."),
        el("p", "Check the number on a letter or a bill. If it is right, choose your state and county above instead; the atlas's ZIP list comes from the 2020 Census and a postal list, and a new ZIP code may be missing.")
      ]);
      status.textContent = "ZIP code " + zip + " is not a ZIP code we know. Check it, or choose your state and county.";
      return;
    }
    var outside = {
      territory: "ZIP code " + zip + " is in " + entry.area_name + ". The atlas does not cover " + entry.area_name + " yet: it covers the 50 states and the District of Columbia.",
      "freely-associated": "ZIP code " + zip + " is in " + entry.area_name + ", which the atlas does not cover: it covers the 50 states and the District of Columbia.",
      military: "ZIP code " + zip + " is a military mail code (APO, FPO or DPO), not a place, so the atlas cannot tell whose duties reach it. Use the address where you live.",
      "no-county": "ZIP code " + zip + " is in " + names(entry.states) + ", but its county could not be matched to the atlas's county list. Choose your state and county above."
    };
    if (outside[entry.coverage]) {
      zipAnswerPanel(root, zip, [el("p", outside[entry.coverage])]);
      status.textContent = entry.coverage === "territory" ? "ZIP code " + zip + ": " + entry.area_name + " is not covered yet." : outside[entry.coverage];
      return;
    }
    var counties = entry.counties.map(function (c) {
      return { entry: c, county: shard.counties[c.geoid] || { geoid: c.geoid, listed: false } };
    });
    var listed = counties.filter(function (c) { return c.county.listed; });
    var chosen = null;
    listed.forEach(function (c) { if (c.county.geoid === wantedCounty) chosen = c.county; });
    if (!chosen && listed.length === 1) chosen = listed[0].county;
    var lead;
    if (entry.source === "postal") {
      lead = "The Census does not map this ZIP code (it may serve post office boxes or a single address). The postal list gives one county for it; it may reach others.";
    } else if (counties.length > 1) {
      lead = "This ZIP code touches " + counties.length + " counties. A ZIP code is a postal route, not a government: it can cross county and city lines, so who is responsible depends on where your address is.";
    } else {
      lead = "This ZIP code lies in one county. It can still cross city lines, and whether your address is inside a city changes who is responsible.";
    }
    var nodes = [el("p", lead)];
    var list = el("ul", null, "atlas-finder-list atlas-finder-zip-counties");
    counties.forEach(function (c) { list.appendChild(countyItem(root, zip, c.entry, c.county, chosen === c.county, topic)); });
    nodes.push(list);
    zipAnswerPanel(root, zip, nodes);
    if (chosen) {
      updateCounty(root, chosen.geoid, topic);
      return;
    }
    status.textContent = "ZIP code " + zip + " touches " + counties.length + " counties: " +
      names(listed.map(function (c) { return c.county.name; })) + ". Choose yours to see who is responsible.";
  }

  function lookUpZip(root, zip, wantedCounty, pushUrl) {
    var topic = root.querySelector("#finder-topic").value;
    var status = root.querySelector("#finder-status");
    if (!ZIP_FORMAT.test(zip)) {
      clear(root);
      hideZipAnswer(root);
      showZipError(root, "Enter a ZIP code of 5 digits, such as 90012.");
      status.textContent = "The ZIP code needs 5 digits.";
      zipField(root).focus();
      return;
    }
    showZipError(root, "");
    if (pushUrl) {
      var params = new URLSearchParams({ zip: zip });
      if (wantedCounty) params.set("county", wantedCounty);
      if (topic) params.set("topic", topic);
      history.replaceState(null, "", "?" + params.toString());
    }
    status.textContent = "Loading…";
    loadFile(root.getAttribute("data-api-base"), "zip/" + zip.slice(0, 3) + ".json").catch(function (error) {
      if (String(error.message) === "HTTP 404") return null;  // no ZIP code we know starts so
      throw error;
    }).then(function (shard) {
      answerZip(root, zip, shard, wantedCounty, topic);
    }).catch(function () {
      clear(root);
      hideZipAnswer(root);
      status.textContent = "The ZIP code data could not be loaded. Choose your state and county, or use the links below.";
    });
  }

  function update(root, pushUrl) {
    zipField(root).value = "";
    showZipError(root, "");
    hideZipAnswer(root);
    var place = root.querySelector("#finder-place").value;
    var topic = root.querySelector("#finder-topic").value;
    var status = root.querySelector("#finder-status");
    var state = root.querySelector("#finder-state").value;
    var county = place ? "" : root.querySelector("#finder-county").value;
    if (pushUrl) {
      var params = new URLSearchParams();
      if (place) params.set("place", place);
      if (!place && state) params.set("state", state);
      if (county) params.set("county", county);
      if ((place || county) && topic) params.set("topic", topic);
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    }
    if (county) {
      updateCounty(root, county, topic);
      return;
    }
    if (!place) {
      clear(root);
      status.textContent = "Choose a place to see who is responsible.";
      return;
    }
    status.textContent = "Loading…";
    loadStack(root.getAttribute("data-api-base"), place).then(function (doc) {
      render(root, doc, topic);
    }).catch(function () {
      clear(root);
      status.textContent = "The data for this place could not be loaded. Use the links below instead.";
    });
  }

  function setupFinder() {
    var root = document.getElementById("atlas-finder");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "yes");
    var params = new URLSearchParams(window.location.search);
    var placeSelect = root.querySelector("#finder-place");
    var topicSelect = root.querySelector("#finder-topic");
    var stateSelect = root.querySelector("#finder-state");
    var countySelect = root.querySelector("#finder-county");
    if (params.get("place")) placeSelect.value = params.get("place");
    if (params.get("topic")) topicSelect.value = params.get("topic");
    var form = root.querySelector("form");
    var zipInput = zipField(root);
    form.noValidate = true;  // the finder explains a malformed ZIP itself, next to the field
    function zipMode() { return !placeSelect.value && !stateSelect.value && zipInput.value !== ""; }
    if (params.get("zip") && !params.get("place") && !params.get("state")) {
      zipInput.value = params.get("zip");
      lookUpZip(root, zipInput.value.trim(), params.get("county"), false);
    }
    root.querySelector("#finder-zip-answer").addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-county]") : null;
      if (!link) return;
      event.preventDefault();
      lookUpZip(root, zipInput.value.trim(), link.getAttribute("data-county"), true);
    });
    if (params.get("state") && !params.get("place")) {
      stateSelect.value = params.get("state");
      fillCounties(root, params.get("county")).then(function () {
        if (countySelect.value) update(root, false);
      });
    }
    stateSelect.addEventListener("change", function () {
      placeSelect.value = "";
      fillCounties(root, null);
      update(root, true);
    });
    countySelect.addEventListener("change", function () {
      placeSelect.value = "";
      update(root, true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var byZip = event.submitter ? event.submitter.id === "finder-zip-button" : document.activeElement === zipInput;
      if (byZip || document.activeElement === zipInput) {
        placeSelect.value = "";
        if (stateSelect.value) {
          stateSelect.value = "";
          fillCounties(root, null);
        }
        lookUpZip(root, zipInput.value.trim(), null, true);
        return;
      }
      update(root, true);
    });
    placeSelect.addEventListener("change", function () {
      if (placeSelect.value) {
        stateSelect.value = "";
        fillCounties(root, null);
      }
      update(root, true);
    });
    topicSelect.addEventListener("change", function () {
      if (zipMode()) {
        var county = new URLSearchParams(window.location.search).get("county");
        lookUpZip(root, zipInput.value.trim(), county, true);
        return;
      }
      update(root, true);
    });
    if (placeSelect.value) update(root, false);
  }

  // Home page: the picker opens the chosen place's page (without JavaScript it opens the finder).
  function setupPicker() {
    var form = document.getElementById("atlas-place-picker");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "yes");
    form.addEventListener("submit", function (event) {
      var select = form.querySelector("select");
      var page = select.options[select.selectedIndex] && select.options[select.selectedIndex].getAttribute("data-page");
      if (!page) return;
      event.preventDefault();
      window.location.assign(page);
    });
  }

  function setup() {
    setupFinder();
    setupPicker();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
