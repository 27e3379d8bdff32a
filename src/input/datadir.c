/* datadir.c - the data directory (templates/, fonts/): where it is, and
 * the names of the files in it. Every file the program ships is named
 * here, so the rule for joining them is one. */
#include "input.h"
#include "base/base.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *find_datadir(void)
{
	const char *env = getenv("VANBAN_HOME");
	if (env && *env)
		return strdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *s = strrchr(exe, '/');
		if (s)
			*s = 0;
		char *probe = datadir_path(exe, "templates/styles", NULL);
		bool found = access(probe, R_OK) == 0;
		free(probe);
		if (found)
			return strdup(exe);
	}
#ifdef VANBAN_DATADIR
	return strdup(VANBAN_DATADIR);
#else
	return strdup(".");
#endif
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
