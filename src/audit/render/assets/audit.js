// kehoach audit: sort the matrix by clicking a column header (again to
// reverse); "#sort=N" or "#sort=N-desc" in the address sorts on load.
(function () {
  var table = document.getElementById("matrix-table");
  if (!table || !table.tHead) return;
  var heads = table.tHead.rows[0].cells;
  function value(row, i, numeric) {
    var c = row.cells[i];
    var v = c ? c.getAttribute("data-sort") : "";
    if (v === null) v = c.textContent;
    return numeric ? (parseFloat(v) || 0) : String(v);
  }
  function sortBy(i, dir) {
    var body = table.tBodies[0];
    var numeric = heads[i].getAttribute("data-type") === "num";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, i, numeric), y = value(b, i, numeric);
      return dir * (numeric ? x - y : x.localeCompare(y, "vi"));
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute("aria-sort");
    heads[i].setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
  }
  function toggle(i) {
    var cur = heads[i].getAttribute("aria-sort");
    var first = heads[i].getAttribute("data-type") === "num" ? -1 : 1;
    sortBy(i, cur === "ascending" ? -1 : cur === "descending" ? 1 : first);
  }
  for (var i = 0; i < heads.length; i++) {
    (function (i) {
      heads[i].tabIndex = 0;
      heads[i].addEventListener("click", function (e) {
        if (e.target.tagName !== "A") toggle(i);
      });
      heads[i].addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(i); }
      });
    })(i);
  }
  var m = /^#sort=(\d+)(-desc)?$/.exec(location.hash);
  if (m && +m[1] < heads.length) sortBy(+m[1], m[2] ? -1 : 1);
  document.body.setAttribute("data-sortable", "ready");
})();
