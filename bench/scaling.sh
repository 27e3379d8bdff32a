#!/usr/bin/env bash
# Cost against length: notices of about 1, 10, 100 and 1000 pages, and a
# 30-page report; median wall time and peak memory over a few runs.
# Run from the repository root after `make all` (make bench runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
VANBAN=${VANBAN:-./vanban}
RUNS=${BENCH_RUNS:-5}
[ -x "$VANBAN" ] || { echo "bench/scaling.sh: $VANBAN is missing; run make all" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/scaling.sh: needs GNU time (Debian package time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# A notice whose body is n paragraphs of about 60 words (10 make a page).
gen() {
	sed '/^body: |/,$d' samples/thong-bao-ket-luan.yaml
	echo "body: |"
	for ((i = 1; i <= $1; i++)); do
		echo "  Đoạn thứ $i: các cấp công đoàn trong tỉnh đã chủ động phối hợp với chính quyền"
		echo "  đồng cấp triển khai nhiều hoạt động thiết thực, chăm lo đời sống vật chất và tinh"
		echo "  thần cho đoàn viên, người lao động, góp phần hoàn thành thắng lợi nhiệm vụ chính"
		echo "  trị của địa phương; tổ chức tốt các phong trào thi đua yêu nước trong công nhân,"
		echo "  viên chức, lao động."
		echo
	done
	sed -n '/^signature:/,$p' samples/thong-bao-ket-luan.yaml
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() { # file -> "pages wall_ms rss_mb kb"
	local f=$1 walls=() rss=() out=$TMP/out.pdf
	"$VANBAN" render "$f" -o "$out" # warm-up
	for ((r = 0; r < RUNS; r++)); do
		local t0 t1
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$TMP/time" "$VANBAN" render "$f" -o "$out"
		t1=$(date +%s%N)
		walls+=($(((t1 - t0) / 1000)))
		rss+=("$(cat "$TMP/time")")
	done
	local pages
	pages=$(pdfinfo "$out" | sed -n 's/^Pages: *//p')
	printf '%s %s %s %s\n' "$pages" \
		"$(printf '%s\n' "${walls[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')" \
		"$(printf '%s\n' "${rss[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }')" \
		"$(($(stat -c %s "$out") / 1024))"
}

echo "| document | pages | wall ms (median of $RUNS) | ms per page | peak RSS MB | PDF KB |"
echo "|---|---:|---:|---:|---:|---:|"
for n in 3 75 790 7900; do
	gen $n > "$TMP/n$n.yaml"
	read -r pages wall rss kb < <(measure "$TMP/n$n.yaml")
	printf '| notice, %d paragraphs | %s | %s | %s | %s | %s |\n' "$n" "$pages" "$wall" \
		"$(awk -v w="$wall" -v p="$pages" 'BEGIN { printf "%.2f", w / p }')" "$rss" "$kb"
done
# The 30-page report: a long sample made longer.
gen 235 > "$TMP/report.yaml"
read -r pages wall rss kb < <(measure "$TMP/report.yaml")
printf '| report | %s | %s | %s | %s | %s |\n' "$pages" "$wall" \
	"$(awk -v w="$wall" -v p="$pages" 'BEGIN { printf "%.2f", w / p }')" "$rss" "$kb"
