/* datadir.c - the data directory (templates/, fonts/): where it is, and
 * the names of the files in it. Every file the program ships is named
 * here, so the rule for joining them is one. */
#include "input.h"
#include "base/base.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether dir holds the data: templates/types.yaml and a fonts/ folder. */
static bool holds_data(const char *dir)
{
	char *types = datadir_path(dir, "templates", "types.yaml");
	char *fonts = datadir_path(dir, "fonts", NULL);
	struct stat sb;
	bool ok = access(types, R_OK) == 0 && stat(fonts, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(types);
	free(fonts);
	return ok;
}

/* dir when it holds the data; otherwise NULL, and dir added to looked. */
static char *probe(const char *dir, struct buf *looked)
{
	if (holds_data(dir))
		return xstrdup(dir);
	buf_printf(looked, "%s%s", looked->len ? ", " : "", dir);
	return NULL;
}

char *find_datadir(char **looked)
{
	struct buf where = {0};
	char *found = NULL;
	const char *env = getenv("VANBAN_HOME");
	if (env && *env) {
		/* Named by the user: the only place looked at. */
		found = probe(env, &where);
		goto done;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *s = strrchr(exe, '/');
		if (s)
			*s = 0;
		/* Beside the program (a checkout), then as make install puts it. */
		found = probe(exe, &where);
		char *up = strrchr(exe, '/');
		if (!found && up) {
			*up = 0; /* PREFIX/bin -> PREFIX/share/vanban */
			struct buf share = {0};
			buf_printf(&share, "%s/share/vanban", exe);
			found = probe(share.data, &where);
			buf_free(&share);
		}
	}
#ifdef VANBAN_DATADIR
	if (!found)
		found = probe(VANBAN_DATADIR, &where);
#endif
done:
	if (found || !looked)
		buf_free(&where);
	else
		*looked = where.data ? where.data : xstrdup("");
	return found;
}

char *datadir_path(const char *datadir, const char *sub, const char *name)
{
	char *dir = path_join(datadir, sub);
	if (!name)
		return dir;
	char *path = path_join(dir, name);
	free(dir);
	return path;
}
