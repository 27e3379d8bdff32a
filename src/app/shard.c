/* shard.c - --shard auto: which share of the work this process is, from
 * the job runner that started it. Each runner says it in its own words:
 *   Kubernetes Indexed Job   JOB_COMPLETION_INDEX (from 0); N from auto/N
 *   Slurm job array          SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT
 *   AWS Batch array job      AWS_BATCH_JOB_ARRAY_INDEX (from 0); N from auto/N
 *   GNU parallel             PARALLEL_SEQ (from 1); N from auto/N
 * Every runner whose variables are set must give the same K and N. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole number from 0 to 10^8 in an environment variable; -1 when it is
 * not set, -2 when it is set to something else. */
static long env_num(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return -1;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < 0 || n > 100000000 || v[0] == '-' || v[0] == '+' || v[0] == ' ')
		return -2;
	return n;
}

struct runner {
	const char *name; /* as the messages call it */
	const char *vars; /* the variables it was read from */
	long k, n;        /* K from 1; n 0 when the runner does not tell */
};

/* The Slurm array's place and size: the task's ID counted from the first
 * in steps of the array's step. */
static const char *slurm(struct runner *r, char *why, size_t wn)
{
	long id = env_num("SLURM_ARRAY_TASK_ID");
	if (id == -1)
		return NULL;
	long min = env_num("SLURM_ARRAY_TASK_MIN"), step = env_num("SLURM_ARRAY_TASK_STEP");
	long count = env_num("SLURM_ARRAY_TASK_COUNT");
	if (step == -1)
		step = 1;
	if (id < 0 || min < 0 || count < 1 || step < 1 || id < min || (id - min) % step) {
		snprintf(why, wn, _("--shard auto: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and "
			 "SLURM_ARRAY_TASK_COUNT must be whole numbers of one array (ID %s, MIN %s, "
			 "COUNT %s)"), getenv("SLURM_ARRAY_TASK_ID"),
			 getenv("SLURM_ARRAY_TASK_MIN") ? getenv("SLURM_ARRAY_TASK_MIN") : _("unset"),
			 getenv("SLURM_ARRAY_TASK_COUNT") ? getenv("SLURM_ARRAY_TASK_COUNT") : _("unset"));
		return why;
	}
	*r = (struct runner){"Slurm", "SLURM_ARRAY_TASK_ID", (id - min) / step + 1, count};
	if (r->k > r->n) {
		snprintf(why, wn, _("--shard auto: Slurm task %ld is not among the %ld of its array"),
			 id, count);
		return why;
	}
	return NULL;
}

/* A runner that gives an index only: K from it, N from auto/N. */
static const char *indexed(struct runner *r, const char *name, const char *var, long base,
			   char *why, size_t wn)
{
	long i = env_num(var);
	r->name = NULL;
	if (i == -1)
		return NULL;
	if (i == -2 || i < base) {
		if (base)
			snprintf(why, wn, _("--shard auto: %s must be a whole number from 1, got '%s'"),
				 var, getenv(var));
		else
			snprintf(why, wn, _("--shard auto: %s must be a whole number, got '%s'"), var,
				 getenv(var));
		return why;
	}
	*r = (struct runner){name, var, i - base + 1, 0};
	return NULL;
}

const char *shard_auto(const char *arg, int *k, int *n, char *why, size_t wn)
{
	long given = 0;
	if (arg[4] == '/') {
		char *end;
		given = strtol(arg + 5, &end, 10);
		if (*end || given < 1 || given > 100000000 || !(arg[5] >= '0' && arg[5] <= '9'))
			return _("--shard takes K/N, auto or auto/N, e.g. --shard 2/8");
	} else if (arg[4]) {
		return _("--shard takes K/N, auto or auto/N, e.g. --shard 2/8");
	}
	struct runner found[4];
	int nf = 0;
	const char *bad;
	if ((bad = indexed(&found[nf], _("a Kubernetes Indexed Job"), "JOB_COMPLETION_INDEX", 0,
			   why, wn)))
		return bad;
	nf += found[nf].name != NULL;
	found[nf].name = NULL;
	if ((bad = slurm(&found[nf], why, wn)))
		return bad;
	nf += found[nf].name != NULL;
	if ((bad = indexed(&found[nf], _("an AWS Batch array job"), "AWS_BATCH_JOB_ARRAY_INDEX", 0,
			   why, wn)))
		return bad;
	nf += found[nf].name != NULL;
	if ((bad = indexed(&found[nf], "GNU parallel", "PARALLEL_SEQ", 1, why, wn)))
		return bad;
	nf += found[nf].name != NULL;
	if (!nf)
		return _("--shard auto: no job runner tells this process its share (none of "
		       "JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX, "
		       "PARALLEL_SEQ is set); give --shard K/N");
	/* N: given, or told by a runner (the runners that tell must agree
	 * with it). */
	for (int i = 0; i < nf; i++) {
		struct runner *r = &found[i];
		if (r->n && given && r->n != given) {
			snprintf(why, wn, _("--shard auto/%ld: %s has %ld tasks (%s)"), given, r->name,
				 r->n, "SLURM_ARRAY_TASK_COUNT");
			return why;
		}
		if (r->n)
			given = r->n;
	}
	for (int i = 0; i < nf; i++) {
		struct runner *r = &found[i];
		if (!given) {
			snprintf(why, wn, _("--shard auto: %s gives this process's index (%s) but "
				 "not how many there are; give --shard auto/N"), r->name, r->vars);
			return why;
		}
		long nn = given;
		if (r->k > nn) {
			snprintf(why, wn, _("--shard auto/%ld: %s=%s is beyond %ld tasks"), nn, r->vars,
				 getenv(r->vars), nn);
			return why;
		}
		if (i && r->k != found[0].k) {
			snprintf(why, wn, _("--shard auto: %s (%s) and %s (%s) disagree: task %ld "
				 "against task %ld of %ld"), found[0].name, found[0].vars, r->name,
				 r->vars, found[0].k, r->k, nn);
			return why;
		}
	}
	*k = (int)found[0].k;
	*n = (int)given;
	return NULL;
}
