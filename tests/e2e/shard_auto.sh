# --shard auto: each job runner's variables give this process's share, and
# the shards' --split outputs together are the unsharded run, byte for byte.
. tests/lib.sh
DOC=samples/giay-khen-2020.yaml
unset JOB_COMPLETION_INDEX SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_STEP \
	SLURM_ARRAY_TASK_COUNT AWS_BATCH_JOB_ARRAY_INDEX PARALLEL_SEQ
"$VANBAN" render $DOC --split "$TMP/all/" 2> /dev/null
check "the unsharded batch" test "$(ls "$TMP/all" | grep -c pdf)" -ge 6

# same NAME DIR: DIR's certificates are those of the unsharded run, the
# manifests' rows together too.
same() {
	local name=$1 dir=$2
	check "$name: the same files" test "$(cd "$dir" && ls | grep -v manifest | sort)" = \
		"$(cd "$TMP/all" && ls | grep -v manifest | sort)"
	local f bad=0
	for f in "$TMP"/all/*.pdf; do cmp -s "$f" "$dir/$(basename "$f")" || bad=1; done
	check "$name: the same bytes" test $bad -eq 0
	check "$name: the manifests together" test \
		"$(tail -q -n +2 "$dir"/manifest-*.csv | sort)" = "$(tail -n +2 "$TMP/all/manifest.csv" | sort)"
}
# shards NAME N ENV...: runs shard k of N with ENV (where @ is replaced by
# the runner's value for k) and --shard ARG, gathering into one directory.
run_shards() {
	local name=$1 n=$2 arg=$3 dir="$TMP/$1"; shift 3
	mkdir -p "$dir"
	local k rc=0
	for k in $(seq 1 "$n"); do
		local envs=() e
		for e in "$@"; do envs+=("$(eval "echo \"$e\"")"); done
		env "${envs[@]}" "$VANBAN" render $DOC --split "$TMP/$name-$k/" --shard "$arg" \
			2> "$TMP/err" || rc=1
		cp "$TMP/$name-$k"/*.pdf "$dir/" 2>/dev/null
		cp "$TMP/$name-$k/manifest.csv" "$dir/manifest-$k.csv" 2>/dev/null
	done
	check "$name: every shard exit 0" test $rc -eq 0
	same "$name" "$dir"
}
run_shards kubernetes 3 auto/3 'JOB_COMPLETION_INDEX=$((k - 1))'
run_shards slurm 4 auto 'SLURM_ARRAY_TASK_ID=$((k + 9))' SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_COUNT=4
run_shards slurm-step 2 auto 'SLURM_ARRAY_TASK_ID=$((2 * k))' SLURM_ARRAY_TASK_MIN=2 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=2
run_shards aws 2 auto/2 'AWS_BATCH_JOB_ARRAY_INDEX=$((k - 1))'
run_shards parallel 3 auto/3 'PARALLEL_SEQ=$k'

# The share each runner gives, as the dump's shard would show it: one check
# of K against a fixed split, K=2 of 3 takes awardees 2, 5, 8 ...
JOB_COMPLETION_INDEX=1 "$VANBAN" render $DOC --split "$TMP/k2/" --shard auto/3 2> /dev/null
"$VANBAN" render $DOC --split "$TMP/f2/" --shard 2/3 2> /dev/null
check "index 1 of 3 is --shard 2/3" cmp -s "$TMP/k2/manifest.csv" "$TMP/f2/manifest.csv"

# usage NAME MESSAGE ENV...: exit 2 with MESSAGE, nothing written.
usage() {
	local name=$1 msg=$2 arg=$3; shift 3
	rm -rf "$TMP/u"
	env "$@" "$VANBAN" render $DOC --split "$TMP/u/" --shard "$arg" 2> "$TMP/err"; local rc=$?
	check "$name: exit 2" test $rc -eq 2
	check "$name: the message" test "$(head -1 "$TMP/err")" = "vanban: $msg"
	check "$name: nothing written" test -z "$(ls "$TMP/u" 2>/dev/null)"
}
usage "no runner" "--shard auto: no job runner tells this process its share (none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX, PARALLEL_SEQ is set); give --shard K/N" auto
usage "an index without N" "--shard auto: a Kubernetes Indexed Job gives this process's index (JOB_COMPLETION_INDEX) but not how many there are; give --shard auto/N" auto JOB_COMPLETION_INDEX=0
usage "an index beyond N" "--shard auto/3: JOB_COMPLETION_INDEX=3 is beyond 3 tasks" auto/3 JOB_COMPLETION_INDEX=3
usage "N against Slurm's count" "--shard auto/5: Slurm has 4 tasks (SLURM_ARRAY_TASK_COUNT)" auto/5 SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4
usage "two runners disagree" "--shard auto: Slurm (SLURM_ARRAY_TASK_ID) and GNU parallel (PARALLEL_SEQ) disagree: task 2 against task 3 of 4" auto SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4 PARALLEL_SEQ=3
usage "not a number" "--shard auto: PARALLEL_SEQ must be a whole number from 1, got 'x'" auto/2 PARALLEL_SEQ=x
usage "PARALLEL_SEQ 0" "--shard auto: PARALLEL_SEQ must be a whole number from 1, got '0'" auto/2 PARALLEL_SEQ=0
usage "a Slurm task off the step" "--shard auto: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT must be whole numbers of one array (ID 3, MIN 2, COUNT 2)" auto SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=2 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=2
usage "auto/0" "--shard takes K/N, auto or auto/N, e.g. --shard 2/8" auto/0 PARALLEL_SEQ=1
usage "autox" "--shard takes K/N, auto or auto/N, e.g. --shard 2/8" autox PARALLEL_SEQ=1
done_tests
