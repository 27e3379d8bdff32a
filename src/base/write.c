/* write.c - output files: written to a temporary file and renamed, never
 * over a file this run read, with the mode of the file they replace; the
 * temporary file is removed when a signal ends the run half-way. */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every file read (read_file), by device and inode. */
struct fileid {
	dev_t dev;
	ino_t ino;
};
static VEC(struct fileid) inputs;

void input_note(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	for (size_t i = 0; i < inputs.n; i++)
		if (inputs.v[i].dev == st.st_dev && inputs.v[i].ino == st.st_ino)
			return;
	vec_push(&inputs, ((struct fileid){st.st_dev, st.st_ino}));
}

void input_forget(void)
{
	vec_free(&inputs);
}

bool is_input(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) /* through links: the file they name */
		return false;
	for (size_t i = 0; i < inputs.n; i++)
		if (inputs.v[i].dev == st.st_dev && inputs.v[i].ino == st.st_ino)
			return true;
	return false;
}

/* The temporary file being written, for the signal handler: a fixed
 * buffer, read only while tmp_live is set. */
static char tmp_path[PATH_MAX + 32];
static volatile sig_atomic_t tmp_live;
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ, SIGPIPE};

/* Only async-signal-safe calls: unlink, then the default action. */
static void on_fatal_signal(int sig)
{
	int saved = errno;
	if (tmp_live)
		unlink(tmp_path);
	tmp_live = 0;
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

void write_abandon(void)
{
	if (tmp_live)
		unlink(tmp_path);
	tmp_live = 0;
}

/* Once, on the first write; a signal the caller ignores stays ignored. */
static void catch_signals(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++) {
		struct sigaction old, sa = {0};
		if (sigaction(fatal_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue;
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(fatal_signals[i], &sa, NULL);
	}
}

static int fail(const char *path, int err)
{
	struct diag q = {0};
	say_error("cannot write '%s': %s", diag_quote(&q, path), errstr(err));
	diag_free(&q);
	return 3;
}

/* A device, a pipe or a socket is written in place: renaming a file over
 * it would replace /dev/null or a named pipe with an ordinary file. */
static int write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

static int write_special(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return fail(path, errno);
	if (write_all(fd, data, len) != 0) {
		int err = errno;
		close(fd);
		return fail(path, err);
	}
	if (close(fd) != 0)
		return fail(path, errno);
	return 0;
}

/* The directory a file is in, synced so that the rename survives a crash;
 * a file system that cannot sync a directory is no error. */
static void sync_dir_of(const char *target)
{
	const char *sl = strrchr(target, '/');
	char dir[PATH_MAX];
	if (!sl)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", sl == target ? 1 : (int)(sl - target), target);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* The temporary file: in the target's directory, with a short name of its
 * own, so a target name as long as the file system allows still works. */
static int make_temp(const char *target)
{
	const char *sl = strrchr(target, '/');
	int dlen = sl ? (int)(sl - target + 1) : 0;
	if ((size_t)dlen + 16 > sizeof tmp_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(tmp_path, sizeof tmp_path, "%.*s.vanban-XXXXXX", dlen, target);
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old); /* made and registered at once */
	int fd = mkstemp(tmp_path);
	tmp_live = fd >= 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fd;
}

int write_output(const char *path, const char *data, size_t len)
{
	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
			say_error("cannot write to standard output: %s", errstr(errno));
			return 3;
		}
		return 0;
	}
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return write_special(path, data, len);
	char *target;
	int rc = write_stage(path, data, len, &target);
	return rc ? rc : write_place(path, target, true);
}

int write_stage_begin(const char *path, struct wstage *w)
{
	memset(w, 0, sizeof *w);
	w->fd = -1;
	w->path = path;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode))
		return fail(path, EISDIR);
	if (is_input(path)) {
		struct diag q = {0};
		say_error("cannot write '%s': it is a file this run reads", diag_quote(&q, path));
		diag_free(&q);
		return 3;
	}
	/* A link to a file: the file it names is replaced, not the link. */
	char *real = NULL;
	struct stat lst;
	if (exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
		real = realpath(path, NULL);
	char *target = real ? real : xstrdup(path);
	/* The file replaced keeps its mode; a new one gets the usual. */
	mode_t mask = umask(0);
	umask(mask);
	w->mode = exists ? st.st_mode & 07777 : 0666 & ~mask;
	catch_signals();
	int fd = make_temp(target);
	if (fd < 0) {
		int err = errno;
		free(target);
		return fail(path, err);
	}
	w->fd = fd;
	w->target = target;
	return 0;
}

int write_stage_add(struct wstage *w, const char *data, size_t len)
{
	if (write_all(w->fd, data, len) == 0)
		return 0;
	w->err = errno;
	return 3;
}

int write_stage_end(struct wstage *w, bool ok, char **target_out)
{
	ok = ok && !w->err && fchmod(w->fd, (mode_t)w->mode) == 0 && fsync(w->fd) == 0;
	int err = w->err ? w->err : errno;
	ok = close(w->fd) == 0 && ok;
	w->fd = -1;
	if (!ok) {
		unlink(tmp_path);
		tmp_live = 0;
		free(w->target);
		w->target = NULL;
		return w->abandon ? 3 : fail(w->path, err);
	}
	*target_out = w->target;
	w->target = NULL;
	return 0;
}

int write_stage(const char *path, const char *data, size_t len, char **target_out)
{
	struct wstage w;
	int rc = write_stage_begin(path, &w);
	if (rc)
		return rc;
	write_stage_add(&w, data, len);
	return write_stage_end(&w, true, target_out);
}

int write_place(const char *path, char *target, bool keep)
{
	int err = 0;
	if (keep && rename(tmp_path, target) != 0)
		err = errno;
	if (!keep || err)
		unlink(tmp_path);
	tmp_live = 0;
	if (keep && !err)
		sync_dir_of(target);
	free(target);
	return !keep || !err ? 0 : fail(path, err);
}
