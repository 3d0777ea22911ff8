/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "output_file.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

struct rg_output {
	char *path;
	char *temp; /* NULL for standard output */
	FILE *stream;
};

rg_output *rg_output_open(const char *path, GError **error)
{
	rg_output *out = g_new0(rg_output, 1);
	if (!path || strcmp(path, "-") == 0) {
		out->path = g_strdup("-");
		out->stream = stdout;
		return out;
	}
	out->path = g_strdup(path);
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	out->temp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	int fd = g_mkstemp(out->temp);
	if (fd < 0) {
		int err = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            "%s: cannot write output: %s", path,
		            g_strerror(err));
		g_free(out->temp);
		g_free(out->path);
		g_free(out);
		return NULL;
	}
	/* mkstemp creates 0600; give the report the usual mode. */
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	out->stream = fdopen(fd, "w");
	if (!out->stream) {
		int err = errno;
		close(fd);
		g_unlink(out->temp);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            "%s: cannot write output: %s", path,
		            g_strerror(err));
		g_free(out->temp);
		g_free(out->path);
		g_free(out);
		return NULL;
	}
	return out;
}

FILE *rg_output_stream(rg_output *out)
{
	return out->stream;
}

const char *rg_output_path(const rg_output *out)
{
	return out->path;
}

static void output_free(rg_output *out)
{
	g_free(out->temp);
	g_free(out->path);
	g_free(out);
}

bool rg_output_commit(rg_output *out, GError **error)
{
	bool ok = true;
	int err = 0;
	if (fflush(out->stream) != 0 || ferror(out->stream)) {
		ok = false;
		err = errno ? errno : EIO;
	}
	if (!out->temp) {
		if (!ok)
			g_set_error(error, G_FILE_ERROR,
			            g_file_error_from_errno(err),
			            "standard output: write failed: %s",
			            g_strerror(err));
		output_free(out);
		return ok;
	}
	if (ok && fsync(fileno(out->stream)) != 0 && errno != EINVAL) {
		ok = false;
		err = errno;
	}
	if (fclose(out->stream) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && g_rename(out->temp, out->path) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		g_unlink(out->temp);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            "%s: cannot write output: %s", out->path,
		            g_strerror(err));
	}
	output_free(out);
	return ok;
}

void rg_output_abort(rg_output *out)
{
	if (!out)
		return;
	if (out->temp) {
		fclose(out->stream);
		g_unlink(out->temp);
	} else {
		fflush(out->stream);
	}
	output_free(out);
}

bool rg_same_file(const char *a, const char *b)
{
	GStatBuf sa, sb;
	if (!a || !b || g_stat(a, &sa) != 0 || g_stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
