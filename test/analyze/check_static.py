#!/usr/bin/env python3
"""Check `frugal analyze --format json` output against hand-written expectations.

Usage: check_static.py [-v] OUT.json SOURCE...

The expectations live in comments of the SOURCE files (the corpus kernels),
written by hand from the counting definitions (never copied from the tool).
Every line holding one of the markers below is read; the comment leader
(`//`, `/*`, `#`, `*`) before the marker does not matter.

  CHECK-STATIC: FUNC CHECK ; CHECK ; ...
      Checks on the function FUNC. A function may have any number of lines.
  CHECK-STATIC-NOT: FUNC
      No function of the output matches FUNC.

FUNC selects one function of the output's `functions` array:
  name                    the first rule that matches something wins:
                          1. equal to `name` ("dot", "Matrix::sum() const",
                             when quoted: "void axpy<float>(int, float, ...)")
                          2. equal to `linkage_name` ("_Z3dotPKfS0_i")
                          3. equal to `name` without its parameter list and
                             return type ("axpy<float>", "Matrix::sum")
                          4. equal to the unqualified rest of 3 ("sum")
  "name with spaces"      the same, quoted
  /regex/                 Python re.search on `name` (for lambdas:
                          /apply_relu.*operator\\(\\)/)
  Selecting several functions is an error (ambiguous), as is none.

CHECK is `FIELD [@ {BINDINGS}] OP EXPECTED [@ {BINDINGS}]`:

  FIELD    a path into the function's object: `complexity.big_o`,
           `loops[0].trip_count`, `loops[-1].confidence`,
           `ops.total.math_calls.exp`, `memory.bytes_touched`;
           `len(PATH)` is the length of a list or object.
  BINDINGS values for the symbols of the expressions: `{n: 10, m: 3}`,
           `{this->rows: 4, cfg->k: 2, x.size(): 8}` (keys are compared
           without spaces).
  OP / EXPECTED:
    ==  EXPECTED is
          null | true | false        JSON equality;
          "text"                     string equality (quotes removed);
          a number                   the field must be a JSON number equal to
                                     it (constants are printed as numbers);
          anything else, no bindings string equality with the field, e.g.
                                     `big_o == O(m*n*k)`, `confidence == exact`,
                                     `trip_count == n`;
          anything else, bindings    both sides are evaluated as expressions
                                     at BINDINGS and compared as numbers.
    !=  the negation of ==.
    ~=  symbolic equality: the field (an expression string or a number) and
        EXPECTED (an expression) are evaluated at 12 pseudo-random points,
        every symbol an integer in 1..12 except those BINDINGS fix (bind
        the large dimensions when others must stay below them: conv2d's
        `@ {h: 40, w: 40}` keeps kh, kw < h, w); equal at all points.
        Formatting does not matter: `(n * n - n) / 2` ~= `n*(n-1)/2`.
    <= >= < >  numeric comparison at BINDINGS (required when symbolic).
    contains / !contains  EXPECTED (bare or quoted) is a case-insensitive
        substring of the field (a string), of one of its elements (a list),
        or a key of it (an object).

Expressions are C syntax over symbols. A symbol is an identifier with member
accesses, empty calls and subscripts: `n`, `this->rows`, `cfg->k`,
`v.size()`, `dims[0]`. Operators: ?: || && == != < <= > >= + - * / % unary
- + !, and parentheses; `^` is rejected (it is XOR in C, never a power).
Functions: log2 log sqrt exp pow min max ceil floor abs (real-valued).
Numbers are integers or reals; `/` of two integers is C division (truncates;
operands are non-negative sizes), of a real is floor division (Python //),
so "(X) / D" evaluates the same whether the tool means an exact rational or a
floor. At the root of `memory.arithmetic_intensity`, `/` is real division
(a ratio of flops to bytes). Numbers compare with a relative tolerance of
1e-9; arithmetic_intensity numbers (printed with 4 significant digits) with
5e-4.

Exit status: 0 all checks pass; 1 some check failed (each failure printed
with file:line, function, field, expected and got); 2 a malformed check line
or unreadable input. -v prints every check, passing or not.
"""

import json
import math
import random
import re
import sys
from fractions import Fraction

MARK = re.compile(r"CHECK-STATIC(-NOT)?:\s*(.*)$")


class CheckError(Exception):
    """A malformed check (the test is wrong, not the tool)."""


class EvalError(Exception):
    """An expression cannot be evaluated (unbound symbol, bad syntax, ...)."""


# --------------------------------------------------------------------------
# Expressions

FUNCS = {
    "log2": lambda a: math.log2(a),
    "log": lambda a: math.log(a),
    "sqrt": lambda a: math.sqrt(a),
    "exp": lambda a: math.exp(a),
    "pow": lambda a, b: float(a) ** float(b),
    "min": min,
    "max": max,
    "ceil": lambda a: math.ceil(a),
    "floor": lambda a: math.floor(a),
    "abs": abs,
}
CASTS = {"int", "long", "unsigned", "size_t", "std::size_t", "float",
         "double", "int64_t", "uint64_t", "unsigned long", "long long",
         "unsigned long long"}

TOKEN = re.compile(r"""
    \s*(?:
      (?P<num>\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?)
        (?P<suffix>[uUlLfF]*)
    | (?P<id>[A-Za-z_$][A-Za-z_0-9$]*)
    | (?P<op>->|::|\|\||&&|==|!=|<=|>=|[-+*/%()\[\]?:<>!.,^])
    )""", re.X)


def tokenize(text):
    toks = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise EvalError("cannot read %r at %r" % (text, text[pos:]))
        pos = m.end()
        if m.group("num") is not None:
            s = m.group("num")
            if "." in s or "e" in s.lower() or "f" in m.group("suffix").lower():
                toks.append(("num", float(s)))
            else:
                toks.append(("num", int(s)))
        elif m.group("id") is not None:
            toks.append(("id", m.group("id")))
        else:
            toks.append(("op", m.group("op")))
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return toks


class Parser:
    """C expressions to a tree: ('num', v) ('sym', name) ('un', op, a)
    ('bin', op, a, b) ('?:', c, a, b) ('call', f, [args]) ('cast', type, a)."""

    def __init__(self, text):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else (None, None)

    def take(self, op=None):
        t = self.peek()
        if op is not None and t != ("op", op):
            raise EvalError("expected %r in %r" % (op, self.text))
        self.i += 1
        return t

    def parse(self):
        if not self.toks:
            raise EvalError("empty expression")
        e = self.ternary()
        if self.i != len(self.toks):
            raise EvalError("unexpected %r in %r" % (self.peek()[1], self.text))
        return e

    def ternary(self):
        c = self.binary(0)
        if self.peek() == ("op", "?"):
            self.take()
            a = self.ternary()
            self.take(":")
            b = self.ternary()
            return ("?:", c, a, b)
        return c

    LEVELS = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="],
              ["+", "-"], ["*", "/", "%"]]

    def binary(self, level):
        if level == len(self.LEVELS):
            return self.unary()
        e = self.binary(level + 1)
        while True:
            t = self.peek()
            if t[0] == "op" and t[1] == "^":
                raise EvalError("'^' in %r: XOR in C; a power must be written "
                                "as a product" % self.text)
            if t[0] == "op" and t[1] in self.LEVELS[level]:
                self.take()
                e = ("bin", t[1], e, self.binary(level + 1))
            else:
                return e

    def unary(self):
        t = self.peek()
        if t[0] == "op" and t[1] in ("-", "+", "!"):
            self.take()
            return ("un", t[1], self.unary())
        return self.primary()

    def cast_type(self):
        """(type, index after ')') of a C cast starting at '(', or None."""
        j = self.i + 1
        name = ""
        while j < len(self.toks) and (self.toks[j][0] == "id" or
                                      self.toks[j] == ("op", "::")):
            word = self.toks[j][1]
            if name and word != "::" and not name.endswith("::"):
                name += " "
            name += word
            j += 1
        if name in CASTS and j < len(self.toks) and \
                self.toks[j] == ("op", ")"):
            return name, j + 1
        return None

    def primary(self):
        t = self.peek()
        if t[0] == "num":
            self.take()
            return ("num", t[1])
        if t == ("op", "("):
            cast = self.cast_type()
            if cast:
                self.i = cast[1]
                return ("cast", cast[0], self.unary())
            self.take()
            e = self.ternary()
            self.take(")")
            return e
        if t[0] == "id":
            if t[1] in FUNCS and self.peek(1) == ("op", "(") and \
                    self.peek(2) != ("op", ")"):
                self.take()
                self.take("(")
                args = [self.ternary()]
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.ternary())
                self.take(")")
                return ("call", t[1], args)
            return ("sym", self.symbol())
        raise EvalError("unexpected %r in %r" % (t[1], self.text))

    def symbol(self):
        name = self.take()[1]
        while True:
            t = self.peek()
            if t[0] == "op" and t[1] in ("->", ".", "::") and \
                    self.peek(1)[0] == "id":
                self.take()
                name += t[1] + self.take()[1]
            elif t == ("op", "(") and self.peek(1) == ("op", ")"):
                self.take()
                self.take()
                name += "()"
            elif t == ("op", "["):
                self.take()
                depth = 1
                inner = ""
                while depth:
                    u = self.take()
                    if u[0] is None:
                        raise EvalError("unclosed '[' in %r" % self.text)
                    if u == ("op", "["):
                        depth += 1
                    elif u == ("op", "]"):
                        depth -= 1
                        if not depth:
                            break
                    inner += str(u[1])
                name += "[" + inner + "]"
            else:
                return name


def parse_expr(text):
    if isinstance(text, bool) or text is None:
        raise EvalError("%s is not an expression" % json.dumps(text))
    if isinstance(text, (int, float)):
        return ("num", text)
    return Parser(str(text)).parse()


def symbols(tree, out=None):
    out = set() if out is None else out
    kind = tree[0]
    if kind == "sym":
        out.add(tree[1])
    elif kind == "un" or kind == "cast":
        symbols(tree[2], out)
    elif kind == "bin":
        symbols(tree[2], out)
        symbols(tree[3], out)
    elif kind == "?:":
        for sub in tree[1:]:
            symbols(sub, out)
    elif kind == "call":
        for a in tree[2]:
            symbols(a, out)
    return out


def c_div(a, b, op):
    if b == 0:
        raise EvalError("division by zero")
    if isinstance(a, int) and isinstance(b, int):
        q = abs(a) // abs(b)
        r = abs(a) % abs(b)
        if op == "/":
            return q if (a >= 0) == (b >= 0) else -q
        return r if a >= 0 else -r
    return a // b if op == "/" else math.fmod(a, b)


def evaluate(tree, env, real_root_div=False):
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "sym":
        if tree[1] not in env:
            raise EvalError("no value for symbol %r" % tree[1])
        return env[tree[1]]
    if kind == "un":
        v = evaluate(tree[2], env)
        return {"-": lambda: -v, "+": lambda: v, "!": lambda: int(not v)}[tree[1]]()
    if kind == "cast":
        v = evaluate(tree[2], env)
        return float(v) if tree[1] in ("float", "double") else int(v)
    if kind == "?:":
        return evaluate(tree[2] if evaluate(tree[1], env) else tree[3], env)
    if kind == "call":
        args = [evaluate(a, env) for a in tree[2]]
        try:
            return FUNCS[tree[1]](*args)
        except (ValueError, TypeError) as e:
            raise EvalError("%s%r: %s" % (tree[1], tuple(args), e))
    op, a, b = tree[1], evaluate(tree[2], env), evaluate(tree[3], env)
    if op in ("/", "%"):
        if real_root_div and op == "/":
            if b == 0:
                raise EvalError("division by zero")
            return Fraction(a) / Fraction(b) if isinstance(a, int) and \
                isinstance(b, int) else a / b
        return c_div(a, b, op)
    return {
        "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
        "<": lambda: int(a < b), "<=": lambda: int(a <= b),
        ">": lambda: int(a > b), ">=": lambda: int(a >= b),
        "==": lambda: int(a == b), "!=": lambda: int(a != b),
        "&&": lambda: int(bool(a) and bool(b)),
        "||": lambda: int(bool(a) or bool(b)),
    }[op]()


def close(a, b, rel=1e-9):
    a, b = float(a), float(b)
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


# --------------------------------------------------------------------------
# Check lines

def split_checks(text):
    """Split on ';' outside double quotes."""
    parts, cur, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def parse_bindings(text):
    text = text.strip()
    if not (text.startswith("{") and text.endswith("}")):
        raise CheckError("bindings must be {name: value, ...}: %r" % text)
    env = {}
    for item in text[1:-1].split(","):
        if not item.strip():
            continue
        m = re.match(r"^(.*[^:]):(?!:)\s*(.+)$", item.strip())
        if not m:
            raise CheckError("bad binding %r" % item)
        key = re.sub(r"\s+", "", m.group(1))
        try:
            val = evaluate(parse_expr(m.group(2)), {})
        except EvalError as e:
            raise CheckError("bad binding value %r: %s" % (item, e))
        env[key] = val
    return env


OPS = ("==", "!=", "~=", "<=", ">=", "<", ">", "contains", "!contains")
BIND = re.compile(r"@\s*(\{[^}]*\})")


class Check:
    def __init__(self, text, where):
        self.text = text
        self.where = where
        env = None
        for m in BIND.finditer(text):
            if env is not None:
                raise CheckError("two sets of bindings in %r" % text)
            env = parse_bindings(m.group(1))
        body = BIND.sub(" ", text).strip()
        m = re.match(r"^(\S+)\s+(\S+)\s*(.*)$", body)
        if not m or m.group(2) not in OPS:
            raise CheckError("expected 'FIELD [@ {..}] OP VALUE', got %r "
                             "(OP is one of %s)" % (text, " ".join(OPS)))
        self.field, self.op, self.expected = m.group(1), m.group(2), \
            m.group(3).strip()
        if not self.expected:
            raise CheckError("no expected value in %r" % text)
        self.env = env
        lm = re.match(r"^len\((.*)\)$", self.field)
        self.is_len = bool(lm)
        self.path = parse_path(lm.group(1) if lm else self.field)
        self.real_div = self.path and self.path[-1] == "arithmetic_intensity"


def parse_path(text):
    path = []
    for part in re.finditer(r"([^.\[\]]+)|\[(-?\d+)\]", text):
        if part.group(1) is not None:
            path.append(part.group(1))
        else:
            path.append(int(part.group(2)))
    if not path:
        raise CheckError("empty field path %r" % text)
    return path


MISSING = object()


def resolve(obj, path):
    for p in path:
        if isinstance(p, int):
            if not isinstance(obj, list) or not -len(obj) <= p < len(obj):
                return MISSING
            obj = obj[p]
        else:
            if not isinstance(obj, dict) or p not in obj:
                return MISSING
            obj = obj[p]
    return obj


def show(v):
    if v is MISSING:
        return "<missing>"
    return json.dumps(v)


def fmt_num(v):
    if isinstance(v, Fraction):
        v = float(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


def unquote(s):
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return s[1:-1]
    return None


def is_number_text(s):
    return re.match(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$", s) is not None


def run_check(check, fn):
    """Returns None when the check passes, else the message."""
    got = resolve(fn, check.path)
    if check.is_len and got is not MISSING:
        got = len(got) if isinstance(got, (list, dict)) else MISSING
    exp = check.expected
    at = ""
    if check.env:
        at = " at {%s}" % ", ".join("%s: %s" % (k, fmt_num(v))
                                    for k, v in check.env.items())
    tol = 5e-4 if check.real_div else 1e-9

    def numeric(value):
        return evaluate(parse_expr(value), check.env or {}, check.real_div)

    def fail(extra=""):
        return "expected %s %s%s, got %s%s" % (check.op, exp, at, show(got),
                                                extra)

    if check.op in ("contains", "!contains"):
        needle = unquote(exp)
        needle = (exp if needle is None else needle).lower()
        if got is MISSING or got is None:
            found = False
        elif isinstance(got, str):
            found = needle in got.lower()
        elif isinstance(got, list):
            found = any(needle in str(e).lower() for e in got)
        elif isinstance(got, dict):
            found = needle in (k.lower() for k in got)
        else:
            found = needle in str(got).lower()
        return None if found == (check.op == "contains") else fail()

    if got is MISSING:
        return fail()

    if check.op in ("==", "!="):
        if exp in ("null", "true", "false"):
            ok = got == json.loads(exp)
            if exp != "null" and not isinstance(got, bool):
                ok = False
        elif unquote(exp) is not None:
            ok = got == unquote(exp)
        elif check.env is not None:
            try:
                g, e = numeric(got), numeric(exp)
            except EvalError as err:
                return fail(" (%s)" % err)
            ok = close(g, e, tol)
            if not ok:
                return fail(" (= %s, expected %s)" % (fmt_num(g), fmt_num(e)))
        elif is_number_text(exp):
            ok = not isinstance(got, bool) and \
                isinstance(got, (int, float)) and close(got, float(exp), tol)
            if not ok and isinstance(got, str) and check.op == "==":
                return fail(" (an expression, where the constant %s is a "
                            "JSON number)" % exp)
        else:
            ok = isinstance(got, str) and got == exp
        if check.op == "!=":
            ok = not ok
        return None if ok else fail()

    if check.op == "~=":
        try:
            gt, et = parse_expr(got), parse_expr(exp)
        except EvalError as err:
            return fail(" (%s)" % err)
        names = sorted(symbols(gt) | symbols(et))
        rng = random.Random(0x5eed ^ len(names))
        points = []
        for _ in range(12):
            env = dict(check.env or {})
            for n in names:
                if n not in env:
                    env[n] = rng.randint(1, 12)
            points.append(env)
        tried = 0
        for env in points:
            try:
                g = evaluate(gt, env, check.real_div)
                e = evaluate(et, env, check.real_div)
            except EvalError as err:
                if "division by zero" in str(err) or "math domain" in str(err):
                    continue
                return fail(" (%s)" % err)
            tried += 1
            if not close(g, e, tol):
                pt = ", ".join("%s: %s" % (k, fmt_num(v))
                               for k, v in sorted(env.items()))
                return fail(" (differ at {%s}: got %s, expected %s)" %
                            (pt, fmt_num(g), fmt_num(e)))
        return None if tried else fail(" (no point could be evaluated)")

    # Ordering.
    try:
        g, e = numeric(got), numeric(exp)
    except EvalError as err:
        return fail(" (%s)" % err)
    ok = {"<=": g <= e, ">=": g >= e, "<": g < e, ">": g > e}[check.op]
    return None if ok else fail(" (= %s, expected %s %s)" % (
        fmt_num(g), check.op, fmt_num(e)))


# --------------------------------------------------------------------------
# Functions

def strip_signature(name):
    """'void ns::f<int>(float*, int) const' -> 'ns::f<int>'."""
    s = name.strip()
    for q in (" const", " volatile", " &&", " &", " noexcept"):
        while s.endswith(q):
            s = s[:-len(q)].rstrip()
    if not s.endswith(")"):
        return s
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        if s[i] == ")":
            depth += 1
        elif s[i] == "(":
            depth -= 1
            if depth == 0:
                s = s[:i]
                break
    # Drop a return type: the text up to the last space outside <> and ().
    depth = 0
    cut = 0
    for i, ch in enumerate(s):
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif ch == " " and depth == 0:
            cut = i + 1
    return s[cut:]


def unqualified(base):
    depth = 0
    cut = 0
    for i, ch in enumerate(base):
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif ch == ":" and depth == 0 and base[i:i + 2] == "::":
            cut = i + 2
    return base[cut:]


def select(functions, sel):
    if len(sel) >= 2 and sel[0] == "/" and sel[-1] == "/":
        rx = re.compile(sel[1:-1])
        return [f for f in functions if rx.search(f.get("name", ""))]
    tiers = [
        lambda f: f.get("name") == sel,
        lambda f: f.get("linkage_name") == sel,
        lambda f: strip_signature(f.get("name", "")) == sel,
        lambda f: unqualified(strip_signature(f.get("name", ""))) == sel,
    ]
    for tier in tiers:
        found = [f for f in functions if tier(f)]
        if found:
            return found
    return []


def split_selector(rest):
    rest = rest.strip()
    if rest.startswith('"'):
        end = rest.find('"', 1)
        if end < 0:
            raise CheckError("unterminated quoted function name")
        return rest[1:end], rest[end + 1:]
    if rest.startswith("/"):
        m = re.match(r"^(/(?:\\.|[^/])*/)(.*)$", rest)
        if not m:
            raise CheckError("unterminated /regex/")
        return m.group(1), m.group(2)
    parts = rest.split(None, 1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


def read_expectations(path):
    items = []  # (where, kind, selector, [Check])
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            m = MARK.search(line)
            if not m:
                continue
            where = "%s:%d" % (path, lineno)
            body = m.group(2).strip()
            if body.endswith("*/"):
                body = body[:-2].rstrip()
            sel, rest = split_selector(body)
            if m.group(1):
                if rest.strip():
                    raise CheckError("%s: CHECK-STATIC-NOT takes only a "
                                     "function" % where)
                items.append((where, "not", sel, []))
                continue
            checks = [Check(c, where) for c in split_checks(rest)]
            if not checks:
                raise CheckError("%s: no checks for %s" % (where, sel))
            items.append((where, "check", sel, checks))
    return items


def main(argv):
    verbose = False
    args = []
    for a in argv[1:]:
        if a == "-v":
            verbose = True
        else:
            args.append(a)
    if len(args) < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as f:
            data = json.load(f)
        functions = data["functions"] if isinstance(data, dict) else data
        items = []
        for src in args[1:]:
            items.extend(read_expectations(src))
    except (OSError, ValueError, KeyError) as e:
        print("check_static: cannot read input: %s" % e, file=sys.stderr)
        return 2
    except CheckError as e:
        print("check_static: malformed check: %s" % e, file=sys.stderr)
        return 2
    if not items:
        print("check_static: no CHECK-STATIC lines in %s" % " ".join(args[1:]),
              file=sys.stderr)
        return 2

    total = failed = 0
    for where, kind, sel, checks in items:
        found = select(functions, sel)
        if kind == "not":
            total += 1
            if found:
                failed += 1
                print("FAIL %s: %s: expected no such function, got %s" % (
                    where, sel, ", ".join(f.get("name", "?") for f in found)))
            elif verbose:
                print("PASS %s: %s: absent" % (where, sel))
            continue
        if len(found) != 1:
            total += len(checks)
            failed += len(checks)
            what = "no function" if not found else "ambiguous (%s)" % \
                "; ".join(f.get("name", "?") for f in found)
            print("FAIL %s: %s: %s; %d checks not run" % (where, sel, what,
                                                          len(checks)))
            continue
        fn = found[0]
        for c in checks:
            total += 1
            try:
                msg = run_check(c, fn)
            except CheckError as e:
                print("check_static: malformed check at %s: %s" % (where, e),
                      file=sys.stderr)
                return 2
            if msg is None:
                if verbose:
                    print("PASS %s: %s: %s" % (where, sel, c.text))
            else:
                failed += 1
                print("FAIL %s: %s: %s: %s" % (where, fn.get("name", sel),
                                              c.field, msg))
    print("check_static: %d checks, %d passed, %d failed" % (
        total, total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
