/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "output_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

struct rg_output {
	char *path;   /* as given */
	char *target; /* path with its symbolic links followed */
	char *temp;   /* NULL when written directly */
	int temp_slot;
	FILE *stream;
};

/*
 * Temporary files not yet renamed into place, for
 * rg_output_remove_temporaries() in a signal handler: fixed storage, a slot
 * published only once its path is complete.
 */
#define TEMP_SLOTS 4
static char temp_paths[TEMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t temp_in_use[TEMP_SLOTS];

static int temp_register(const char *path)
{
	if (strlen(path) >= PATH_MAX)
		return -1;
	for (int i = 0; i < TEMP_SLOTS; i++) {
		if (!temp_in_use[i]) {
			memcpy(temp_paths[i], path, strlen(path) + 1);
			temp_in_use[i] = 1;
			return i;
		}
	}
	return -1;
}

static void temp_forget(int slot)
{
	if (slot >= 0)
		temp_in_use[slot] = 0;
}

void rg_output_remove_temporaries(void)
{
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (temp_in_use[i])
			(void)unlink(temp_paths[i]);
}

/* path with every symbolic link along the last component followed, so that
 * a report written through a link replaces the link's target (also a
 * target that does not exist yet). */
static char *follow_links(const char *path)
{
	char *current = g_strdup(path);
	for (int depth = 0; depth < 40; depth++) {
		GStatBuf st;
		if (g_lstat(current, &st) != 0 || !S_ISLNK(st.st_mode))
			return current;
		char *target = g_file_read_link(current, NULL);
		if (!target)
			return current;
		if (!g_path_is_absolute(target)) {
			char *dir = g_path_get_dirname(current);
			char *joined = g_build_filename(dir, target, NULL);
			g_free(dir);
			g_free(target);
			target = joined;
		}
		g_free(current);
		current = target;
	}
	return current;
}

static void output_free(rg_output *out)
{
	temp_forget(out->temp_slot);
	g_free(out->temp);
	g_free(out->target);
	g_free(out->path);
	g_free(out);
}

static rg_output *open_failed(rg_output *out, int err, GError **error)
{
	g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
	            "%s: cannot write output: %s", out->path, g_strerror(err));
	output_free(out);
	return NULL;
}

/* A device, pipe or socket (/dev/null, >(gzip > x)) cannot be replaced by
 * a renamed file: it is written in place. */
static rg_output *open_direct(rg_output *out, GError **error)
{
	int fd = open(out->target, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return open_failed(out, errno, error);
	out->stream = fdopen(fd, "w");
	if (!out->stream) {
		int err = errno;
		close(fd);
		return open_failed(out, err, error);
	}
	return out;
}

/* The temporary file takes the mode (and, when allowed, the owner) of the
 * file it replaces; a new report gets the usual 0666 less the umask. */
static void temp_take_mode(int fd, const GStatBuf *existing)
{
	if (existing) {
		(void)fchmod(fd, existing->st_mode & 07777);
		if (fchown(fd, existing->st_uid, existing->st_gid) == 0)
			(void)fchmod(fd, existing->st_mode & 07777);
		return;
	}
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
}

/*
 * Creates the temporary file next to the target, registered for removal
 * before it exists, so that a signal arriving at any moment leaves
 * nothing behind (mkstemp would create it before its name is known).
 * Returns its descriptor, or -1 with errno set.
 */
static int temp_create(rg_output *out)
{
	char *dir = g_path_get_dirname(out->target);
	char *base = g_path_get_basename(out->target);
	int fd = -1;
	int err = EEXIST;
	for (int attempt = 0; attempt < 100 && err == EEXIST; attempt++) {
		char *name = g_strdup_printf("%s/.%s.%08X", dir, base,
		                             g_random_int());
		int slot = temp_register(name);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		err = errno;
		if (fd >= 0) {
			out->temp = name;
			out->temp_slot = slot;
			break;
		}
		temp_forget(slot);
		g_free(name);
	}
	g_free(dir);
	g_free(base);
	errno = err;
	return fd;
}

rg_output *rg_output_open(const char *path, GError **error)
{
	rg_output *out = g_new0(rg_output, 1);
	out->temp_slot = -1;
	if (!path || strcmp(path, "-") == 0) {
		out->path = g_strdup("-");
		out->stream = stdout;
		return out;
	}
	out->path = g_strdup(path);
	GStatBuf st;
	bool exists = g_stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* opened by the name given: /dev/fd/N links name no path */
		out->target = g_strdup(path);
		return open_direct(out, error);
	}
	out->target = follow_links(path);
	int fd = temp_create(out);
	if (fd < 0)
		return open_failed(out, errno, error);
	temp_take_mode(fd, exists ? &st : NULL);
	out->stream = fdopen(fd, "w");
	if (!out->stream) {
		int err = errno;
		close(fd);
		g_unlink(out->temp);
		return open_failed(out, err, error);
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

static int flush_error(FILE *stream)
{
	if (fflush(stream) != 0 || ferror(stream))
		return errno ? errno : EIO;
	return 0;
}

bool rg_output_commit(rg_output *out, GError **error)
{
	int err = flush_error(out->stream);
	if (out->stream == stdout) {
		if (err)
			g_set_error(error, G_FILE_ERROR,
			            g_file_error_from_errno(err),
			            "standard output: write failed: %s",
			            g_strerror(err));
		output_free(out);
		return err == 0;
	}
	if (!err && out->temp && fsync(fileno(out->stream)) != 0 &&
	    errno != EINVAL)
		err = errno;
	if (fclose(out->stream) != 0 && !err)
		err = errno;
	if (!err && out->temp && g_rename(out->temp, out->target) != 0)
		err = errno;
	if (err) {
		if (out->temp)
			g_unlink(out->temp);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            "%s: cannot write output: %s", out->path,
		            g_strerror(err));
	}
	output_free(out);
	return err == 0;
}

void rg_output_abort(rg_output *out)
{
	if (!out)
		return;
	if (out->stream == stdout) {
		fflush(out->stream);
	} else {
		fclose(out->stream);
		if (out->temp)
			g_unlink(out->temp);
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

bool rg_same_file_as_fd(const char *path, int fd)
{
	GStatBuf sp;
	struct stat sf;
	if (!path || g_stat(path, &sp) != 0 || fstat(fd, &sf) != 0)
		return false;
	return sp.st_dev == sf.st_dev && sp.st_ino == sf.st_ino;
}
