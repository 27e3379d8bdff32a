#!/usr/bin/env bash
# Memory of a long batch in one PDF: 100,000 certificates (the list of
# bench/run.sh), as a plain PDF and as PDF/A, one run each under GNU time;
# prints the peak RSS (target: at most 150 MB) and the wall time, and
# checks the page count and qpdf --check. BENCH_MEMORY_CERTS=N for another
# size, 0 to skip. Run from the repository root (make bench runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
VANBAN=${VANBAN:-./vanban}
N=${BENCH_MEMORY_CERTS:-100000}
[[ $N == 0 ]] && exit 0
[ -x "$VANBAN" ] || { echo "bench/memory.sh: $VANBAN is missing; run make all" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/memory.sh: needs GNU time (Debian package time)" >&2; exit 2; }
command -v qpdf >/dev/null || { echo "bench/memory.sh: needs qpdf" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The list and the document of bench/run.sh, from there.
source <(sed -n '/^gen_list() {/,/^}/p;/^cert_yaml() {/,/^}/p' bench/run.sh)
gen_list "$N" "$TMP/certs.csv"
cert_yaml certs.csv > "$TMP/certs.yaml"
echo "| certificates | output | wall s | peak RSS MB | PDF MB | pages | qpdf --check |"
echo "|---:|---|---:|---:|---:|---:|---|"
worst=0
for mode in plain pdfa; do
	args=()
	[[ $mode == pdfa ]] && args=(--pdfa)
	out=$TMP/certs-$mode.pdf
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$TMP/time" "$VANBAN" render "${args[@]}" "$TMP/certs.yaml" -o "$out"
	t1=$(date +%s%N)
	kb=$(tail -1 "$TMP/time")
	pages=$(pdfinfo "$out" | awk '/^Pages:/ { print $2 }')
	q=clean
	qpdf --check "$out" > "$TMP/qpdf" 2>&1 || q=FAILED
	grep -q WARNING "$TMP/qpdf" && q=warnings
	[[ $pages == "$N" ]] || q="$q, pages wrong"
	printf '| %d | %s | %.1f | %.1f | %.1f | %s | %s |\n' "$N" "$mode" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')" \
		"$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" \
		"$(awk -v b="$(stat -c %s "$out")" 'BEGIN { print b / 1048576 }')" "$pages" "$q"
	(( kb > worst )) && worst=$kb
	rm -f "$out"
done
awk -v k="$worst" 'BEGIN { printf "target: peak RSS at most 150 MB: %s (%.1f MB)\n",
	k / 1024 <= 150 ? "met" : "NOT met", k / 1024 }'
