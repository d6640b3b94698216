// The view of `frugal diff`'s JSON (docs/reports.md, "frugal diff"): the
// functions that explain most of the difference, as bars per variant with
// their 95 % confidence intervals where variants had repeated runs, and the
// table of every row with deltas and ratios against the baseline (the first
// variant). A difference inside the noise is marked as such.

var DiffMetrics = {
  energy_j: {title: 'exclusive energy', unit: 'J', format: fmtEnergy, scale: 1},
  exclusive_ns: {title: 'exclusive time', unit: 's', format: function (v) { return siPrefix(v, 's'); },
                 scale: 1e-9},
  inclusive_ns: {title: 'inclusive time', unit: 's', format: function (v) { return siPrefix(v, 's'); },
                 scale: 1e-9},
  calls: {title: 'calls', unit: '', format: fmtCount, scale: 1}
};

/** The figure {mean, ci95, ...} of metric in variant v of row, or null. */
function diffValue(row, v, metric) { return get(row, 'values', v, metric); }
function diffChange(row, v, metric) { return get(row, 'changes', v, metric); }

/** Whether any variant's energy is modelled, and the banner saying so. */
function diffBanner(root, data) {
  var variants = data.variants || [];
  var modelled = variants.filter(function (v) { return get(v, 'energy', 'measured') === false; });
  var withEnergy = variants.filter(function (v) { return get(v, 'energy') !== null; });
  var text;
  if (!data.domain || !withEnergy.length)
    text = 'Energy was not measured in every variant: the comparison is of time and calls.';
  else if (modelled.length)
    text = data.domain + ' energy is MODELLED, not measured, in ' +
        modelled.map(function (v) { return v.name; }).join(', ') +
        ': those figures are estimates, never measurements, and their differences ' +
        'follow the model (e.g. CPU time), not the hardware.';
  else
    text = data.domain + ' energy measured in every variant (' +
        withEnergy.map(function (v) { return v.name + ': ' + (get(v, 'energy', 'sources') || []).join(', '); })
            .join('; ') + ').';
  root.appendChild(el('div', {id: 'energy-banner', className: 'banner' + (modelled.length ? ' modelled' : ''),
                              text: text}));
  return modelled.length > 0;
}

/** "1.23 J ± 0.04" for a {mean, ci95} figure. */
function meanText(figure, metric) {
  if (!figure || num(figure.mean) === null) return '—';
  var m = DiffMetrics[metric];
  var text = m.format(figure.mean * m.scale);
  if (num(figure.ci95) !== null) text += ' ± ' + m.format(figure.ci95 * m.scale);
  return text;
}

/** "+12.3 % (1.12×)", "within noise" marked, for a change against the baseline. */
function changeText(change, metric) {
  if (!change || num(change.delta) === null) return '—';
  var m = DiffMetrics[metric];
  var text = (change.delta > 0 ? '+' : '') + m.format(change.delta * m.scale);
  if (num(change.ratio) !== null) text += ' (' + fmtRatio(change.ratio) + ')';
  if (change.significant === false) text += ' ~noise';
  return text;
}

function renderDiff(root, data, title) {
  root.appendChild(el('h1', {text: title}));
  var variants = data.variants || [];
  variants.forEach(function (v, i) {
    var profiles = v.profiles || [];
    root.appendChild(el('p', {className: 'meta'}, [
      (i === 0 ? 'baseline ' : 'variant ') , el('code', {text: v.name}),
      ': ' + (v.runs || profiles.length) + ' run' + ((v.runs || profiles.length) === 1 ? '' : 's') +
      (profiles.length ? ' (' + profiles.join(', ') + ')' : '')]));
  });
  if (data.generator) root.appendChild(el('p', {className: 'meta'}, ['written by ', el('code', {text: data.generator})]));
  var modelled = diffBanner(root, data);
  (data.warnings || []).forEach(function (w) {
    root.appendChild(el('p', {className: 'banner', text: 'warning: ' + w}));
  });

  var rows = data.rows || [];
  var energyMetric = data.domain ? 'energy_j' : null;
  var energyLabel = data.domain ? data.domain + ' energy' + (modelled ? ' (MODELLED)' : '') : null;
  var confidence = num(data.confidence_percent) !== null ? data.confidence_percent + ' %'
                 : num(data.confidence) !== null ? Math.round(data.confidence * 100) + ' %' : '95 %';

  // One comparison chart per metric that matters: energy (when measured
  // or modelled) and exclusive time.
  var metrics = (energyMetric ? [energyMetric] : []).concat(['exclusive_ns']);
  metrics.forEach(function (metric) {
    var m = DiffMetrics[metric];
    var name = metric === 'energy_j' ? 'exclusive ' + energyLabel : m.title;
    var chartTitle = 'Per function: ' + name + ' in each variant';
    section(root, chartTitle, 'The ' + Math.min(rows.length, 15) + ' rows that explain most of the difference' +
            ' (in the order of the table); error bars: ' + confidence + ' confidence intervals of the mean' +
            ' where a variant had repeated runs.');
    var shown = rows.filter(function (r) {
      return variants.some(function (v, i) { return num(get(diffValue(r, i, metric), 'mean')) !== null; });
    }).slice(0, 15);
    var id = 'diff-' + metric;
    if (!shown.length) { skipChart(root, id, chartTitle, 'no row has this figure'); return; }
    var series = variants.map(function (v, i) {
      var values = [], low = [], high = [], anyCI = false;
      shown.forEach(function (r) {
        var f = diffValue(r, i, metric);
        var mean = num(get(f, 'mean')), ci = num(get(f, 'ci95'));
        values.push(mean === null ? null : mean * m.scale);
        low.push(mean !== null && ci !== null ? (mean - ci) * m.scale : null);
        high.push(mean !== null && ci !== null ? (mean + ci) * m.scale : null);
        anyCI = anyCI || ci !== null;
      });
      return {name: v.name, values: values, low: anyCI ? low : null, high: anyCI ? high : null};
    });
    addChart(root, id, groupedBarOption(shown.map(function (r) { return r.name; }), series,
                                        {name: name + (m.unit ? ' (' + m.unit + ')' : ''), format: m.format}),
             380);
  });

  // The total, then every row.
  var total = data.total;
  if (total) {
    var parts = variants.map(function (v, i) {
      return v.name + ': ' + meanText(diffValue(total, i, energyMetric || 'exclusive_ns'), energyMetric || 'exclusive_ns') +
             (i ? ' [' + changeText(diffChange(total, i, energyMetric || 'exclusive_ns'), energyMetric || 'exclusive_ns') + ']' : '');
    });
    section(root, 'Total ' + (energyMetric ? energyLabel : 'exclusive time'), parts.join(';  '));
  }
  section(root, 'Every function and region', rows.length + ' rows' +
          (num(data.rows_total) !== null && data.rows_total !== rows.length ? ' of ' + data.rows_total : '') +
          ', in the order of the largest change first; "~noise": the change is inside the ' + confidence +
          ' confidence interval. Click a header to sort.');
  var columns = [
    {title: 'kind', value: function (r) { return r.kind || ''; }},
    {title: 'name', value: function (r) { return r.name; }, className: function () { return 'name'; },
     cellTip: function (r) { return r.name; }}];
  var tableMetrics = (energyMetric ? [energyMetric] : []).concat(['exclusive_ns', 'calls']);
  tableMetrics.forEach(function (metric) {
    var m = DiffMetrics[metric];
    var label = metric === 'energy_j' ? energyLabel : m.title;
    variants.forEach(function (v, i) {
      columns.push({title: label + ': ' + v.name, numeric: true,
                    className: metric === 'energy_j' && modelled ? function () { return 'modelled'; } : null,
                    value: function (r) { return num(get(diffValue(r, i, metric), 'mean')); },
                    text: function (r) { return meanText(diffValue(r, i, metric), metric); }});
      if (i === 0) return;
      columns.push({title: 'Δ ' + label + ': ' + v.name, numeric: true,
                    value: function (r) { return num(get(diffChange(r, i, metric), 'delta')); },
                    text: function (r) { return changeText(diffChange(r, i, metric), metric); },
                    className: function (r) {
                      return get(diffChange(r, i, metric), 'significant') === false ? 'noise' : '';
                    }});
    });
  });
  makeTable(root, {id: 'rows', source: 'rows', rows: rows, columns: columns,
                   filter: function (r) { return r.name; }});
}
