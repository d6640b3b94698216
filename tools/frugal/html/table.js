// Tables: sortable (click a header; again to reverse), filterable by name,
// and paginated, so a report with 100,000 rows renders one page of DOM rows
// at a time. Each table registers itself for the self-check (main.js).

var PageSize = 100;

/**
 * Adds a table to parent. spec:
 *   id:      the table's name in the self-check
 *   source:  the JSON key of the rows (the self-check compares counts)
 *   rows:    the data rows
 *   columns: [{title, value(row) -> number|string|null (sort key),
 *              text(row, value) -> string (default: value), numeric, tip,
 *              className(row, value)}]
 *   sort:    {column, descending}
 *   filter:  row -> string the filter box searches (default: no box)
 */
function makeTable(parent, spec) {
  var columns = spec.columns;
  var all = spec.rows;
  var shown = all.slice();
  var sortColumn = spec.sort ? spec.sort.column : -1;
  var descending = spec.sort ? spec.sort.descending : false;
  var page = 0;

  // Sort keys are computed once per column, not per comparison.
  function sortRows() {
    if (sortColumn < 0) return;
    var c = columns[sortColumn];
    var keyed = shown.map(function (row, i) { return [c.value(row), i, row]; });
    keyed.sort(function (a, b) {
      var x = a[0], y = b[0];
      // Missing values go last in both directions.
      var xMissing = x === null || x === undefined || (typeof x === 'number' && isNaN(x));
      var yMissing = y === null || y === undefined || (typeof y === 'number' && isNaN(y));
      if (xMissing || yMissing) return xMissing === yMissing ? a[1] - b[1] : xMissing ? 1 : -1;
      var r = typeof x === 'number' && typeof y === 'number' ? x - y
            : String(x).localeCompare(String(y));
      if (descending) r = -r;
      return r || a[1] - b[1];
    });
    shown = keyed.map(function (k) { return k[2]; });
  }

  var info = el('span', {className: 'caption'});
  var prev = el('button', {type: 'button', text: '◀ previous',
                           onclick: function () { if (page > 0) { --page; draw(); } }});
  var next = el('button', {type: 'button', text: 'next ▶', onclick: function () {
    if ((page + 1) * PageSize < shown.length) { ++page; draw(); }
  }});
  var controls = el('div', {className: 'controls'});
  if (spec.filter) {
    var box = el('input', {type: 'search', placeholder: 'filter by name (regular expression)'});
    box.addEventListener('input', function () {
      var re = null;
      try { re = new RegExp(box.value, 'i'); } catch (e) { return; }
      shown = box.value ? all.filter(function (r) { return re.test(spec.filter(r)); }) : all.slice();
      page = 0;
      sortRows();
      draw();
    });
    controls.appendChild(box);
  }
  controls.appendChild(prev);
  controls.appendChild(next);
  controls.appendChild(info);

  var thead = el('thead');
  var headRow = el('tr');
  columns.forEach(function (c, i) {
    var th = el('th', {className: c.numeric ? 'num' : null, title: c.tip || null},
                [c.title, el('span', {className: 'arrow'})]);
    th.addEventListener('click', function () {
      if (sortColumn === i) descending = !descending;
      else { sortColumn = i; descending = !!c.numeric; }
      page = 0;
      sortRows();
      draw();
    });
    headRow.appendChild(th);
  });
  thead.appendChild(headRow);
  var tbody = el('tbody');
  var table = el('table', {id: 'table-' + spec.id, 'data-rows': String(all.length)},
                 [thead, tbody]);
  parent.appendChild(controls);
  parent.appendChild(el('div', {className: 'table-wrap'}, [table]));

  function draw() {
    var first = page * PageSize;
    var rows = shown.slice(first, first + PageSize);
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var v = c.value(row);
        var text = c.text ? c.text(row, v) : v === null || v === undefined ? '—' : String(v);
        var cls = (c.numeric ? 'num' : '') + (c.className ? ' ' + (c.className(row, v) || '') : '');
        tr.appendChild(el('td', {className: cls.trim() || null,
                                 title: c.cellTip ? c.cellTip(row, v) : null}, [text]));
      });
      fragment.appendChild(tr);
    });
    tbody.textContent = '';
    tbody.appendChild(fragment);
    Array.prototype.forEach.call(headRow.children, function (th, i) {
      th.lastChild.textContent = i === sortColumn ? (descending ? ' ▼' : ' ▲') : '';
    });
    info.textContent = shown.length
        ? 'rows ' + (first + 1) + '–' + (first + rows.length) + ' of ' + shown.length +
          (shown.length !== all.length ? ' (filtered from ' + all.length + ')' : '')
        : 'no rows';
    prev.disabled = page === 0;
    next.disabled = first + PageSize >= shown.length;
  }

  sortRows();
  draw();
  Page.tables.push({id: spec.id, source: spec.source, rows: all.length,
                    rendered: function () { return tbody.children.length; }});
}
