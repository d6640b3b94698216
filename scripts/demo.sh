#!/usr/bin/env bash
# The main job: "as well with less", measured. Builds frugal, instruments the
# classifier library of examples/ with frugal-clang++ (as a user's build
# would), trains and evaluates every model variant on the handwritten digits
# with training and inference as separate regions, runs `frugal analyze` on
# the same sources, and prints one table of the variants (accuracy, training
# energy, inference energy per 1000 samples, time, the function with the most
# energy and its complexity), then a `frugal diff` of the fp32 and int8 MLPs'
# inference, and writes the HTML report with the accuracy-vs-energy charts.
# Usage: scripts/demo.sh [--llvm N] [-- classify options...]
#   e.g. scripts/demo.sh -- --epochs 10   (options go to every variant)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
llvm=${FRUGAL_LLVM_VERSION:-19}
if [ "${1:-}" = "--llvm" ]; then llvm=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift

echo "== building frugal (LLVM $llvm)" >&2
build=$("$root/scripts/build.sh" --llvm "$llvm" FrugalPass frugal_rt frugal frugal-clang | tail -n 1)
out="$build/demo"; mkdir -p "$out/obj"
frugal="$build/bin/frugal"

# One object per source, compiled in parallel, as make -j would. With
# FRUGAL_RECORD_ARGS=1 the pass also records the integer arguments of a
# sample of calls, so that `frugal report` can evaluate the static formulas.
sources=("$root"/examples/classifiers/*.cpp "$root"/examples/classify/*.cpp)
cxxflags=(-std=c++20 -O2 -I"$root/include" -I"$root/examples/classifiers"
          "-DCLASSIFY_DIGITS_PATH=\"$root/examples/data/digits.csv.gz\"")
echo "== instrumenting examples/classifiers with frugal-clang++ -O2 (${#sources[@]} files)" >&2
printf '%s\n' "${sources[@]}" |
  FRUGAL_RECORD_ARGS=1 xargs -P "$(nproc)" -I{} sh -c \
    'f=$1; shift; exec "$@" -c "$f" -o "'"$out/obj"'/$(basename "$f" .cpp).o"' _ {} \
    "$build/bin/frugal-clang++" "${cxxflags[@]}"
FRUGAL_RECORD_ARGS=1 "$build/bin/frugal-clang++" "$out"/obj/*.o -lz -o "$out/classify"

# Every variant, $runs runs each (FRUGAL_DEMO_RUNS, default 3), one profile
# per run named VARIANT-RUN.json: frugal variants and frugal diff take the
# runs of a variant as a comma-separated list, report means and give 95 %
# intervals. Rounds go through all variants in turn, so that a slow spell of
# the machine falls on every variant alike.
runs=${FRUGAL_DEMO_RUNS:-3}
variants=($(FRUGAL_DISABLE=1 "$out/classify" --list | awk '{print $1}'))
echo "== training and evaluating ${#variants[@]} variants on the digits, $runs runs each (run 1's lines below; the table gives the means)" >&2
rm -f "$out"/*.json
for r in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    if [ "$r" = 1 ]; then
      FRUGAL_OUTPUT="$out/$v-$r.json" "$out/classify" --model "$v" "$@"
    else
      FRUGAL_OUTPUT="$out/$v-$r.json" "$out/classify" --model "$v" "$@" >/dev/null
    fi
  done
  [ "$r" = 1 ] || echo "   run $r of $runs done" >&2
done
# VARIANT's runs, comma-separated, under DIR/ ($out/ by default).
runs_of() { local v=$1 dir=${2-$out/} list=() r
            for r in $(seq 1 "$runs"); do list+=("$dir$v-$r.json"); done
            (IFS=,; echo "${list[*]}"); }
profiles=()
for v in "${variants[@]}"; do profiles+=("$(runs_of "$v")"); done

# The same sources, analysed statically: complexity, flops and bytes per
# function, as expressions of the parameters (docs/static-format.md).
echo "== static analysis (frugal analyze examples/)" >&2
python3 - "$out/compile_commands.json" "$root" "${cxxflags[@]}" -- "${sources[@]}" <<'PY'
import json, sys
args = sys.argv[1:]
path, root = args[0], args[1]
sep = args.index("--")
flags, files = args[2:sep], args[sep + 1:]
json.dump([{"directory": root, "file": f,
            "arguments": ["clang++"] + flags + ["-c", f]} for f in files],
          open(path, "w"), indent=1)
PY
"$frugal" analyze -p "$out" -o "$out/static.json" --format json

echo "== the variants: accuracy and energy, training and inference" >&2
"$frugal" variants "${profiles[@]}" --static "$out/static.json"
"$frugal" variants "${profiles[@]}" --static "$out/static.json" \
  --format html -o "$out/variants.html"

echo "== where fp32 and int8 inference differ, per 1000 samples (frugal diff --region inference)" >&2
# From the profiles' folder: the runs are listed by file name.
(cd "$out" && "$frugal" diff "$(runs_of mlp "")" "$(runs_of mlp-int8 "")" \
  --region inference --per-1k-items --top 6)

echo "frugal: HTML report with the accuracy-vs-energy charts (opens offline): $out/variants.html" >&2
echo "frugal: one variant in detail: $frugal report $out/mlp-1.json --static $out/static.json" >&2
