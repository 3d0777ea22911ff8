/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The menu runs rcreport as a child process and returns at once; GIO
 * reports the end of the run on the GLib main context, which the Qt main
 * loop dispatches, so the window stays responsive however long the report
 * takes and the outcome is shown on the GUI thread. Errors go to
 * report_failure(), which Wireshark shows in a dialog; a report written
 * elsewhere than next to the capture is said with report_warning().
 */
#include "report_menu.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <cfile.h>
#include <epan/plugin_if.h>
#include <wsutil/report_message.h>

#define MENU_LABEL    "DNS troubleshooting"
#define REPORT_LABEL  "DNS troubleshooting report"
#define TICKET_LABEL  "Ticket summary"
#define PREF_NAME     "rcreport"
#define PREF_LOCATION "Edit ▸ Preferences ▸ Protocols ▸ rcodex"

typedef enum {
	OUTPUT_REPORT, /* HTML report, opened in the browser */
	OUTPUT_TICKET, /* Markdown ticket text, opened as text */
} output_kind;

/* The rcreport program named in the preferences; empty: the one installed
 * with the plugin, else the first on PATH. */
static const char *pref_rcreport = "";

/* What the menu needs to know of the capture file open in Wireshark. */
typedef struct {
	char *path;     /* NULL: no file open */
	bool temporary; /* a live capture or one not saved yet */
	bool reading;   /* still being read or captured */
} open_capture;

/* A run of rcreport and what to do when it ends. */
typedef struct {
	output_kind kind;
	char *capture;
	char *output;
	char *elsewhere; /* why output is not next to the capture, or NULL */
} report_job;

static void job_free(report_job *job)
{
	g_free(job->capture);
	g_free(job->output);
	g_free(job->elsewhere);
	g_free(job);
}

/* Called by Wireshark on the GUI thread with its capture file. */
static void *read_open_capture(capture_file *cf, void *user_data)
{
	open_capture *oc = user_data;
	if (!cf || cf->state == FILE_CLOSED || !cf->filename)
		return NULL;
	oc->path = g_strdup(cf->filename);
	oc->temporary = cf->is_tempfile;
	oc->reading = cf->state == FILE_READ_IN_PROGRESS;
	return oc;
}

static bool executable(const char *path)
{
	return path && g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
	       g_access(path, X_OK) == 0;
}

/* The program to run, or NULL after telling the user why there is none. */
static char *find_rcreport(void)
{
	if (pref_rcreport && pref_rcreport[0]) {
		if (executable(pref_rcreport))
			return g_strdup(pref_rcreport);
		report_failure("rcreport was not found at \"%s\" (preference "
		               "\"rcreport program\" in " PREF_LOCATION ").",
		               pref_rcreport);
		return NULL;
	}
	if (executable(RCODEX_RCREPORT_INSTALLED))
		return g_strdup(RCODEX_RCREPORT_INSTALLED);
	char *found = g_find_program_in_path("rcreport");
	if (found)
		return found;
	report_failure("rcreport was not found: it is not at %s and not on "
	               "PATH. Install it, or name it in the preference "
	               "\"rcreport program\" (" PREF_LOCATION ").",
	               RCODEX_RCREPORT_INSTALLED);
	return NULL;
}

/* A folder of this session under the temporary directory, made on first
 * use, so a ticket summary lands next to its report there too. */
static char *session_folder(void)
{
	static char *folder;
	if (!folder) {
		GError *error = NULL;
		folder = g_dir_make_tmp("rcodex-XXXXXX", &error);
		if (!folder) {
			report_failure("No temporary folder for the report: %s",
			               error->message);
			g_error_free(error);
			return NULL;
		}
	}
	return g_strdup(folder);
}

/* Next to the capture when it is a saved file in a writable folder, else
 * in the session's temporary folder; *elsewhere says why. */
static char *output_folder(const open_capture *oc, char **elsewhere)
{
	char *folder = g_path_get_dirname(oc->path);
	*elsewhere = NULL;
	if (oc->temporary)
		*elsewhere =
		        g_strdup(oc->reading ? "the capture is still running"
		                             : "the capture is not saved yet");
	else if (g_access(folder, W_OK) != 0)
		*elsewhere = g_strdup_printf("the folder of the capture, %s, "
		                             "is not writable",
		                             folder);
	if (!*elsewhere)
		return folder;
	g_free(folder);
	folder = session_folder();
	if (!folder)
		g_clear_pointer(elsewhere, g_free);
	return folder;
}

static void open_output(const report_job *job)
{
	char *uri = g_filename_to_uri(job->output, NULL, NULL);
	GError *error = NULL;
	if (!uri || !g_app_info_launch_default_for_uri(uri, NULL, &error))
		report_failure("The %s was written to %s but could not be "
		               "opened: %s",
		               job->kind == OUTPUT_REPORT ? "report"
		                                          : "ticket summary",
		               job->output,
		               error ? error->message : "not a file name");
	g_clear_error(&error);
	g_free(uri);
}

/* rcreport's exit status: 0 written, 1 written from a damaged capture, 2
 * nothing written (docs/rcreport.md). */
static void on_rcreport_done(GObject *source, GAsyncResult *result,
                             gpointer user_data)
{
	GSubprocess *proc = G_SUBPROCESS(source);
	report_job *job = user_data;
	char *err_text = NULL;
	GError *error = NULL;
	if (!g_subprocess_communicate_utf8_finish(proc, result, NULL, &err_text,
	                                          &error)) {
		report_failure("rcreport did not finish: %s", error->message);
		g_error_free(error);
	} else if (!g_subprocess_get_if_exited(proc) ||
	           g_subprocess_get_exit_status(proc) > 1) {
		report_failure("rcreport could not make the %s of %s:\n%s",
		               job->kind == OUTPUT_REPORT ? "report"
		                                          : "ticket summary",
		               job->capture,
		               err_text && err_text[0] ? err_text
		                                       : "(no message)");
	} else {
		open_output(job);
		if (job->elsewhere)
			report_warning("The %s was written to %s because %s.",
			               job->kind == OUTPUT_REPORT
			                       ? "report"
			                       : "ticket summary",
			               job->output, job->elsewhere);
	}
	g_free(err_text);
	g_object_unref(proc);
	job_free(job);
}

static char *output_name(const char *folder, const char *capture,
                         output_kind kind)
{
	char *base = g_path_get_basename(capture);
	char *name = g_strconcat(
	        base, kind == OUTPUT_REPORT ? ".rcreport.html" : ".rcreport.md",
	        NULL);
	char *path = g_build_filename(folder, name, NULL);
	g_free(name);
	g_free(base);
	return path;
}

static void start_rcreport(const char *program, report_job *job)
{
	const char *argv[] = {
	        program,    "--quiet",
	        "--format", job->kind == OUTPUT_REPORT ? "html" : "markdown",
	        "--output", job->output,
	        "--",       job->capture,
	        NULL};
	GError *error = NULL;
	GSubprocess *proc =
	        g_subprocess_newv(argv,
	                          G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
	                                  G_SUBPROCESS_FLAGS_STDERR_PIPE,
	                          &error);
	if (!proc) {
		report_failure("rcreport (%s) could not be started: %s",
		               program, error->message);
		g_error_free(error);
		job_free(job);
		return;
	}
	g_subprocess_communicate_utf8_async(proc, NULL, NULL, on_rcreport_done,
	                                    job);
}

static void on_menu(ext_menubar_gui_type gui_type, gpointer gui_object,
                    gpointer user_data)
{
	(void)gui_type;
	(void)gui_object;
	output_kind kind = (output_kind)GPOINTER_TO_INT(user_data);
	open_capture oc = {0};
	if (!plugin_if_get_capture_file(read_open_capture, &oc)) {
		report_failure("No capture file is open. Open one, then choose "
		               "Tools ▸ " MENU_LABEL " ▸ %s again.",
		               kind == OUTPUT_REPORT ? REPORT_LABEL
		                                     : TICKET_LABEL);
		return;
	}
	char *program = find_rcreport();
	char *elsewhere = NULL;
	char *folder = program ? output_folder(&oc, &elsewhere) : NULL;
	if (folder) {
		report_job *job = g_new0(report_job, 1);
		job->kind = kind;
		job->capture = g_strdup(oc.path);
		job->output = output_name(folder, oc.path, kind);
		job->elsewhere = elsewhere;
		start_rcreport(program, job);
	}
	g_free(folder);
	g_free(program);
	g_free(oc.path);
}

void rcodex_report_menu_register(int proto, module_t *prefs)
{
	prefs_register_filename_preference(
	        prefs, PREF_NAME, "rcreport program",
	        "The rcreport program that Tools ▸ " MENU_LABEL
	        " runs. Empty: " RCODEX_RCREPORT_INSTALLED
	        " (installed with the plugin), else rcreport on PATH.",
	        &pref_rcreport, FALSE);
	ext_menu_t *menu = ext_menubar_register_menu(proto, MENU_LABEL, TRUE);
	ext_menubar_set_parentmenu(menu, "Tools");
	ext_menubar_add_entry(menu, REPORT_LABEL,
	                      "Write the HTML troubleshooting report of this "
	                      "capture next to it and open it in the browser",
	                      on_menu, GINT_TO_POINTER(OUTPUT_REPORT));
	ext_menubar_add_entry(menu, TICKET_LABEL,
	                      "Write the Markdown text for a support ticket "
	                      "next to the report and open it",
	                      on_menu, GINT_TO_POINTER(OUTPUT_TICKET));
}
