// Numbers for people, as frugal's tables print them (tools/frugal/Units.cpp):
// three significant digits and an SI prefix. Also small DOM and data helpers
// that the other scripts share. embed.js concatenates the scripts in one
// function scope, so these are visible to them all.

/** Three significant digits, without exponent. */
function sig3(x) {
  if (x === 0) return '0';
  var a = Math.abs(x);
  var digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return x.toFixed(digits);
}

/** x with an SI prefix, e.g. siPrefix(0.0123, 'J') == '12.3 mJ'. */
function siPrefix(x, unit) {
  if (x === null || x === undefined || isNaN(x)) return '—';
  if (x === 0) return '0 ' + unit;
  var prefixes = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''],
                  [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p']];
  var a = Math.abs(x);
  for (var i = 0; i < prefixes.length; ++i) {
    // 999.5 of a prefix rounds to 1.00 of the next one up.
    if (a >= prefixes[i][0] * 0.9995 || i === prefixes.length - 1)
      return sig3(x / prefixes[i][0]) + ' ' + prefixes[i][1] + unit;
  }
}

function fmtEnergy(joules) { return siPrefix(joules, 'J'); }
function fmtPower(watts) { return siPrefix(watts, 'W'); }
function fmtDuration(ns) {
  return ns === null || ns === undefined ? '—' : siPrefix(ns / 1e9, 's');
}
function fmtCount(n) {
  if (n === null || n === undefined || isNaN(n)) return '—';
  var a = Math.abs(n);
  if (a < 1000) return String(Math.round(n * 100) / 100);
  return siPrefix(n, '').trim().replace(' ', '');
}
function fmtBytes(n) {
  if (n === null || n === undefined || isNaN(n)) return '—';
  var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  var i = 0;
  while (Math.abs(n) >= 1024 * 0.9995 && i < units.length - 1) { n /= 1024; ++i; }
  return (i === 0 ? String(Math.round(n)) : sig3(n)) + ' ' + units[i];
}
function fmtRatio(x) {
  return x === null || x === undefined || isNaN(x) ? '—' : sig3(x) + '×';
}
function fmtPercent(x) {
  return x === null || x === undefined || isNaN(x) ? '—' : sig3(x) + '%';
}
function fmtPlain(x) {
  if (x === null || x === undefined) return '—';
  if (typeof x === 'number') return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-2)
      ? x.toPrecision(3) : sig3(x);
  return String(x);
}

/** obj.a.b.c, or null where any step is missing. */
function get(obj) {
  for (var i = 1; i < arguments.length; ++i) {
    if (obj === null || obj === undefined || typeof obj !== 'object') return null;
    obj = obj[arguments[i]];
  }
  return obj === undefined ? null : obj;
}

/** A number, or null for anything else (absent fields, expressions). */
function num(x) { return typeof x === 'number' && isFinite(x) ? x : null; }

/** document.createElement with attributes and children (strings are text). */
function el(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) for (var k in attrs) {
    if (attrs[k] === null || attrs[k] === undefined) continue;
    if (k === 'text') e.textContent = attrs[k];
    else if (k === 'className') e.className = attrs[k];
    else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
    else e.setAttribute(k, attrs[k]);
  }
  (children || []).forEach(function (c) {
    if (c === null || c === undefined) return;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return e;
}

/** Cuts long C++ names for axis labels; tooltips show them whole. */
function shortName(name, max) {
  max = max || 48;
  name = String(name);
  return name.length > max ? name.slice(0, max - 1) + '…' : name;
}

/** Pearson's r of two equal-length arrays; null when undefined. */
function pearson(xs, ys) {
  var n = xs.length;
  if (n < 2) return null;
  var mx = 0, my = 0;
  for (var i = 0; i < n; ++i) { mx += xs[i]; my += ys[i]; }
  mx /= n; my /= n;
  var sxy = 0, sxx = 0, syy = 0;
  for (i = 0; i < n; ++i) {
    var dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
