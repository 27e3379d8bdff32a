#!/bin/bash
# Time and memory of every hostile input of tests/e2e/pathological.sh and
# tests/e2e/images.sh: the tests are run with vanban wrapped in GNU time, and each run's input, exit
# status, wall time and peak memory are printed as a Markdown table. The
# target is under 3 s and 300 MB for every case, with exit status 0 or 1.
set -u
cd "$(dirname "$0")/.."
VANBAN=${VANBAN:-./vanban}
if [ ! -x /usr/bin/time ] || [ ! -x "$VANBAN" ]; then
	echo "bench/hostile.sh: needs GNU time (/usr/bin/time) and $VANBAN" >&2
	exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
real=$(realpath "$VANBAN")
cat > "$dir/vanban" <<WRAP
#!/bin/bash
in=-
for a in "\$@"; do case "\$a" in *.yaml|*.md|*.csv|*.png|*.jpg) in=\$(basename "\$a"); break ;; esac; done
lim=\$(ulimit -v)
exec /usr/bin/time -a -o "$dir/log" -f "\$in %x %e %M \$lim" "$real" "\$@"
WRAP
chmod +x "$dir/vanban"
for t in pathological images; do
	VANBAN="$dir/vanban" bash tests/e2e/$t.sh >> "$dir/test.out" 2>&1
done
echo "| input | status | seconds | peak MB | within 3 s and 300 MB |"
echo "|---|---:|---:|---:|---|"
grep -v '^Command' "$dir/log" | awk '{
	ok = ($2 <= 1 && $3 < 3 && $4 < 300 * 1024) ? "yes" : "**no**"
	# A run under a memory limit (the out-of-memory test) ends in 3.
	if ($5 != "unlimited" && $2 == 3) { ok = "yes (out of memory under ulimit -v " $5 ")" }
	printf "| %s | %s | %.2f | %.0f | %s |\n", $1, $2, $3, $4 / 1024, ok }'
grep -q FAILED "$dir/test.out" && { echo "a test failed:" >&2; grep -A2 FAILED "$dir/test.out" >&2; exit 1; }
exit 0
