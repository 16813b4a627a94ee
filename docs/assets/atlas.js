// Sortable record tables (material's instant navigation swaps pages: re-run on each).
document$.subscribe(function () {
  document.querySelectorAll("table.atlas-sortable").forEach(function (table) {
    if (!table.dataset.sortable) {
      new Tablesort(table);
      table.dataset.sortable = "yes";
    }
  });
  openTargetSection();
  setUpCompareFilters();
});

// A link to an issue area (#housing) opens its closed section.
function openTargetSection() {
  var id = decodeURIComponent(location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (!target) {
    return;
  }
  // An issue area's heading stays outside its closed list of duties: open that list too.
  var area = target.closest(".atlas-area-section");
  var section = (area && area.querySelector("details.atlas-area")) || target.closest("details");
  if (section && !section.open) {
    section.open = true;
    // A duty's entry (#duty-3), linked from the pages of the places below, was hidden when the
    // browser scrolled to it: scroll again now that it shows.
    if (target.tagName !== "H3") {
      target.scrollIntoView();
    }
  }
}
window.addEventListener("hashchange", openTargetSection);

// Compare pages: the table works without JavaScript; the filters narrow each cell to the
// bodies that hold a duty for the chosen right or treaty (complaint routes stay: they take any).
function setUpCompareFilters() {
  var form = document.querySelector("form.atlas-filters");
  if (!form || form.dataset.ready) {
    return;
  }
  form.dataset.ready = "yes";
  form.hidden = false;
  var right = form.querySelector("select[name=right]");
  var treaty = form.querySelector("select[name=treaty]");
  var status = form.querySelector(".atlas-filters__status");
  function matches(item) {
    if (item.dataset.route === "yes") {
      return true;
    }
    var rights = (item.dataset.rights || "").split(" ");
    var treaties = (item.dataset.treaties || "").split(" ");
    return (!right.value || rights.indexOf(right.value) >= 0) && (!treaty.value || treaties.indexOf(treaty.value) >= 0);
  }
  function apply() {
    var shown = 0;
    document.querySelectorAll(".atlas-holders li[data-rights]").forEach(function (item) {
      item.hidden = !matches(item);
      if (!item.hidden && item.dataset.route !== "yes") {
        shown += 1;
      }
    });
    document.querySelectorAll(".atlas-holders").forEach(function (list) {
      var none = list.parentElement.querySelector(".atlas-holders__none");
      var visible = list.querySelectorAll("li[data-rights]:not([hidden])").length;
      if (none) {
        none.hidden = visible > 0;
      }
    });
    status.textContent = (right.value || treaty.value) ? shown + " duties match." : "";
  }
  right.addEventListener("change", apply);
  treaty.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
}
