#!/usr/bin/env bash
# Runs every fuzz target in turn for FUZZ_SECONDS (default 420), or until
# FUZZ_RUNS inputs when that is set and comes first, and prints a Markdown
# table of the figures libFuzzer reports. New inputs collect in
# FUZZ_DIR/corpus-<target> (default /tmp/vanban-fuzz), so a second run
# starts where the first stopped. Run from the repository root after
# `make fuzz` (make fuzz-run does both). Exit status 1 if any target found
# something: its log names the input libFuzzer wrote (FUZZ_DIR/<target>-crash-...).
set -uo pipefail
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SECONDS:-420}
RUNS=${FUZZ_RUNS:--1}
DIR=${FUZZ_DIR:-/tmp/vanban-fuzz}
TARGETS=${FUZZ_TARGETS:-csv template document markdown style png verify}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
mkdir -p "$DIR"
status=0
echo "| target | runs | time | exec/s | cov | findings |"
echo "|---|---:|---:|---:|---:|---|"
for t in $TARGETS; do
	case $t in
	document) seeds=tests/fuzz/corpus ;;
	markdown) seeds=tests/fuzz/corpus-md ;;
	*) seeds=tests/fuzz/corpus-$t ;;
	esac
	bin=build-fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "tests/fuzz/run.sh: $bin is missing; run make fuzz" >&2; exit 2; }
	mkdir -p "$DIR/corpus-$t"
	log=$DIR/$t.log
	# -close_fd_mask=3: the targets' own output (diagnostics, dumps) goes
	# nowhere, which more than doubles the rate of the CSV target;
	# libFuzzer and the sanitizers still report to the log.
	start=$(date +%s)
	"$bin" -max_total_time="$SECS" -runs="$RUNS" -timeout=10 -rss_limit_mb=2048 \
		-close_fd_mask=3 -print_final_stats=1 \
		-artifact_prefix="$DIR/$t-" "$DIR/corpus-$t" "$seeds" > "$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	found=none
	if [ $rc -ne 0 ]; then
		found="exit $rc, see $log"
		status=1
	fi
	printf '| fuzz_%s | %s | %s s | %s | %s | %s |\n' "$t" "${runs:-?}" "$took" "${rate:-?}" "${cov:-?}" "$found"
done
exit $status
