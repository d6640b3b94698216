// Charts, all drawn by Apache ECharts (embedded in the page): a flame graph
// (a custom series of rectangles), bar charts and scatter plots. Every chart
// and every chart left out registers itself in Page for the self-check.

var Page = {charts: [], tables: [], skipped: []};

/** A section heading with an optional caption. */
function section(parent, title, caption) {
  parent.appendChild(el('h2', {text: title}));
  if (caption) parent.appendChild(el('p', {className: 'caption', text: caption}));
}

/** Draws option into a new chart box in parent; id names it in the self-check. */
function addChart(parent, id, option, height) {
  var box = el('div', {className: 'chart', id: 'chart-' + id});
  if (height) box.style.height = height + 'px';
  parent.appendChild(box);
  var chart = echarts.init(box, null, {renderer: 'canvas'});
  // Reports are read, not watched: no animation, and a deterministic page.
  option.animation = false;
  chart.setOption(option);
  Page.charts.push({id: id, chart: chart, box: box});
  window.addEventListener('resize', function () { chart.resize(); });
  return chart;
}

/** A chart that could not be drawn from this data, and why. */
function skipChart(parent, id, title, reason) {
  parent.appendChild(el('p', {className: 'skipped', id: 'skipped-' + id,
                              text: title + ': ' + reason}));
  Page.skipped.push({id: id, reason: reason});
}

/** The same name always gets the same warm colour; regions are blue. */
function frameColor(name, isRegion) {
  var h = 0;
  for (var i = 0; i < name.length; ++i) h = (h * 31 + name.charCodeAt(i)) | 0;
  h = Math.abs(h);
  return isRegion ? 'hsl(' + (200 + h % 30) + ', 55%, ' + (68 + h % 10) + '%)'
                  : 'hsl(' + (h % 50) + ', 78%, ' + (58 + (h >> 8) % 14) + '%)';
}

/**
 * A flame graph of a calling-context tree, root on top. nodes: [{id, parent,
 * name, region}], weight(i): the exclusive figure of nodes[i] (a frame's
 * width is its own weight plus its callees'), describe(i, inclusive, share):
 * tooltip text. Frames narrower than minShare of the drawn total are left
 * out, and so are their callees (their weight stays in their caller's
 * width). Click a frame to zoom into it.
 */
function addFlameGraph(parent, id, nodes, weight, describe, minShare) {
  var n = nodes.length, indexOf = new Map(), children = [], roots = [];
  for (var i = 0; i < n; ++i) { indexOf.set(nodes[i].id, i); children.push([]); }
  for (i = 0; i < n; ++i) {
    var p = nodes[i].parent;
    if (p === null || p === undefined || !indexOf.has(p)) roots.push(i);
    else children[indexOf.get(p)].push(i);
  }
  // Inclusive weights, by a depth-first order walked backwards (no
  // recursion: recursive programs make deep trees).
  var order = [], stack = roots.slice().reverse();
  while (stack.length) {
    var top = stack.pop();
    order.push(top);
    for (var c = children[top].length - 1; c >= 0; --c) stack.push(children[top][c]);
  }
  var inclusive = new Float64Array(n);
  for (var k = order.length - 1; k >= 0; --k) {
    i = order[k];
    var w = Math.max(0, weight(i) || 0);
    children[i].forEach(function (ch) { w += inclusive[ch]; });
    inclusive[i] = w;
  }
  // Several roots (or none) get a common one, drawn as "all" (index -1).
  var all = {name: 'all', region: false};
  var allTotal = roots.reduce(function (s, r) { return s + inclusive[r]; }, 0);
  var whole = roots.length === 1 ? roots[0] : -1;

  function layout(focus) {
    var data = [], hidden = 0, depth = 0;
    var total = focus === -1 ? allTotal : inclusive[focus];
    var min = total * minShare;
    var work = focus === -1 ? [[-1, 0, 0]] : [[focus, 0, 0]];
    while (work.length) {
      var item = work.pop();
      var node = item[0], x = item[1], level = item[2];
      var width = node === -1 ? allTotal : inclusive[node];
      data.push([level, x, x + width, node]);
      depth = Math.max(depth, level + 1);
      var kids = node === -1 ? roots : children[node];
      var cx = x;
      // Children left to right in the tree's order.
      var next = [];
      kids.forEach(function (ch) {
        if (inclusive[ch] <= 0) return;
        if (inclusive[ch] < min) { ++hidden; cx += inclusive[ch]; return; }
        next.push([ch, cx, level + 1]);
        cx += inclusive[ch];
      });
      for (var j = next.length - 1; j >= 0; --j) work.push(next[j]);
    }
    return {data: data, depth: depth, total: total, hidden: hidden};
  }

  var caption = el('p', {className: 'caption'});
  var reset = el('button', {type: 'button', text: 'show the whole tree', disabled: 'disabled'});
  parent.appendChild(el('div', {className: 'controls'}, [reset, caption]));

  var shown = layout(whole);
  var rowHeight = 18;
  var height = Math.max(160, Math.min(900, shown.depth * rowHeight + 30));

  function option(l) {
    return {
      tooltip: {formatter: function (p) {
        var i = p.value[3];
        var node = i === -1 ? all : nodes[i];
        var incl = i === -1 ? allTotal : inclusive[i];
        return describe(i, node.name, incl, l.total > 0 ? 100 * incl / l.total : 0);
      }},
      grid: {left: 4, right: 4, top: 4, bottom: 4},
      xAxis: {type: 'value', min: 0, max: l.total || 1, show: false},
      yAxis: {type: 'value', min: 0, max: Math.max(l.depth, 1), inverse: true, show: false},
      series: [{
        type: 'custom',
        renderItem: function (params, api) {
          var level = api.value(0), i = api.value(3);
          var start = api.coord([api.value(1), level]);
          var end = api.coord([api.value(2), level]);
          var h = Math.abs(api.size([0, 1])[1]);
          var w = Math.max(end[0] - start[0], 0.5);
          var node = i === -1 ? all : nodes[i];
          var shape = {x: start[0], y: start[1] + 0.5, width: w, height: Math.max(h - 1, 1)};
          var label = w > 28 && h >= 10 ? {
            type: 'text',
            style: {text: node.name, fontSize: Math.min(11, h - 3), fill: '#1d2430',
                    width: w - 6, overflow: 'truncate', ellipsis: '…'}} : undefined;
          return {type: 'rect', shape: shape,
                  style: {fill: i === -1 ? '#c9ccd1' : frameColor(node.name, node.region),
                          stroke: '#fff', lineWidth: 0.5},
                  textContent: label, textConfig: label ? {position: 'insideLeft'} : undefined};
        },
        encode: {x: [1, 2], y: 0},
        data: l.data
      }]
    };
  }

  function describeLayout(l, focus) {
    caption.textContent = l.data.length + ' frames drawn' +
        (l.hidden ? '; ' + l.hidden + ' narrower than ' + (100 * minShare) +
                    ' % of the width left out (with their callees)' : '') +
        (focus === whole ? '' : '; zoomed into ' + nodes[focus].name) +
        '. Click a frame to zoom into it.';
  }

  var chart = addChart(parent, id, option(shown), height);
  describeLayout(shown, whole);
  chart.on('click', function (p) {
    var i = p.value[3];
    if (i === -1 || i === whole) return;
    var l = layout(i);
    chart.setOption(option(l), {notMerge: true});
    describeLayout(l, i);
    reset.disabled = false;
  });
  reset.addEventListener('click', function () {
    chart.setOption(option(shown), {notMerge: true});
    describeLayout(shown, whole);
    reset.disabled = true;
  });
  return chart;
}

/**
 * Horizontal bars: items [{name, values: [..]}], one series per entry of
 * series [{name, axis: 0|1, format}]; axes [{name, format}] (bottom, top).
 */
function barOption(items, series, axes) {
  return {
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: function (ps) {
      var item = items[ps[0].dataIndex];
      return [el('b', {text: item.name}).outerHTML].concat(ps.map(function (p) {
        var s = series[p.seriesIndex];
        return p.marker + ' ' + s.name + ': ' + s.format(p.value);
      })).join('<br>');
    }},
    legend: {top: 0},
    grid: {left: 8, right: 30, top: axes.length > 1 ? 56 : 30, bottom: 36, containLabel: true},
    xAxis: axes.map(function (a, i) {
      return {type: 'value', name: a.name, nameLocation: 'middle', nameGap: 24,
              position: i === 0 ? 'bottom' : 'top',
              axisLabel: {formatter: a.format}, splitLine: {show: i === 0}};
    }),
    yAxis: {type: 'category', inverse: true,
            data: items.map(function (it) { return shortName(it.name, 44); })},
    series: series.map(function (s, k) {
      return {type: 'bar', name: s.name, xAxisIndex: s.axis,
              data: items.map(function (it) { return it.values[k]; })};
    })
  };
}

/** Whether values spread over enough decades to need a log axis (all > 0). */
function wantsLog(values) {
  var min = Infinity, max = -Infinity;
  for (var i = 0; i < values.length; ++i) {
    if (!(values[i] > 0)) return false;
    min = Math.min(min, values[i]); max = Math.max(max, values[i]);
  }
  return max / min > 100;
}

/**
 * Energy (y) against one proxy (x): points [{x, y, name, group}], one
 * series (and legend entry) per group; axes {x: {name, format}, y: {name,
 * format}}; fit {slope, intercept}: a fitted line, drawn on linear axes.
 */
function scatterOption(title, points, axes, fit) {
  var xs = points.map(function (p) { return p.x; });
  var ys = points.map(function (p) { return p.y; });
  var r = pearson(xs, ys);
  var logX = wantsLog(xs), logY = wantsLog(ys);
  function axis(a, log, vertical) {
    return {type: log ? 'log' : 'value', name: a.name + (log ? ' (log)' : ''),
            nameLocation: 'middle', nameGap: vertical ? 58 : 30, scale: !log,
            axisLabel: {formatter: a.format, hideOverlap: true}};
  }
  var groups = [], byGroup = new Map();
  points.forEach(function (p) {
    var g = p.group === undefined ? '' : String(p.group);
    if (!byGroup.has(g)) { byGroup.set(g, groups.length); groups.push({name: g, points: []}); }
    groups[byGroup.get(g)].points.push(p);
  });
  var large = points.length > 2000;
  var series = groups.map(function (g) {
    return {type: 'scatter', name: g.name, symbolSize: large ? 3 : 7, large: large,
            data: g.points.map(function (p) { return [p.x, p.y]; })};
  });
  if (fit && num(fit.slope) !== null && num(fit.intercept) !== null && !logX && !logY) {
    var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
    series.push({type: 'line', name: 'linear fit', symbol: 'none', silent: true,
                 lineStyle: {type: 'dashed', width: 1.5}, tooltip: {show: false},
                 data: [[lo, fit.intercept + fit.slope * lo], [hi, fit.intercept + fit.slope * hi]]});
  }
  return {
    title: {text: title, subtext: 'n = ' + points.length +
                                  (r === null ? '' : ', Pearson r = ' + r.toFixed(3)),
            left: 'center', textStyle: {fontSize: 13}},
    legend: groups.length > 1 ? {bottom: 0, type: 'scroll'} : undefined,
    tooltip: {trigger: 'item', formatter: function (p) {
      var pt = groups[p.seriesIndex].points[p.dataIndex];
      return el('b', {text: pt.name}).outerHTML + (pt.group ? '<br>' + el('span', {text: pt.group}).outerHTML : '') +
             '<br>' + axes.x.name + ': ' + axes.x.format(pt.x) + '<br>' + axes.y.name + ': ' + axes.y.format(pt.y);
    }},
    grid: {left: 62, right: 20, top: 56, bottom: groups.length > 1 ? 64 : 44},
    xAxis: axis(axes.x, logX, false),
    yAxis: axis(axes.y, logY, true),
    series: series
  };
}

/**
 * Grouped vertical bars, one group per category and one bar per variant,
 * with error bars where intervals are given: categories [name], variants
 * [{name, values: [..], low: [..]|null, high: [..]|null}].
 */
function groupedBarOption(categories, variants, yAxis) {
  var n = variants.length;
  var series = variants.map(function (v) {
    return {type: 'bar', name: v.name, data: v.values, barGap: '0%', barCategoryGap: '20%'};
  });
  variants.forEach(function (v, s) {
    if (!v.low || !v.high) return;
    var data = [];
    v.values.forEach(function (x, c) {
      if (num(v.low[c]) !== null && num(v.high[c]) !== null) data.push([c, v.low[c], v.high[c]]);
    });
    if (!data.length) return;
    series.push({
      type: 'custom', name: v.name, z: 10, tooltip: {show: false},
      renderItem: function (params, api) {
        var c = api.value(0);
        var lo = api.coord([c, api.value(1)]), hi = api.coord([c, api.value(2)]);
        var band = api.size([1, 0])[0];
        var barWidth = band * 0.8 / n;
        var x = lo[0] - band * 0.4 + barWidth * (s + 0.5);
        var cap = Math.min(barWidth * 0.3, 6);
        var style = {stroke: '#1d2430', lineWidth: 1.2};
        return {type: 'group', children: [
          {type: 'line', shape: {x1: x, y1: lo[1], x2: x, y2: hi[1]}, style: style},
          {type: 'line', shape: {x1: x - cap, y1: lo[1], x2: x + cap, y2: lo[1]}, style: style},
          {type: 'line', shape: {x1: x - cap, y1: hi[1], x2: x + cap, y2: hi[1]}, style: style}]};
      },
      encode: {x: 0, y: [1, 2]},
      data: data
    });
  });
  return {
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: function (ps) {
      var c = ps[0].dataIndex;
      return [el('b', {text: categories[c]}).outerHTML].concat(variants.map(function (v) {
        var text = yAxis.format(v.values[c]);
        if (v.low && v.high && num(v.low[c]) !== null && num(v.high[c]) !== null)
          text += ' (95 % CI ' + yAxis.format(v.low[c]) + ' – ' + yAxis.format(v.high[c]) + ')';
        return v.name + ': ' + text;
      })).join('<br>');
    }},
    legend: {top: 0, data: variants.map(function (v) { return v.name; })},
    grid: {left: 72, right: 20, top: 36, bottom: categories.length > 6 ? 110 : 40},
    xAxis: {type: 'category', data: categories.map(function (c) { return shortName(c, 28); }),
            axisLabel: {rotate: categories.length > 6 ? 30 : 0, interval: 0}},
    yAxis: {type: 'value', name: yAxis.name, nameLocation: 'middle', nameGap: 60,
            axisLabel: {formatter: yAxis.format}},
    series: series
  };
}
