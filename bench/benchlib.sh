# Sourced by the section scripts, bench/SECTION/run.sh: what they share.

# bench_work_dir DIR: sets `work` to DIR (created) when DIR is given (a
# BENCH_*_DIR setting: the outputs are kept there), else to a temporary
# directory removed when the script exits.
bench_work_dir() {
  if [[ -n "$1" ]]; then
    work=$1
    mkdir -p "$work"
  else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
  fi
}
