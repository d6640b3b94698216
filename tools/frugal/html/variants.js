// The view of `frugal variants`' JSON (docs/reports.md, "frugal variants"):
// "as well with less". The metric (accuracy) against inference energy per
// 1000 items and against training energy, one labelled point per variant,
// with the Pareto front drawn as a step line; the two energies side by side
// per variant; and the table of every figure. Variants on a front are
// highlighted; modelled energy is labelled MODELLED everywhere.

/** A metric as the program recorded it: whole numbers in full, else 4 digits. */
function fmtMetric(x) {
  if (num(x) === null) return '—';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/** The inference figure the table and charts show: per 1000 items, or the whole region. */
function inferenceEnergy(data, v) {
  return num(get(v, 'inference', data.inference_per_1k ? 'energy_j_per_1k' : 'energy_j'));
}
function inferenceTime(data, v) {
  return num(get(v, 'inference', data.inference_per_1k ? 'time_ns_per_1k' : 'time_ns'));
}

/** Whether any variant's energy is modelled, and the banner saying so. */
function variantsBanner(root, data) {
  var variants = data.variants || [];
  var modelled = variants.filter(function (v) { return v.energy_measured === false; });
  var measured = variants.filter(function (v) { return v.energy_measured === true; });
  var text;
  if (!data.domain)
    text = 'Energy was not measured in any profile: the comparison is of the metric and time.';
  else if (modelled.length && measured.length)
    text = data.domain + ' energy is MODELLED, not measured, in ' +
        modelled.map(function (v) { return v.name; }).join(', ') + ' but measured in ' +
        measured.map(function (v) { return v.name; }).join(', ') +
        ': those figures are not comparable, and the modelled ones are estimates from CPU time.';
  else if (modelled.length)
    text = data.domain + ' energy is MODELLED from CPU time, not measured (no readable RAPL ' +
        'counter; see docs/energy.md): the figures are estimates that follow CPU time, not the ' +
        'hardware, and so does the front.';
  else
    text = data.domain + ' energy measured in every variant (' +
        measured.map(function (v) { return v.name + ': ' + (v.energy_source || '?'); }).join('; ') + ').';
  root.appendChild(el('div', {id: 'energy-banner', className: 'banner' + (modelled.length ? ' modelled' : ''),
                              text: text}));
  return modelled.length > 0;
}

/**
 * The metric (y) against one energy (x): points [{name, x, y, front, count}]
 * (count: the variants sharing the point), each labelled with its
 * variants, the front's points highlighted and joined by
 * a step line (the best metric reachable for a given energy). Log x where
 * the energies span more than 10×.
 */
function tradeoffOption(title, points, axes) {
  var xs = points.map(function (p) { return p.x; });
  var logX = xs.every(function (x) { return x > 0; }) &&
             Math.max.apply(null, xs) / Math.min.apply(null, xs) > 10;
  var front = points.filter(function (p) { return p.front; })
      .sort(function (a, b) { return a.x - b.x || a.y - b.y; });
  var others = points.filter(function (p) { return !p.front; });
  function count(ps) { return ps.reduce(function (n, p) { return n + p.count; }, 0); }
  function item(p) { return {name: p.name, value: [p.x, p.y]}; }
  var label = {show: true, position: 'right', formatter: function (p) { return p.name; },
               fontSize: 11};
  // Room around the points, so that none sits on an edge under its label.
  function pad(log) {
    return {min: function (r) { return log ? r.min / 1.6 : r.min - (r.max - r.min || Math.abs(r.min) || 1) * 0.08; },
            max: function (r) { return log ? r.max * 1.6 : r.max + (r.max - r.min || Math.abs(r.max) || 1) * 0.08; }};
  }
  var padX = pad(logX), padY = pad(false);
  var series = [];
  if (front.length)
    series.push({type: 'line', name: 'Pareto front', step: 'end', symbol: 'none', silent: true,
                 z: 1, itemStyle: {color: '#b5452b'}, lineStyle: {color: '#b5452b', width: 1.5, type: 'dashed'},
                 tooltip: {show: false}, data: front.map(function (p) { return [p.x, p.y]; })});
  if (front.length)
    series.push({type: 'scatter', name: 'on the front', symbolSize: 11, z: 3,
                 itemStyle: {color: '#b5452b'}, label: label, data: front.map(item)});
  if (others.length)
    series.push({type: 'scatter', name: 'dominated', symbolSize: 8, z: 2,
                 itemStyle: {color: '#8a93a0'}, label: label, data: others.map(item)});
  return {
    title: {text: title, left: 'center', textStyle: {fontSize: 13},
            subtext: count(front) + ' of ' + count(points) + ' variants on the front'},
    legend: {bottom: 0},
    tooltip: {trigger: 'item', formatter: function (p) {
      var pt = p.data;
      return el('b', {text: pt.name}).outerHTML + '<br>' + axes.y.name + ': ' + axes.y.format(pt.value[1]) +
             '<br>' + axes.x.name + ': ' + axes.x.format(pt.value[0]);
    }},
    grid: {left: 70, right: 90, top: 60, bottom: 64},
    xAxis: {type: logX ? 'log' : 'value', name: axes.x.name + (logX ? ' (log)' : ''),
            nameLocation: 'middle', nameGap: 30, scale: !logX, min: padX.min, max: padX.max,
            axisLabel: {formatter: axes.x.format, hideOverlap: true, showMinLabel: false, showMaxLabel: false}},
    yAxis: {type: 'value', name: axes.y.name, nameLocation: 'middle', nameGap: 52, scale: true,
            min: padY.min, max: padY.max,
            axisLabel: {formatter: axes.y.format, showMinLabel: false, showMaxLabel: false}},
    series: series
  };
}

/** Training and inference energy per variant, each bar on its own axis (their units differ). */
function energyBarsOption(names, series) {
  return {
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: function (ps) {
      var c = ps[0].dataIndex;
      return [el('b', {text: names[c]}).outerHTML].concat(series.map(function (s) {
        return s.name + ': ' + fmtEnergy(s.values[c]);
      })).join('<br>');
    }},
    legend: {top: 0},
    grid: {left: 72, right: 72, top: 40, bottom: names.length > 6 ? 90 : 40},
    xAxis: {type: 'category', data: names.map(function (n) { return shortName(n, 24); }),
            axisLabel: {rotate: names.length > 6 ? 30 : 0, interval: 0}},
    yAxis: series.map(function (s, i) {
      return {type: 'value', name: s.axis, nameLocation: 'middle', nameGap: 56,
              position: i === 0 ? 'left' : 'right', splitLine: {show: i === 0},
              axisLabel: {formatter: fmtEnergy}};
    }),
    series: series.map(function (s, i) {
      return {type: 'bar', name: s.name, yAxisIndex: i, data: s.values, barGap: '10%'};
    })
  };
}

function renderVariants(root, data, title) {
  root.appendChild(el('h1', {text: title}));
  var variants = data.variants || [];
  variants.forEach(function (v) {
    var profiles = v.profiles || [];
    root.appendChild(el('p', {className: 'meta'}, ['variant ', el('code', {text: v.name}),
      ': ' + profiles.length + ' run' + (profiles.length === 1 ? '' : 's') +
      (profiles.length ? ' (' + profiles.join(', ') + ')' : '')]));
  });
  root.appendChild(el('p', {className: 'meta'}, ['static estimates ', el('code', {text: data['static'] || 'none'})]));
  if (data.generator) root.appendChild(el('p', {className: 'meta'}, ['written by ', el('code', {text: data.generator})]));
  var modelled = variantsBanner(root, data);
  (data.warnings || []).forEach(function (w) {
    root.appendChild(el('p', {className: 'banner', text: 'warning: ' + w}));
  });
  (data.notes || []).forEach(function (n) { root.appendChild(el('p', {className: 'caption', text: 'note: ' + n})); });

  var mark = modelled ? ' (MODELLED)' : '';
  var unitMark = modelled ? ' (J, MODELLED)' : ' (J)';
  var domain = data.domain || '';
  var unit = data.items_unit || 'items';
  var metric = data.metric;
  var inferenceLabel = data.inference_per_1k
      ? domain + ' energy per 1000 ' + unit + ' of ' + data.inference_region
      : domain + ' energy of region ' + data.inference_region;
  var trainingLabel = domain + ' energy of region ' + data.training_region;

  section(root, (metric || 'The metric') + ' against energy: as well with less',
          'One point per variant. On the front (highlighted, joined by the dashed step line): no other ' +
          'variant has as high a ' + (metric || 'metric') + ' for less energy. Higher is better; log x where ' +
          'the energies span more than 10×.');
  var grid = el('div', {className: 'grid'});
  var left = el('div');
  root.appendChild(grid);
  root.appendChild(left);
  [{id: 'variants-inference', key: 'inference', label: inferenceLabel,
    energy: function (v) { return inferenceEnergy(data, v); }},
   {id: 'variants-training', key: 'training', label: trainingLabel,
    energy: function (v) { return num(get(v, 'training', 'energy_j')); }}].forEach(function (c) {
    var chartTitle = (metric || 'metric') + ' vs ' + c.key + ' energy' + mark;
    if (!metric) { skipChart(left, c.id, chartTitle, 'no metric every profile has (frugal_metric)'); return; }
    if (!data.domain) { skipChart(left, c.id, chartTitle, 'no energy in any profile'); return; }
    // Variants with the same figures share a point and its label.
    var points = [], at = new Map();
    variants.forEach(function (v) {
      var x = c.energy(v), y = num(v.metric);
      if (x === null || y === null) return;
      var key = x + ',' + y, front = get(v, 'pareto', c.key) === true;
      if (at.has(key)) {
        var p = at.get(key);
        p.name += ', ' + v.name;
        ++p.count;
        p.front = p.front || front;
        return;
      }
      at.set(key, {name: v.name, x: x, y: y, front: front, count: 1});
      points.push(at.get(key));
    });
    if (!points.length) {
      skipChart(left, c.id, chartTitle, 'no variant has both ' + metric + ' and ' + c.key + ' energy');
      return;
    }
    var cell = el('div');
    grid.appendChild(cell);
    addChart(cell, c.id, tradeoffOption(chartTitle, points, {
      x: {name: c.label + unitMark, format: fmtEnergy}, y: {name: metric, format: fmtMetric}}));
  });

  var barsTitle = 'Training and inference energy per variant' + mark;
  section(root, barsTitle, 'Left axis: ' + trainingLabel + mark + '; right axis: ' + inferenceLabel + mark + '.');
  var bars = [
    {name: 'training', axis: 'training' + unitMark,
     values: variants.map(function (v) { return num(get(v, 'training', 'energy_j')); })},
    {name: 'inference' + (data.inference_per_1k ? ' per 1000 ' + unit : ''),
     axis: 'inference' + (data.inference_per_1k ? ' per 1000 ' + unit : '') + unitMark,
     values: variants.map(function (v) { return inferenceEnergy(data, v); })}
  ].filter(function (s) { return s.values.some(function (x) { return x !== null; }); });
  if (bars.length)
    addChart(root, 'variants-energy', energyBarsOption(variants.map(function (v) { return v.name; }), bars), 380);
  else
    skipChart(root, 'variants-energy', barsTitle, 'no variant has training or inference energy');

  section(root, 'Every variant', 'Means over each variant\'s runs. front: T on the training front, I on the ' +
          'inference front. top function: the most exclusive energy over the whole run. Click a header to sort.');
  var energyClass = function (v) { return v.energy_measured === false ? 'modelled' : ''; };
  var frontClass = function (key) {
    return function (v) { return get(v, 'pareto', key) === true ? 'front' : ''; };
  };
  var columns = [
    {title: 'variant', value: function (v) { return v.name; },
     className: function (v) { return get(v, 'pareto', 'training') || get(v, 'pareto', 'inference') ? 'front' : ''; }},
    {title: 'runs', numeric: true, value: function (v) { return num(v.runs); }}];
  if (metric)
    columns.push({title: metric, numeric: true, value: function (v) { return num(v.metric); },
                  text: function (v, x) { return fmtMetric(x); }},
                 {title: 'front T', value: function (v) { return get(v, 'pareto', 'training') ? 'T' : ''; },
                  className: frontClass('training')},
                 {title: 'front I', value: function (v) { return get(v, 'pareto', 'inference') ? 'I' : ''; },
                  className: frontClass('inference')});
  columns.push(
    {title: 'training ' + domain + ' energy' + mark, numeric: true, className: energyClass,
     value: function (v) { return num(get(v, 'training', 'energy_j')); },
     text: function (v, x) { return fmtEnergy(x); }},
    {title: 'training time', numeric: true, value: function (v) { return num(get(v, 'training', 'time_ns')); },
     text: function (v, x) { return fmtDuration(x); }},
    {title: 'inference ' + domain + ' energy' + (data.inference_per_1k ? ' per 1000 ' + unit : '') + mark,
     numeric: true, className: energyClass, value: function (v) { return inferenceEnergy(data, v); },
     text: function (v, x) { return fmtEnergy(x); }},
    {title: 'inference time' + (data.inference_per_1k ? ' per 1000 ' + unit : ''), numeric: true,
     value: function (v) { return inferenceTime(data, v); }, text: function (v, x) { return fmtDuration(x); }},
    {title: 'whole run ' + domain + ' energy' + mark, numeric: true, className: energyClass,
     value: function (v) { return num(v.total_energy_j); }, text: function (v, x) { return fmtEnergy(x); }},
    {title: 'top function', value: function (v) { return get(v, 'top_function', 'short_name'); },
     cellTip: function (v) { return get(v, 'top_function', 'name'); }},
    {title: 'share', numeric: true, value: function (v) { return num(get(v, 'top_function', 'share')); },
     text: function (v, x) { return x === null ? '—' : fmtPercent(100 * x); }},
    {title: 'O()', value: function (v) { return get(v, 'top_function', 'complexity'); }});
  makeTable(root, {id: 'variants', source: 'variants', rows: variants, columns: columns,
                   filter: function (v) { return v.name; }});
}
