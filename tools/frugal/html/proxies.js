// The view of `frugal proxies`' JSON (docs/reports.md, "frugal proxies"):
// exclusive energy against each proxy that was evaluated (one point per
// function of each profile, coloured by profile, with the fitted line), the
// statistics of every proxy, and the non-negative model from all of them.
// Modelled energy makes the analysis circular: the banner says so first.

function proxyUnitFormat(unit) {
  if (unit === 's') return function (v) { return siPrefix(v, 's'); };
  if (unit === 'B') return fmtBytes;
  if (unit === 'J') return fmtEnergy;
  return fmtCount;
}

function renderProxies(root, data, title) {
  root.appendChild(el('h1', {text: title}));
  var profiles = data.profiles || [];
  profiles.forEach(function (p) {
    root.appendChild(el('p', {className: 'meta'}, ['profile ', el('code', {text: p.path}),
      ': ' + (num(p.observations) !== null ? p.observations + ' functions, ' : '') +
      'energy from ' + (p.energy_source || '?') + (p.energy_measured === false ? ' (MODELLED)' : ' (measured)')]));
  });
  root.appendChild(el('p', {className: 'meta'}, ['static estimates ', el('code', {text: data.static || 'none'})]));
  if (data.target) root.appendChild(el('p', {className: 'meta'}, ['target ', el('code', {text: data.target})]));

  var modelled = data.energy === 'modelled' || data.energy === 'mixed' || data.circular === true ||
      profiles.some(function (p) { return p.energy_measured === false; });
  var bannerText = modelled
      ? 'Energy is MODELLED, not measured' + (data.energy === 'mixed' ? ' in some profiles' : '') +
        ': ' + (data.warning || 'the analysis is circular, since the model derives energy from time.')
      : data.domain + ' energy measured in every profile.';
  root.appendChild(el('div', {id: 'energy-banner', className: 'banner' + (modelled ? ' modelled' : ''),
                              text: bannerText}));

  var energyLabel = 'exclusive ' + (data.domain || '') + ' energy' + (modelled ? ' (MODELLED)' : '');
  var proxies = data.proxies || [];
  var points = data.points || [];
  var manyProfiles = profiles.length > 1;

  section(root, energyLabel.charAt(0).toUpperCase() + energyLabel.slice(1) + ' against each proxy',
          'One point per function of each profile' + (manyProfiles ? ', coloured by profile' : '') +
          '; dashed: the fitted linear model (on linear axes); log axes where values span more than two decades.');
  var grid = el('div', {className: 'grid'});
  var left = el('div');
  root.appendChild(grid);
  root.appendChild(left);
  proxies.forEach(function (p) {
    var id = 'scatter-' + p.name;
    var chartTitle = 'energy vs ' + (p.label || p.name);
    if (p.skipped) { skipChart(left, id, chartTitle, p.skipped); return; }
    var pts = [];
    points.forEach(function (o) {
      var x = num(get(o, 'values', p.name)), y = num(o.energy_j);
      if (x !== null && y !== null)
        pts.push({x: x, y: y, name: o['function'], group: manyProfiles ? o.profile : undefined});
    });
    if (pts.length < 2) {
      skipChart(left, id, chartTitle, pts.length + ' point' + (pts.length === 1 ? '' : 's') + '; a plot needs 2');
      return;
    }
    var cell = el('div');
    grid.appendChild(cell);
    var unit = p.unit && p.unit !== 'count' && p.unit !== 'unit' ? ' (' + p.unit + ')' : '';
    addChart(cell, id, scatterOption(energyLabel + ' vs ' + (p.label || p.name), pts, {
      x: {name: (p.label || p.name) + unit, format: proxyUnitFormat(p.unit)},
      y: {name: energyLabel + ' (J)', format: fmtEnergy}},
      {slope: p.slope_j_per_unit, intercept: p.intercept_j}));
  });

  section(root, 'How well each proxy predicts energy',
          'Pearson r and Spearman ρ over the functions that have the proxy; R² of the linear fit; LOO MAPE: ' +
          'mean absolute percentage error of that fit, leaving each function out in turn.' +
          (modelled ? ' The energy is MODELLED: these figures measure the model, not the hardware.' : ''));
  var fixed = function (digits) {
    return function (r, v) { return v === null ? '—' : v.toFixed(digits); };
  };
  makeTable(root, {id: 'proxies', source: 'proxies', rows: proxies, columns: [
    {title: 'proxy', value: function (p) { return p.label || p.name; }},
    {title: 'key', value: function (p) { return p.name; }},
    {title: 'source', value: function (p) { return p['static'] ? 'static' : 'profile'; }},
    {title: 'n', numeric: true, value: function (p) { return num(p.n); }},
    {title: 'Pearson r', numeric: true, value: function (p) { return num(p.pearson_r); }, text: fixed(3)},
    {title: 'Spearman ρ', numeric: true, value: function (p) { return num(p.spearman_rho); }, text: fixed(3)},
    {title: 'R²', numeric: true, value: function (p) { return num(p.r2); }, text: fixed(3)},
    {title: 'LOO MAPE', numeric: true, value: function (p) { return num(p.loo_mape); },
     text: function (p, v) { return v === null ? '—' : fmtPercent(100 * v); }},
    {title: 'slope (J/unit)', numeric: true, value: function (p) { return num(p.slope_j_per_unit); },
     text: function (p, v) { return fmtPlain(v); }},
    {title: 'intercept', numeric: true, value: function (p) { return num(p.intercept_j); },
     text: function (p, v) { return fmtEnergy(v); }},
    {title: 'model coef. (J/unit)', numeric: true, value: function (p) { return num(p.model_coefficient_j_per_unit); },
     text: function (p, v) { return fmtPlain(v); }},
    {title: 'skipped', value: function (p) { return p.skipped || ''; }}]});

  var model = data.model || {};
  section(root, 'Non-negative model of energy from all proxies', model.missing
      ? 'No model: ' + model.missing
      : 'energy ≈ ' + (model.terms || []).map(function (t) {
          return fmtPlain(num(t.coefficient_j_per_unit)) + ' J/' + (t.unit || 'unit') + ' × ' + t.name;
        }).join(' + ') + ' (no intercept); R² ' + (num(model.r2) === null ? '—' : model.r2.toFixed(3)) +
        ', LOO MAPE ' + (num(model.loo_mape) === null ? '—' : fmtPercent(100 * model.loo_mape)) +
        (model.left_out && model.left_out.length
           ? '. Left out: ' + model.left_out.map(function (l) { return l.name + ' (' + l.reason + ')'; }).join(', ')
           : '') + '.');
}
