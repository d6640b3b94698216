// Reads the JSON the page embeds, draws the view its "kind" names, then
// checks itself: whether each chart drew, how many rows each table holds,
// and every script error, written as JSON into <pre id="frugal-selfcheck">
// (test/tools/html/check_html.py reads it from headless Chromium).

var Views = {report: renderReport, diff: renderDiff, proxies: renderProxies,
             variants: renderVariants};

/** What each chart, table and script did, for the self-check. */
function selfCheck(kind) {
  var charts = Page.charts.map(function (c) {
    var r = {id: c.id, drew: false};
    try {
      var series = c.chart.getOption().series || [];
      r.series = series.length;
      r.points = series.reduce(function (s, x) { return s + (x.data ? x.data.length : 0); }, 0);
      r.empty_series = series.filter(function (x) { return !x.data || !x.data.length; })
          .map(function (x) { return x.name || x.type; });
      // What zrender actually has to paint.
      r.elements = c.chart.getZr().storage.getDisplayList(true).length;
      r.width = c.box.clientWidth;
      r.height = c.box.clientHeight;
      r.drew = !c.chart.isDisposed() && r.series > 0 && !r.empty_series.length &&
               r.elements > 0 && r.width > 0 && r.height > 0;
    } catch (e) {
      r.error = String(e && e.stack || e);
    }
    return r;
  });
  var tables = Page.tables.map(function (t) {
    return {id: t.id, source: t.source, rows: t.rows, rendered: t.rendered()};
  });
  var errors = window.frugalErrors.slice();
  return {status: 'done', kind: kind, errors: errors, charts: charts,
          skipped: Page.skipped, tables: tables,
          ok: !errors.length && charts.every(function (c) { return c.drew; })};
}

(function main() {
  var root = document.getElementById('frugal-app');
  var kind = null;
  var start = performance.now();
  try {
    var data = JSON.parse(document.getElementById('frugal-data').textContent);
    kind = data && data.kind;
    root.textContent = '';
    if (!Object.prototype.hasOwnProperty.call(Views, kind))
      throw new Error('unknown report kind ' + JSON.stringify(kind) +
                      ' (this page draws ' + Object.keys(Views).join(', ') + ')');
    Views[kind](root, data, document.title);
  } catch (e) {
    // Caught here, so window's error handler never sees it.
    window.frugalErrors.push({type: 'exception', message: String(e && e.stack || e)});
    root.appendChild(el('p', {className: 'banner modelled',
                              text: 'This report could not be drawn: ' + e}));
  }
  var drawMs = Math.round(performance.now() - start);
  // After the charts' first frames (ECharts draws large series over several).
  setTimeout(function () {
    var check = selfCheck(kind);
    check.draw_ms = drawMs;
    document.getElementById('frugal-selfcheck').textContent = JSON.stringify(check, null, 1);
  }, 100);
})();
