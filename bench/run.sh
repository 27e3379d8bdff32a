#!/usr/bin/env bash
# bench/run.sh - time ./vanban on every sample (run by `make bench`).
#
# For each samples/*.yaml and samples/*.md: 2 warm-up renders, then
# BENCH_RUNS (default 15) timed renders into a temporary directory.
# Reported per sample, as the median of the timed runs:
#   wall ms   date +%s%N taken just before and just after each run
#   CPU ms    user + sys from GNU time (%U + %S, 10 ms resolution)
#   RSS MB    peak resident set size from GNU time (%M, KB)
# plus the page count (pdfinfo) and the size of the PDF.
# If bench/README.md has a "## Recorded" section with a table in the same
# column order, the figures are compared with it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

VANBAN=${VANBAN:-./vanban}
RUNS=${BENCH_RUNS:-15}
WARMUP=2
README=bench/README.md
GNU_TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$RUNS')"
[[ -x $VANBAN ]] || die "$VANBAN not found or not executable: build it first with 'make all'"
[[ -x $GNU_TIME ]] || die "$GNU_TIME not found: install the Debian package 'time' (apt-get install time)"
"$GNU_TIME" --version 2>&1 | grep -q 'GNU' \
    || die "$GNU_TIME is not GNU time: install the Debian package 'time' (apt-get install time)"
command -v pdfinfo >/dev/null \
    || die "pdfinfo not found: install the Debian package 'poppler-utils' (apt-get install poppler-utils)"

shopt -s nullglob
mapfile -t SAMPLES < <(printf '%s\n' samples/*.yaml samples/*.md | LC_ALL=C sort)
shopt -u nullglob
((${#SAMPLES[@]} > 0)) || die "no samples/*.yaml or samples/*.md found"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vanban-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# median: one number per line on stdin -> median (mean of the middle two
# when the count is even).
median() {
    LC_ALL=C sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) exit 1
              if (NR % 2) print v[(NR + 1) / 2]
              else        print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

now_ns() { date +%s%N; }

# The floor of the method: a trivial program timed the same way
# (date before, /usr/bin/time around it, date after).
floor_runs=()
for ((i = 0; i < RUNS; i++)); do
    t0=$(now_ns)
    "$GNU_TIME" -o "$TMP/floor" -f '%e' true
    t1=$(now_ns)
    floor_runs+=("$(( t1 - t0 ))")
done
FLOOR_MS=$(printf '%s\n' "${floor_runs[@]}" | median | awk '{ printf "%.1f", $1 / 1e6 }')

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
version=$("$VANBAN" --version 2>/dev/null | head -n 1 || true)
commit=$(git rev-parse --short HEAD 2>/dev/null || true)
if [[ -n $commit ]] && ! git diff --quiet HEAD -- 2>/dev/null; then
    commit="$commit + uncommitted changes"
fi

echo "# vanban benchmark"
echo
echo "- date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
echo "- machine: $(nproc) CPU(s), ${cpu_model:-unknown CPU model}"
echo "- kernel: $(uname -sr)"
echo "- program: ${version:-$VANBAN}${commit:+ (commit $commit)}"
echo "- method: $WARMUP warm-up + $RUNS timed runs per document, medians reported"
echo "- method floor: '/usr/bin/time true' timed the same way takes $FLOOR_MS ms (included in every wall figure)"
echo

# render SAMPLE OUT: one run under GNU time; its figures land in $TMP/time.
render() {
    "$GNU_TIME" -o "$TMP/time" -f '%e %U %S %M' "$VANBAN" render "$1" -o "$2" \
        >"$TMP/stdout" 2>"$TMP/stderr" \
        || { echo "bench: rendering $1 failed:" >&2; cat "$TMP/stderr" >&2; exit 1; }
}

NAMES=() PAGES=() WALL=() CPU=() RSS=() KB=()
for s in "${SAMPLES[@]}"; do
    name=$(basename "$s")
    out="$TMP/${name%.*}.pdf"
    for ((i = 0; i < WARMUP; i++)); do render "$s" "$out"; done
    : >"$TMP/wall"; : >"$TMP/cpu"; : >"$TMP/rss"
    for ((i = 0; i < RUNS; i++)); do
        t0=$(now_ns)
        render "$s" "$out"
        t1=$(now_ns)
        echo "$(( t1 - t0 ))" >>"$TMP/wall"
        # GNU time may put a "Command exited ..." line first; use the last line.
        read -r _e user sys rss < <(tail -n 1 "$TMP/time")
        awk -v u="$user" -v s="$sys" 'BEGIN { print (u + s) * 1000 }' >>"$TMP/cpu"
        echo "$rss" >>"$TMP/rss"
    done
    wall=$(median <"$TMP/wall" | awk '{ printf "%.1f", $1 / 1e6 }')
    cpu=$(median <"$TMP/cpu" | awk '{ printf "%.0f", $1 }')
    rss=$(median <"$TMP/rss" | awk '{ printf "%.1f", $1 / 1024 }')
    pages=$(pdfinfo "$out" | awk '/^Pages:/ { print $2 }')
    kb=$(awk -v b="$(stat -c %s "$out")" 'BEGIN { printf "%.1f", b / 1024 }')
    NAMES+=("$name") PAGES+=("${pages:-?}") WALL+=("$wall") CPU+=("$cpu") RSS+=("$rss") KB+=("$kb")
done

echo "| document | pages | wall ms (median) | CPU ms (median) | peak RSS MB | PDF KB |"
echo "|---|---:|---:|---:|---:|---:|"
for i in "${!NAMES[@]}"; do
    echo "| ${NAMES[i]} | ${PAGES[i]} | ${WALL[i]} | ${CPU[i]} | ${RSS[i]} | ${KB[i]} |"
done

# Comparison with bench/README.md, section "## Recorded": rows of the form
# | document | pages | wall ms | CPU ms | RSS MB | PDF KB |
recorded=""
if [[ -f $README ]]; then
    recorded=$(awk '
        /^## /       { in_rec = ($0 ~ /^## Recorded[[:space:]]*$/); next }
        in_rec && /^\|/ {
            n = split($0, f, "|")
            doc = f[2]; gsub(/^[ \t]+|[ \t]+$/, "", doc)
            if (doc == "" || doc == "document" || doc ~ /^[-:]+$/) next
            line = doc
            for (i = 3; i <= 7 && i < n; i++) { v = f[i]; gsub(/[ \t]/, "", v); line = line "\t" v }
            print line
        }' "$README")
fi

echo
if [[ -z $recorded ]]; then
    echo "recorded figures: see $README (no '## Recorded' table found to compare with)"
    exit 0
fi

echo "Compared with $README, section \"Recorded\" (now / recorded):"
echo
echo "| document | pages | wall ms | CPU ms | peak RSS MB | PDF KB |"
echo "|---|---:|---:|---:|---:|---:|"
for i in "${!NAMES[@]}"; do
    rec=$(awk -F'\t' -v d="${NAMES[i]}" '$1 == d { print; exit }' <<<"$recorded")
    rpages=- rwall=- rcpu=- rrss=- rkb=- delta=""
    if [[ -n $rec ]]; then
        IFS=$'\t' read -r _ rpages rwall rcpu rrss rkb <<<"$rec"
        # the relative change of the wall time
        delta=$(awk -v a="${WALL[i]}" -v b="$rwall" 'BEGIN {
            if (b + 0 > 0) printf " (%+.0f%%)", (a - b) / b * 100 }')
    fi
    echo "| ${NAMES[i]} | ${PAGES[i]} / $rpages | ${WALL[i]} / $rwall$delta |" \
         "${CPU[i]} / $rcpu | ${RSS[i]} / $rrss | ${KB[i]} / $rkb |"
done
exit 0
