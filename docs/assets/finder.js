// "Who is responsible?" finder: reads the static API, never inserts record text as HTML.
(function () {
  "use strict";

  var cache = {};

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function safeHref(url) {
    // Only https links from records; the site's own pages are relative.
    return /^https:\/\//i.test(url) ? url : null;
  }

  function badge(status) {
    var node = el("span", status === "verified" ? "Verified" : "Unverified", "atlas-badge atlas-badge--" + (status === "verified" ? "verified" : "unverified"));
    return node;
  }

  function load(apiBase, place) {
    if (!cache[place]) {
      cache[place] = fetch(apiBase + "jurisdictions/" + encodeURIComponent(place) + ".json").then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return cache[place];
  }

  function matches(topic, area, duty) {
    if (!topic) return true;
    if (topic.indexOf("area:") === 0) return area === topic.slice(5);
    if (topic.indexOf("right:") === 0) return duty.right === topic.slice(6);
    return true;
  }

  function render(root, doc, topic) {
    var results = root.querySelector("#finder-results");
    var status = root.querySelector("#finder-status");
    var siteBase = root.getAttribute("data-site-base");
    var resolved = doc.jurisdiction.resolved;
    results.textContent = "";
    var total = 0;
    resolved.stack.forEach(function (section) {
      var duties = section.duties.filter(function (duty) { return matches(topic, section.issue_area, duty); });
      if (!duties.length) return;
      total += duties.length;
      results.appendChild(el("h2", section.label));
      var list = el("ol", null, "atlas-finder-list");
      duties.forEach(function (duty) {
        var item = el("li");
        var head = el("p");
        head.appendChild(el("strong", duty.role_label + ": "));
        head.appendChild(document.createTextNode(duty.body_name + " — "));
        var gov = el("a", duty.jurisdiction_name + " (" + duty.jurisdiction_level.replace(/-/g, " ") + ")");
        gov.href = siteBase + "places/" + encodeURIComponent(duty.jurisdiction) + "/";
        head.appendChild(gov);
        item.appendChild(head);
        item.appendChild(el("p", duty.right_title + ". " + duty.summary));
        var basis = el("p", "Legal basis: " + duty.basis + " ", "atlas-finder-basis");
        basis.appendChild(badge(duty.status));
        basis.appendChild(el("span", " Reviewed " + duty.last_reviewed));
        item.appendChild(basis);
        if (duty.sources.length) {
          var sources = el("ul", null, "atlas-sources");
          duty.sources.forEach(function (url) {
            var href = safeHref(url);
            var li = el("li");
            if (href) {
              var a = el("a", url);
              a.href = href;
              a.rel = "noopener noreferrer nofollow";
              li.appendChild(a);
            } else {
              li.textContent = url;
            }
            sources.appendChild(li);
          });
          item.appendChild(sources);
        }
        list.appendChild(item);
      });
      results.appendChild(list);
    });
    // Routes are recorded by issue area; a right's routes are those of its issue area.
    var areaOfTopic = topic.indexOf("area:") === 0 ? topic.slice(5) : null;
    if (topic.indexOf("right:") === 0) {
      resolved.stack.forEach(function (section) {
        section.duties.forEach(function (duty) {
          if (duty.right === topic.slice(6)) areaOfTopic = section.issue_area;
        });
      });
    }
    var routes = resolved.accountability_routes.filter(function (route) {
      if (!topic) return true;
      return areaOfTopic !== null && route.issue_areas.indexOf(areaOfTopic) >= 0;
    });
    if (routes.length) {
      results.appendChild(el("h2", "Where to seek a remedy"));
      var routeList = el("ul", null, "atlas-finder-list");
      routes.forEach(function (route) {
        var li = el("li");
        li.appendChild(el("strong", route.name));
        li.appendChild(document.createTextNode(" (" + route.jurisdiction_name + "): " + route.summary + " "));
        li.appendChild(badge(route.status));
        routeList.appendChild(li);
      });
      results.appendChild(routeList);
    }
    var placeName = doc.jurisdiction.name;
    if (total) {
      status.textContent = total + " responsibilities found for " + placeName + ", from the most local government to the federal level.";
    } else if (routes.length) {
      status.textContent = "No responsibility is mapped yet for " + placeName + " on this topic; " + routes.length + " routes to remedy are listed.";
    } else {
      status.textContent = "Nothing is mapped yet for " + placeName + " on this topic.";
    }
  }

  function update(root, pushUrl) {
    var place = root.querySelector("#finder-place").value;
    var topic = root.querySelector("#finder-topic").value;
    var status = root.querySelector("#finder-status");
    if (pushUrl) {
      var params = new URLSearchParams();
      params.set("place", place);
      if (topic) params.set("topic", topic);
      history.replaceState(null, "", "?" + params.toString());
    }
    status.textContent = "Loading…";
    load(root.getAttribute("data-api-base"), place).then(function (doc) {
      render(root, doc, topic);
    }).catch(function () {
      status.textContent = "The data for this place could not be loaded. Use the links below instead.";
    });
  }

  function setup() {
    var root = document.getElementById("atlas-finder");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "yes");
    var params = new URLSearchParams(window.location.search);
    var placeSelect = root.querySelector("#finder-place");
    var topicSelect = root.querySelector("#finder-topic");
    if (params.get("place")) placeSelect.value = params.get("place");
    if (params.get("topic")) topicSelect.value = params.get("topic");
    root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      update(root, true);
    });
    placeSelect.addEventListener("change", function () { update(root, true); });
    topicSelect.addEventListener("change", function () { update(root, true); });
    if (params.get("place")) update(root, false);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
