/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE
#include "input_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gcrypt.h>
#include <glib/gstdio.h>

struct rg_input_stream {
	int source;     /* the input */
	int pipe_read;  /* our end for the reader, until it opened its own */
	int pipe_write; /* the copy goes here */
	char path[32];  /* /dev/fd/N of pipe_read */
	GThread *copier;
};

bool rg_input_is_stream(const char *path)
{
	if (strcmp(path, "-") == 0)
		return true;
	GStatBuf st;
	return g_stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static char *digest_hex(gcry_md_hd_t md)
{
	const unsigned char *digest = gcry_md_read(md, GCRY_MD_SHA256);
	char *hex = g_malloc(65);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return hex;
}

/* Copies the input to the pipe until its end; the digest when all of it
 * was read and handed on. */
static gpointer copy_input(gpointer data)
{
	rg_input_stream *s = data;
	/* A reader that stops early closes the pipe: the write then fails
	 * with EPIPE instead of ending the process. */
	sigset_t pipe_signal;
	sigemptyset(&pipe_signal);
	sigaddset(&pipe_signal, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_signal, NULL);
	gcry_md_hd_t md;
	bool ok = gcry_md_open(&md, GCRY_MD_SHA256, 0) == 0;
	static _Thread_local unsigned char buf[1 << 16];
	while (ok) {
		ssize_t n = read(s->source, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ok = n == 0;
			break;
		}
		gcry_md_write(md, buf, (size_t)n);
		ok = write_all(s->pipe_write, buf, (size_t)n);
	}
	close(s->pipe_write);
	s->pipe_write = -1;
	char *hex = ok ? digest_hex(md) : NULL;
	gcry_md_close(md);
	return hex;
}

rg_input_stream *rg_input_stream_start(const char *path, GError **error)
{
	int source = strcmp(path, "-") == 0
	                     ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
	                     : open(path, O_RDONLY | O_CLOEXEC);
	int pipe_fds[2];
	if (source < 0 || pipe2(pipe_fds, O_CLOEXEC) != 0) {
		int err = errno;
		if (source >= 0)
			close(source);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            "%s: cannot read: %s", path, g_strerror(err));
		return NULL;
	}
	rg_input_stream *s = g_new0(rg_input_stream, 1);
	s->source = source;
	s->pipe_read = pipe_fds[0];
	s->pipe_write = pipe_fds[1];
	snprintf(s->path, sizeof(s->path), "/dev/fd/%d", s->pipe_read);
	s->copier = g_thread_new("input-copy", copy_input, s);
	return s;
}

const char *rg_input_stream_path(const rg_input_stream *s)
{
	return s->path;
}

void rg_input_stream_opened(rg_input_stream *s)
{
	if (s->pipe_read >= 0) {
		close(s->pipe_read);
		s->pipe_read = -1;
	}
}

char *rg_input_stream_finish(rg_input_stream *s)
{
	rg_input_stream_opened(s);
	char *hex = g_thread_join(s->copier);
	close(s->source);
	g_free(s);
	return hex;
}
