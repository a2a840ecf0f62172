#!/usr/bin/env bash
# Times whole builds of studysite, Hugo and mdBook on the same generated corpora.
#
#   bench/build/run.sh                       # the issue's table: 30, 1,000, 5,000, 20,000 pages
#   bench/build/run.sh --sizes 30,1000 --tools studysite,hugo-fullnav
#   bench/build/run.sh --shape dense         # three times the questions and code per page
#   bench/build/run.sh --shape vault         # Obsidian-style: callouts, wikilinks, formulas, raw HTML
#
# Corpora (bench/build/gen.py) and build outputs live on tmpfs (default /dev/shm/studysite-bench).
# For every size and tool: one /usr/bin/time -v run (peak RSS, output size, and a check that the
# build succeeds), then hyperfine with the output folder removed before every run.
#
# Every measurement is appended to WORK/results.tsv as it finishes; the table printed at the end
# (and written to WORK/results.md) shows the latest measurement of every size and tool in that
# file, so several calls add up to one table (--fresh starts a new one). Columns: median wall
# time (and the number of runs), mean user+system CPU time (less sensitive than wall time to
# other work on the machine), peak RSS, output size (du -sb), wall and CPU milliseconds per page,
# and the 1-minute load average just before the runs (above the core count, the machine was busy).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

sizes=30,1000,5000,20000
tools=studysite,hugo,mdbook
work=""
shape=notes
runs=""
warmup=""
keep=0
guard=1
fresh=0
table_only=0
mdbook_max=5000
fullnav_max=1000
studysite=$repo/target/release/studysite
hugo=$(command -v hugo || true)
mdbook=$(command -v mdbook || echo "$HOME/.cargo/bin/mdbook")

usage() {
  cat <<EOF
usage: bench/build/run.sh [options]
  --sizes LIST        page counts, comma-separated (default $sizes)
  --tools LIST        default $tools; the variant hugo-fullnav lists every page of every
                      section on every page (studysite's sidebar below 150 entries)
  --runs N            hyperfine runs per build (default: 10 up to 100 pages, 5 up to 1,000, 1
                      above). With one run and no warm-up, the /usr/bin/time run is that run.
  --warmup N          hyperfine warm-up runs (default: 1 up to 1,000 pages, else 0)
  --mdbook-max N      skip mdBook above N pages (default $mdbook_max, as the issue did)
  --fullnav-max N     skip hugo-fullnav above N pages (default $fullnav_max)
  --shape S           notes (default), dense or vault: gen.py's shapes (bench/README.md, "Scale")
  --work DIR          corpora, outputs and results (default \$BENCH_DIR or
                      /dev/shm/studysite-bench, with -SHAPE for the other shapes; keep it on tmpfs)
  --studysite BIN     studysite binary (default target/release/studysite; it is not rebuilt)
  --fresh             forget earlier measurements in DIR/results.tsv
  --table             measure nothing: print the table of DIR/results.tsv
  --keep              keep the build outputs (default: removed after each measurement)
  --no-guard          do not skip builds whose output is estimated not to fit in half of DIR's
                      free space (estimated quadratically from the largest smaller size measured)
EOF
}

while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --mdbook-max) mdbook_max=$2; shift 2 ;;
    --fullnav-max) fullnav_max=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --shape) shape=$2; shift 2 ;;
    --studysite) studysite=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --table) table_only=1; shift ;;
    --keep) keep=1; shift ;;
    --no-guard) guard=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

case $shape in notes|dense|vault) ;; *) echo "unknown shape: $shape (notes, dense or vault)" >&2; exit 2 ;; esac
if [ -z "$work" ]; then
  work=${BENCH_DIR:-/dev/shm/studysite-bench}
  [ "$shape" = notes ] || work=$work-$shape
fi
IFS=, read -r -a size_list <<<"$sizes"
IFS=, read -r -a tool_list <<<"$tools"
for t in "${tool_list[@]}"; do
  case $t in studysite|hugo|hugo-fullnav|mdbook) ;; *) echo "unknown tool: $t" >&2; exit 2 ;; esac
done
for n in "${size_list[@]}"; do
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || { echo "bad size: $n" >&2; exit 2; }
done
command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
[ -x "$studysite" ] || { echo "$studysite is missing: cargo build --release" >&2; exit 1; }

mkdir -p "$work/out" "$work/json" "$work/logs"
tsv=$work/results.tsv
md=$work/results.md
[ "$fresh" = 0 ] || : >"$tsv"
touch "$tsv"

version() {
  case $1 in
    studysite) "$studysite" --version 2>/dev/null | head -1 ;;
    hugo) [ -n "$hugo" ] && "$hugo" version 2>/dev/null | awk '{print "hugo " $2}' ;;
    mdbook) [ -x "$mdbook" ] && "$mdbook" --version 2>/dev/null | head -1 ;;
  esac
}

installed() {
  case $1 in
    studysite) true ;;
    hugo|hugo-fullnav) [ -n "$hugo" ] ;;
    mdbook) [ -x "$mdbook" ] ;;
  esac
}

# The build command of a tool for a corpus and an output folder, as one shell string.
command_for() {
  local tool=$1 corpus=$2 out=$3
  case $tool in
    studysite) printf '%q build %q -o %q' "$studysite" "$corpus/$tool" "$out" ;;
    hugo|hugo-fullnav) printf '%q --quiet --minify -s %q -d %q' "$hugo" "$corpus/$tool" "$out" ;;
    mdbook) printf '%q build %q -d %q' "$mdbook" "$corpus/mdbook" "$out" ;;
  esac
}

default_runs() {
  local n=$2
  if [ "$n" -le 100 ]; then echo 10
  elif [ "$n" -le 1000 ]; then echo 5
  else echo 1
  fi
}

default_warmup() { if [ "$2" -le 1000 ] && [ "$(default_runs "$1" "$2")" -gt 1 ]; then echo 1; else echo 0; fi; }

# "median<TAB>mean user+system CPU seconds" of a hyperfine JSON export.
json_times() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["user"] + r["system"], sep="\t")' "$1"
}

# Output bytes of a tool at n pages, extrapolated quadratically from the largest smaller size in
# the results (empty if none).
estimate_bytes() {
  python3 - "$tsv" "$1" "$2" <<'EOF'
import sys
tsv, tool, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
best = None
for line in open(tsv, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) >= 8 and f[1] == tool and f[2] == "ok" and int(f[0]) < n:
        if best is None or int(f[0]) >= best[0]:
            best = (int(f[0]), int(f[7]))
if best:
    print(int(best[1] * (n / best[0]) ** 2), best[0])
EOF
}

row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tsv"; }

gen_tools=$(printf '%s\n' "${tool_list[@]}" | paste -sd, -)

[ "$table_only" = 0 ] || size_list=()
for n in "${size_list[@]}"; do
  corpus=$work/corpus-$n
  python3 "$here/gen.py" --pages "$n" --shape "$shape" --out "$corpus" --tools "$gen_tools"
  for tool in "${tool_list[@]}"; do
    if ! installed "$tool"; then
      echo "$tool is not installed; skipped" >&2
      row "$n" "$tool" "not installed"
      continue
    fi
    if [ "$tool" = mdbook ] && [ "$n" -gt "$mdbook_max" ]; then
      echo "mdbook $n pages: skipped (--mdbook-max $mdbook_max)" >&2
      row "$n" "$tool" "skipped (--mdbook-max $mdbook_max)"
      continue
    fi
    if [ "$tool" = hugo-fullnav ] && [ "$n" -gt "$fullnav_max" ]; then
      echo "hugo-fullnav $n pages: skipped (--fullnav-max $fullnav_max)" >&2
      row "$n" "$tool" "skipped (--fullnav-max $fullnav_max)"
      continue
    fi
    out=$work/out/$tool-$n
    rm -rf "$out"
    if [ "$guard" = 1 ]; then
      read -r est from <<<"$(estimate_bytes "$tool" "$n")" || true
      avail=$(df -B1 --output=avail "$work" | tail -1 | tr -d ' ')
      if [ -n "${est:-}" ] && [ "$est" -gt $((avail / 2)) ]; then
        msg="skipped: output estimated at $((est / 1000000000)) GB from the $from-page build, $((avail / 1000000000)) GB free"
        echo "$tool $n pages: $msg" >&2
        row "$n" "$tool" "$msg"
        continue
      fi
    fi
    cmd=$(command_for "$tool" "$corpus" "$out")
    log=$work/logs/$tool-$n.log
    echo "== $tool, $n pages: $cmd" >&2
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    if ! /usr/bin/time -v -o "$log.time" bash -c "$cmd" >"$log" 2>&1; then
      echo "$tool failed on $n pages; see $log" >&2
      tail -20 "$log" >&2
      row "$n" "$tool" "failed"
      continue
    fi
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
    bytes=$(du -sb "$out" | cut -f1)
    r=${runs:-$(default_runs "$tool" "$n")}
    w=${warmup:-$(default_warmup "$tool" "$n")}
    if [ "$r" = 1 ] && [ "$w" = 0 ]; then
      # One run: the /usr/bin/time run above is that run (it also started from no output).
      times=$(awk -F': ' '
        /Elapsed \(wall clock\)/ { k = split($2, a, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + a[i] }
        /User time/ { u = $2 } /System time/ { y = $2 }
        END { printf "%s\t%s\n", s, u + y }' "$log.time")
      load=$load_before
    else
      json=$work/json/$tool-$n.json
      load=$(cut -d' ' -f1 /proc/loadavg)
      hyperfine --style basic --warmup "$w" --runs "$r" --prepare "rm -rf $(printf '%q' "$out")" \
        --export-json "$json" -n "$tool-$n" "$cmd" >&2
      times=$(json_times "$json")
    fi
    printf '%s\t%s\tok\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$times" "$r" "$rss_kb" "$bytes" "$load" \
      "$(date -u +%Y-%m-%d)" >>"$tsv"
    [ "$keep" = 1 ] || rm -rf "$out"
  done
done

{
  echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM; corpora and outputs on" \
    "$(df --output=fstype "$work" | tail -1)."
  echo -n "Versions:"
  for t in studysite hugo mdbook; do v=$(version "$t" || true); [ -z "$v" ] || echo -n " $v;"; done
  echo " $(hyperfine --version)."
  echo
  python3 - "$tsv" <<'EOF'
import sys

ORDER = ["studysite", "hugo", "hugo-fullnav", "mdbook"]

def wall(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s" if s < 10 else f"{s:.1f} s" if s < 100 else f"{s:.0f} s"

latest = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    latest[(int(f[0]), f[1])] = f
print("| pages | tool | median wall (runs) | CPU user+sys | peak RSS | output | wall ms/page | CPU ms/page | load | date |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
for (n, tool), f in sorted(latest.items(), key=lambda kv: (kv[0][0], ORDER.index(kv[0][1]))):
    if f[2] != "ok":
        print(f"| {n:,} | {tool} | {f[2]} | | | | | | | |")
        continue
    median, cpu, runs, rss_kb, size, load, date = float(f[3]), float(f[4]), int(f[5]), int(f[6]), int(f[7]), f[8], f[9]
    print(
        f"| {n:,} | {tool} | {wall(median)} ({runs}) | {wall(cpu)} | {rss_kb / 1024:,.0f} MiB | "
        f"{size / 1e6:,.1f} MB | {median * 1000 / n:.1f} | {cpu * 1000 / n:.1f} | {load} | {date} |"
    )
EOF
} | tee "$md"
echo "(written to $md)" >&2
