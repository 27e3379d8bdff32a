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
#
# Then certificates in batch (a second table): a list of BENCH_CERT_SIZES
# (default "100 500") awardees with Vietnamese names is generated as a CSV
# in the temporary directory, and each size is rendered both as one PDF
# (`render X.yaml -o X.pdf`) and with --split (one PDF per awardee and a
# manifest), with the same warm-up and the same number of timed runs
# (BENCH_CERT_RUNS, default BENCH_RUNS). Reported: wall ms, CPU ms, peak
# RSS MB and the output size (the PDF, or the sum of the PDFs written by
# --split). BENCH_CERTS=0 leaves this part out.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

VANBAN=${VANBAN:-./vanban}
RUNS=${BENCH_RUNS:-15}
WARMUP=2
CERTS=${BENCH_CERTS:-1}
CERT_RUNS=${BENCH_CERT_RUNS:-$RUNS}
CERT_SIZES=${BENCH_CERT_SIZES:-100 500}
README=bench/README.md
GNU_TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$RUNS')"
[[ $CERT_RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_CERT_RUNS must be a positive integer (got '$CERT_RUNS')"
[[ $CERTS =~ ^[01]$ ]] || die "BENCH_CERTS must be 0 or 1 (got '$CERTS')"
for n in $CERT_SIZES; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_CERT_SIZES must be positive integers (got '$CERT_SIZES')"
done
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
if [[ $CERTS == 1 ]]; then
    echo "- certificates: batches of $CERT_SIZES, $WARMUP warm-up + $CERT_RUNS timed runs each"
fi
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
else
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
fi

[[ $CERTS == 1 ]] || exit 0

# ---- Certificates in batch ---------------------------------------------------
# gen_list N FILE: N awardees, Vietnamese names and units built from lists
# (deterministic: the same N gives the same file). Every 10th row is a
# collective; every 7th has its own reason, quoted because of its comma.
gen_list() {
    awk -v n="$1" 'BEGIN {
        nh = split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý", ho, " ")
        ndm = split("Văn Hữu Đức Minh Quốc Thanh Xuân Công", dm, " ")
        ndf = split("Thị Ngọc Thu Hồng Kim Thanh Minh Thị", df, " ")
        ntm = split("An Bình Cường Dũng Hải Hùng Khánh Long Nam Phong Quang Sơn Trung Tuấn Vinh Đức Lộc Hòa", tm, " ")
        ntf = split("Hà Hạnh Hương Lan Linh Mai Nga Phương Tâm Thảo Yến Nhung Thủy Giang Hằng Nguyệt", tf, " ")
        nc = split("Chủ tịch Công đoàn cơ sở|Phó Chủ tịch Công đoàn cơ sở|Ủy viên Ban Chấp hành Công đoàn cơ sở|Tổ trưởng Công đoàn|Đoàn viên Công đoàn cơ sở", chuc, "|")
        nu = split("Sở Y tế|Sở Giáo dục và Đào tạo|Sở Tài chính|Sở Kế hoạch và Đầu tư|Sở Tư pháp|Sở Nội vụ|Sở Khoa học và Công nghệ|Sở Văn hóa, Thể thao và Du lịch|Sở Tài nguyên và Môi trường|Sở Lao động - Thương binh và Xã hội|Sở Giao thông vận tải|Sở Xây dựng|Sở Công Thương|Cục Thuế tỉnh|Bảo hiểm xã hội tỉnh|Thanh tra tỉnh|Đài Phát thanh - Truyền hình tỉnh|Văn phòng Ủy ban nhân dân tỉnh", unit, "|")
        printf "\357\273\277STT,Họ và tên,Đơn vị,Thành tích,Số sổ\r\n"
        for (i = 1; i <= n; i++) {
            u = unit[(i * 7) % nu + 1]
            if (i % 10 == 0) {
                name = "Công đoàn cơ sở " u; who = ""
            } else {
                if (i % 3 == 1)
                    name = "Bà " ho[(i * 3) % nh + 1] " " df[(i * 5) % ndf + 1] " " tf[(i * 11) % ntf + 1]
                else
                    name = "Ông " ho[(i * 3) % nh + 1] " " dm[(i * 5) % ndm + 1] " " tm[(i * 13) % ntm + 1]
                who = "\"" chuc[i % nc + 1] " " u "\""
            }
            reason = i % 7 == 0 ? "\"Đã có thành tích xuất sắc trong phong trào thi đua “Giỏi việc nước, đảm việc nhà” năm 2020\"" : ""
            printf "%d,%s,%s,%s,%03d/GK\r\n", i, name, who, reason, i
        }
    }' > "$2"
}

cert_yaml() { # cert_yaml CSV
    cat <<EOF
type: giay-khen
style: cong-doan
issuer:
  name: Ban Thường vụ Công đoàn Viên chức tỉnh Quảng Trị
place: Quảng Trị
date: 2021-01-08
decision: {number: 5, code: QĐ-CĐVC, date: 2021-01-06}
reason: Đã có thành tích xuất sắc trong hoạt động công đoàn năm 2020
signature: {authority: TM., for: Ban Thường vụ, title: Chủ tịch, name: Trần Quốc Bảo}
awardees_file: $1
EOF
}

# timed ARGS...: one run of vanban under GNU time; figures in $TMP/time.
timed() {
    "$GNU_TIME" -o "$TMP/time" -f '%e %U %S %M' "$VANBAN" render "$@" \
        >"$TMP/stdout" 2>"$TMP/stderr" \
        || { echo "bench: vanban render $* failed:" >&2; cat "$TMP/stderr" >&2; exit 1; }
}

# bench_batch N MODE: MODE one (one PDF) or split; appends a table row.
CROWS=()
declare -A CRSS CKB CWALL
bench_batch() {
    local n=$1 mode=$2 yaml=$TMP/certs-$1.yaml out=$TMP/certs-$1.pdf dir=$TMP/split-$1
    local args files count
    if [[ $mode == one ]]; then args=("$yaml" -o "$out"); else args=("$yaml" --split "$dir"); fi
    for ((i = 0; i < WARMUP; i++)); do rm -rf "$dir"; timed "${args[@]}"; done
    : >"$TMP/wall"; : >"$TMP/cpu"; : >"$TMP/rss"
    for ((i = 0; i < CERT_RUNS; i++)); do
        rm -rf "$dir"
        t0=$(now_ns)
        timed "${args[@]}"
        t1=$(now_ns)
        echo "$(( t1 - t0 ))" >>"$TMP/wall"
        read -r _e user sys rss < <(tail -n 1 "$TMP/time")
        awk -v u="$user" -v s="$sys" 'BEGIN { print (u + s) * 1000 }' >>"$TMP/cpu"
        echo "$rss" >>"$TMP/rss"
    done
    local wall cpu rssmb kb
    wall=$(median <"$TMP/wall" | awk '{ printf "%.1f", $1 / 1e6 }')
    cpu=$(median <"$TMP/cpu" | awk '{ printf "%.0f", $1 }')
    rssmb=$(median <"$TMP/rss" | awk '{ printf "%.1f", $1 / 1024 }')
    if [[ $mode == one ]]; then
        files=1
        count=$(pdfinfo "$out" | awk '/^Pages:/ { print $2 }')
        kb=$(awk -v b="$(stat -c %s "$out")" 'BEGIN { printf "%.1f", b / 1024 }')
    else
        files=$(find "$dir" -name '*.pdf' | wc -l)
        count=$(( $(wc -l <"$dir/manifest.csv") - 1 ))
        kb=$(find "$dir" -name '*.pdf' -printf '%s\n' | awk '{ t += $1 } END { printf "%.1f", t / 1024 }')
    fi
    [[ $count == "$n" ]] || { echo "bench: $n certificates expected, $count made ($mode)" >&2; exit 1; }
    local label="one PDF"
    [[ $mode == split ]] && label="--split"
    CROWS+=("| $n | $label | $files | $wall | $cpu | $rssmb | $kb |")
    CRSS[$n-$mode]=$rssmb CKB[$n-$mode]=$kb CWALL[$n-$mode]=$wall
}

for n in $CERT_SIZES; do
    gen_list "$n" "$TMP/certs-$n.csv"
    cert_yaml "certs-$n.csv" >"$TMP/certs-$n.yaml"
    bench_batch "$n" one
    bench_batch "$n" split
done

echo
echo "Certificates in batch (giay-khen, generated lists; medians of $CERT_RUNS runs):"
echo
echo "| certificates | output | files | wall ms (median) | CPU ms (median) | peak RSS MB | output KB |"
echo "|---:|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${CROWS[@]}"

# The targets (bench/README.md): 500 in one PDF in at most 150 ms wall and
# 300 KB; in split mode the peak RSS should not grow with the batch.
echo
if [[ -n ${CWALL[500-one]:-} ]]; then
    awk -v w="${CWALL[500-one]}" -v k="${CKB[500-one]}" 'BEGIN {
        printf "target, 500 in one PDF: wall %s ms (<= 150: %s), size %s KB (<= 300: %s)\n",
            w, (w <= 150 ? "met" : "NOT met"), k, (k <= 300 ? "met" : "NOT met") }'
fi
set -- $CERT_SIZES
if (($# >= 2)); then
    first=$1 last=${!#}
    awk -v a="${CRSS[$first-split]}" -v b="${CRSS[$last-split]}" -v n1="$first" -v n2="$last" 'BEGIN {
        printf "split mode, peak RSS: %s MB for %d, %s MB for %d (%+.1f MB, %.1f KB per extra certificate)\n",
            a, n1, b, n2, b - a, n2 != n1 ? (b - a) * 1024 / (n2 - n1) : 0 }'
fi
exit 0
