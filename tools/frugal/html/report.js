// The view of `frugal report`'s JSON (docs/reports.md, "frugal report"): an
// energy flame graph of the calling-context tree, the top functions by
// energy with their time beside them, energy against each proxy, and the
// sortable table of every row. Fields a report lacks (no energy, no static
// estimates, no counters) leave their charts out, each with the reason.

/** The energy domains of a report or profile summary, and what they are. */
function energyDomains(data) {
  var domains = get(data, 'energy', 'domains') || [];
  // Tolerate {name: {...}} as well as [{name, ...}].
  if (!Array.isArray(domains))
    domains = Object.keys(domains).map(function (k) {
      return Object.assign({name: k}, domains[k]);
    });
  return domains;
}

function isModelled(domain) { return !!domain && domain.measured === false; }

/** "package energy (MODELLED)": every energy label says how it was got. */
function energyName(domain) {
  return domain.name + ' energy' + (isModelled(domain) ? ' (MODELLED)' : '');
}

/** The banner on how energy was obtained; loud when any of it is modelled. */
function energyBanner(parent, data, domains) {
  var status = get(data, 'energy', 'status') || (domains.length ? 'measured' : 'not-measured');
  var modelled = domains.filter(isModelled);
  var text;
  if (!domains.length || status === 'not-measured') {
    text = 'Energy was not measured: the charts and the table show time and counts only.';
  } else if (modelled.length) {
    text = 'Energy is MODELLED, not measured, for ' +
        modelled.map(function (d) {
          return d.name + (d.source ? ' (source: ' + d.source + ')' : '');
        }).join(', ') +
        ': those figures are estimates (e.g. CPU time × a power per core), ' +
        'never measurements, and are labelled MODELLED wherever they appear.';
    var measured = domains.filter(function (d) { return !isModelled(d); });
    if (measured.length)
      text += ' Measured: ' + measured.map(function (d) { return d.name; }).join(', ') + '.';
  } else {
    text = 'Energy measured: ' + domains.map(function (d) {
      return d.name + (d.source ? ' (' + d.source + ')' : '');
    }).join(', ') + '.';
  }
  parent.appendChild(el('div', {id: 'energy-banner',
                                className: 'banner' + (modelled.length ? ' modelled' : ''),
                                'data-status': status, text: text}));
}

/** The page's heading: what was run, and where the data came from. */
function reportHeader(parent, title, data) {
  parent.appendChild(el('h1', {text: title}));
  var profile = data.profile || {};
  var lines = [];
  if (profile.path) lines.push(['profile ', profile.path]);
  if (profile.executable) lines.push(['executable ', profile.executable]);
  if (profile.argv && profile.argv.length) lines.push(['command ', profile.argv.join(' ')]);
  if (num(profile.wall_ns) !== null) lines.push(['wall time ', fmtDuration(profile.wall_ns)]);
  var staticSource = get(data, 'static', 'source');
  lines.push(['static estimates ', staticSource || 'none']);
  if (data.generator) lines.push(['written by ', data.generator]);
  lines.forEach(function (l) {
    parent.appendChild(el('p', {className: 'meta'}, [l[0], el('code', {text: String(l[1])})]));
  });
}

function energyOf(row, domain, which) {
  return domain ? num(get(row, 'energy_j', domain.name, which)) : null;
}

/** power_w.D is a number, or {mean, ...} as in profiles. */
function powerOf(row, domain) {
  if (!domain) return null;
  var p = get(row, 'power_w', domain.name);
  return num(p) !== null ? p : num(get(p, 'mean'));
}

/** A static estimate's value: its total, or per call (a number), or null. */
function staticFigure(row, key, which) { return num(get(row, 'static', key, which)); }

function rowLocation(row) {
  return row.file ? row.file + (row.line ? ':' + row.line : '') : '';
}

function rowStatus(row) {
  var parts = [];
  if (row.instrumented === false || row.filter_reason)
    parts.push('not instrumented' + (row.filter_reason ? ' (' + row.filter_reason + ')' : ''));
  if (row.in_profile === false) parts.push('static only');
  if (row.in_static === false && row.kind !== 'region') parts.push('no static estimate');
  return parts.join('; ');
}

/** The table's columns for domain (null: no energy) and the counted events. */
function reportColumns(domain, events) {
  var cols = [
    {title: 'kind', value: function (r) { return r.kind || ''; }},
    {title: 'name', value: function (r) { return r.name; }, className: function () { return 'name'; },
     cellTip: function (r) { return r.name; }},
    {title: 'file:line', value: rowLocation},
    {title: 'calls', numeric: true, value: function (r) { return num(r.calls); }, text: function (r, v) { return fmtCount(v); }},
    {title: 'time incl', numeric: true, value: function (r) { return num(get(r, 'time_ns', 'inclusive')); },
     text: function (r, v) { return fmtDuration(v); }},
    {title: 'time excl', numeric: true, value: function (r) { return num(get(r, 'time_ns', 'exclusive')); },
     text: function (r, v) { return fmtDuration(v); }}
  ];
  if (domain) {
    var tag = ' (' + domain.name + (isModelled(domain) ? ', MODELLED' : '') + ')';
    var tip = isModelled(domain) ? 'modelled: an estimate, not a measurement' : 'measured';
    var mark = function () { return isModelled(domain) ? 'modelled' : ''; };
    cols.push(
      {title: 'energy excl' + tag, numeric: true, tip: tip, className: mark,
       value: function (r) { return energyOf(r, domain, 'exclusive'); }, text: function (r, v) { return fmtEnergy(v); }},
      {title: 'energy incl' + tag, numeric: true, tip: tip, className: mark,
       value: function (r) { return energyOf(r, domain, 'inclusive'); }, text: function (r, v) { return fmtEnergy(v); }},
      {title: 'power' + tag, numeric: true, tip: tip, className: mark,
       value: function (r) { return powerOf(r, domain); }, text: function (r, v) { return fmtPower(v); }},
      {title: 'energy/call' + tag, numeric: true, tip: tip, className: mark,
       value: function (r) { return num(get(r, 'energy_per_call_j', domain.name)); },
       text: function (r, v) { return fmtEnergy(v); }},
      {title: 'J/flop' + tag, numeric: true, tip: tip, className: mark,
       value: function (r) { return num(get(r, 'j_per_flop', domain.name)); },
       text: function (r, v) { return fmtEnergy(v); }});
  }
  events.forEach(function (e) {
    cols.push({title: e + ' excl', numeric: true,
               value: function (r) { return num(get(r, 'counters', e, 'exclusive')); },
               text: function (r, v) { return fmtCount(v); }});
  });
  cols.push(
    {title: 'alloc', numeric: true, tip: 'bytes allocated',
     value: function (r) { return num(r.alloc_bytes); }, text: function (r, v) { return fmtBytes(v); }},
    {title: 'complexity', value: function (r) { return get(r, 'static', 'big_o'); },
     cellTip: function (r) { return get(r, 'static', 'confidence') || null; }},
    {title: 'flops total', numeric: true, value: function (r) { return staticFigure(r, 'flops', 'total'); },
     text: function (r, v) { return v !== null ? fmtCount(v) : get(r, 'static', 'flops', 'expr') || '—'; }},
    {title: 'flops/call', numeric: true, value: function (r) { return staticFigure(r, 'flops', 'per_call'); },
     text: function (r, v) { return fmtCount(v); }},
    {title: 'bytes touched', numeric: true, value: function (r) { return staticFigure(r, 'bytes_touched', 'total'); },
     text: function (r, v) { return v !== null ? fmtBytes(v) : get(r, 'static', 'bytes_touched', 'expr') || '—'; }},
    {title: 'arith. intensity', numeric: true, tip: 'flops per byte touched',
     value: function (r) { return num(get(r, 'static', 'arithmetic_intensity')); },
     text: function (r, v) {
       var ai = get(r, 'static', 'arithmetic_intensity');
       return v !== null ? fmtPlain(v) : ai === null ? '—' : String(ai);
     }},
    {title: 'cyclomatic', numeric: true, value: function (r) { return num(get(r, 'static', 'cyclomatic')); },
     text: function (r, v) { return fmtPlain(v); }},
    {title: 'stack', numeric: true, value: function (r) { return staticFigure(r, 'stack_bytes', 'max'); },
     text: function (r, v) { return fmtBytes(v); }, tip: 'static estimate of the stack frame, bytes'},
    {title: 'status', value: rowStatus});
  return cols;
}

/** The proxies energy is plotted against: [{id, name, value(row), format}]. */
function reportProxies(events) {
  var proxies = [{id: 'time', name: 'exclusive time (s)',
                  value: function (r) { var t = num(get(r, 'time_ns', 'exclusive')); return t === null ? null : t / 1e9; },
                  format: function (v) { return siPrefix(v, 's'); }}];
  events.forEach(function (e) {
    proxies.push({id: 'counter-' + e, name: 'exclusive ' + e,
                  value: function (r) { return num(get(r, 'counters', e, 'exclusive')); }, format: fmtCount});
  });
  proxies.push(
    // The body's own work (ops.self) over all calls, as the energy plotted
    // is exclusive: the callees' work and energy are both left out.
    {id: 'flops', name: 'static flops, own (total)', value: function (r) { return staticFigure(r, 'self_flops', 'total'); },
     format: fmtCount},
    {id: 'bytes-touched', name: 'static bytes loaded+stored, own (total)',
     value: function (r) { return staticFigure(r, 'self_bytes', 'total'); }, format: fmtBytes},
    {id: 'alloc', name: 'bytes allocated', value: function (r) { return num(r.alloc_bytes); }, format: fmtBytes},
    {id: 'cyclomatic', name: 'cyclomatic complexity',
     value: function (r) { return num(get(r, 'static', 'cyclomatic')); }, format: fmtPlain});
  return proxies;
}

function renderReport(root, data, title) {
  reportHeader(root, title, data);
  var domains = energyDomains(data);
  energyBanner(root, data, domains);
  var events = (data.events || []).map(function (e) { return typeof e === 'string' ? e : e.name; });
  var body = el('div', {id: 'report-body'});
  var domain = domains.filter(function (d) { return d.name === 'package'; })[0] || domains[0] || null;
  if (domains.length > 1) {
    var select = el('select', {id: 'domain-select'}, domains.map(function (d) {
      return el('option', {value: d.name, text: energyName(d)});
    }));
    select.value = domain.name;
    select.addEventListener('change', function () {
      domain = domains.filter(function (d) { return d.name === select.value; })[0];
      Page.charts.forEach(function (c) { c.chart.dispose(); });
      Page.charts = []; Page.tables = []; Page.skipped = [];
      body.textContent = '';
      drawReportBody(body, data, domain, events);
    });
    root.appendChild(el('div', {className: 'controls'}, ['energy domain of the charts and table: ', select]));
  }
  root.appendChild(body);
  drawReportBody(body, data, domain, events);
}

function drawReportBody(body, data, domain, events) {
  var rows = data.rows || [];
  var measuredRows = rows.filter(function (r) { return r.in_profile !== false; });
  var energyAxis = domain ? energyName(domain) : null;

  // The flame graph.
  var nodes = get(data, 'tree', 'nodes') || [];
  var byEnergy = !!domain && nodes.some(function (n) { return get(n, 'energy_j', domain.name) !== null; });
  var flameTitle = byEnergy ? 'Energy flame graph: ' + energyAxis : 'Time flame graph (energy not measured)';
  section(body, flameTitle, 'The calling-context tree, root on top: a frame\'s width is its ' +
          (byEnergy ? 'inclusive ' + energyAxis : 'inclusive time') + ' (its own and its callees\').');
  if (!nodes.length) {
    skipChart(body, 'flame', flameTitle, 'the report has no calling-context tree');
  } else {
    var flameNodes = nodes.map(function (n) {
      return {id: n.id, parent: n.parent, name: n.parent === null || n.parent === undefined ? 'all' : n.name,
              region: n.kind === 'region' || /^\[region\] /.test(n.name)};
    });
    addFlameGraph(body, 'flame', flameNodes, function (i) {
      return byEnergy ? num(get(nodes[i], 'energy_j', domain.name, 'exclusive'))
                      : num(get(nodes[i], 'time_ns', 'exclusive'));
    }, function (i, name, inclusive, share) {
      var lines = [el('b', {text: name}).outerHTML,
                   (byEnergy ? energyAxis + ' incl: ' + fmtEnergy(inclusive) : 'time incl: ' + fmtDuration(inclusive)) +
                   ' (' + share.toFixed(1) + ' % of the frames shown)'];
      if (i >= 0) {
        if (byEnergy) lines.push('time incl: ' + fmtDuration(num(get(nodes[i], 'time_ns', 'inclusive'))));
        if (num(nodes[i].calls) !== null) lines.push('calls: ' + fmtCount(nodes[i].calls));
      }
      return lines.join('<br>');
    }, 0.0005);
  }

  // Top functions by energy, time beside.
  var topTitle = domain ? 'Top functions by exclusive ' + energyAxis + ', with their time'
                        : 'Top functions by exclusive time (energy not measured)';
  section(body, topTitle, null);
  var key = domain ? function (r) { return energyOf(r, domain, 'exclusive'); }
                   : function (r) { return num(get(r, 'time_ns', 'exclusive')); };
  var top = measuredRows.filter(function (r) { return key(r) !== null && key(r) > 0; })
      .sort(function (a, b) { return key(b) - key(a); }).slice(0, 20);
  if (!top.length) {
    skipChart(body, 'top', topTitle, 'no function has a non-zero figure');
  } else {
    var series = [], axes = [];
    if (domain) {
      series.push({name: 'exclusive ' + energyAxis, axis: 0, format: fmtEnergy});
      axes.push({name: 'exclusive ' + energyAxis + ' (J)', format: function (v) { return siPrefix(v, 'J'); }});
    }
    series.push({name: 'exclusive time', axis: axes.length, format: function (v) { return siPrefix(v, 's'); }});
    axes.push({name: 'exclusive time (s)', format: function (v) { return siPrefix(v, 's'); }});
    var items = top.map(function (r) {
      var values = domain ? [energyOf(r, domain, 'exclusive')] : [];
      values.push(num(get(r, 'time_ns', 'exclusive')) / 1e9);
      return {name: r.name, values: values};
    });
    addChart(body, 'top', barOption(items, series, axes), Math.max(260, 60 + 26 * items.length));
  }

  // Energy against each proxy.
  section(body, domain ? 'Exclusive ' + energyAxis + ' against each proxy'
                       : 'Energy against each proxy',
          'One point per function or region; log axes where the values span more than two decades.');
  var grid = el('div', {className: 'grid'});
  var left = el('div');
  body.appendChild(grid);
  body.appendChild(left);
  reportProxies(events).forEach(function (p) {
    var id = 'scatter-' + p.id;
    var title = 'energy vs ' + p.name;
    if (!domain) { skipChart(left, id, title, 'energy was not measured'); return; }
    var points = [];
    measuredRows.forEach(function (r) {
      var x = p.value(r), y = energyOf(r, domain, 'exclusive');
      if (x !== null && y !== null) points.push({x: x, y: y, name: r.name});
    });
    if (points.length < 2) {
      skipChart(left, id, title, points.length + ' function' + (points.length === 1 ? ' has' : 's have') +
                ' both figures; a plot needs 2');
      return;
    }
    var cell = el('div');
    grid.appendChild(cell);
    addChart(cell, id, scatterOption(energyAxis + ' vs ' + p.name, points, {
      x: {name: p.name, format: p.format},
      y: {name: 'exclusive ' + energyAxis + ' (J)', format: fmtEnergy}}));
  });

  // Every row.
  section(body, 'Functions and regions', rows.length + ' rows; click a header to sort, again to reverse.' +
          (domain && isModelled(domain) ? ' Energy columns marked MODELLED are estimates.' : ''));
  var columns = reportColumns(domain, events);
  var sortIndex = columns.findIndex(function (c) { return c.title.indexOf(domain ? 'energy excl' : 'time excl') === 0; });
  makeTable(body, {id: 'rows', source: 'rows', rows: rows, columns: columns,
                   sort: {column: sortIndex, descending: true},
                   filter: function (r) { return r.name + ' ' + rowLocation(r); }});
}
