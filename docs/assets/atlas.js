// Sortable record tables (material's instant navigation swaps pages: re-run on each).
document$.subscribe(function () {
  document.querySelectorAll("table.atlas-sortable").forEach(function (table) {
    if (!table.dataset.sortable) {
      new Tablesort(table);
      table.dataset.sortable = "yes";
    }
  });
});
