(function () {
  "use strict";
  var table = document.getElementById("propositions");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  form.hidden = false;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = document.getElementById("shown");
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = selects.every(function (select) {
        if (!select.value) { return true; }
        var values = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split("\n");
        return values.indexOf(select.value) >= 0;
      });
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    status.textContent = shown + " of " + rows.length + " propositions shown";
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (cell, column) {
    if (!cell.hasAttribute("data-sort")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = cell.textContent;
    cell.textContent = "";
    cell.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = cell.getAttribute("data-sort") === "number";
      function key(row) {
        var target = row.cells[column];
        var value = target.getAttribute("data-value");
        return value === null ? target.textContent.trim().toLowerCase() : value;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === "" || y === "") { return x === y ? 0 : (x === "" ? 1 : -1); }
        var order = numeric ? Number(x) - Number(y) : (x < y ? -1 : (x > y ? 1 : 0));
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
