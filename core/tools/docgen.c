/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rcx-docgen: print the code registry as a Markdown reference (docs/codes.md).
 *
 *   rcx-docgen               print the reference on standard output
 *   rcx-docgen --check FILE  exit 1 when FILE differs from what would be
 * printed
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "rcodex/registry.h"

static const char *severity_name(rcx_severity s)
{
	switch (s) {
	case RCX_SEV_NONE:
		return "none";
	case RCX_SEV_CHAT:
		return "chat";
	case RCX_SEV_NOTE:
		return "note";
	case RCX_SEV_WARN:
		return "warning";
	case RCX_SEV_ERROR:
		return "error";
	}
	return "unknown";
}

static const char *group_name(rcx_group g)
{
	switch (g) {
	case RCX_GROUP_RESPONSE_CODE:
		return "response code";
	case RCX_GROUP_SECURITY:
		return "security";
	case RCX_GROUP_PROTOCOL:
		return "protocol";
	case RCX_GROUP_MALFORMED:
		return "malformed";
	}
	return "unknown";
}

/* True when the registry has more than one entry for e's single value. */
static bool has_variants(const rcx_entry *e)
{
	int n = 0;

	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *o = rcx_registry_at(i);
		n += o->kind == RCX_KIND_RCODE && !rcx_entry_is_range(o) &&
		     o->first == e->first;
	}
	return n > 1;
}

/* Where a value of the shared error space means what its entry says, for
 * values with several entries. */
static const char *context_name(const rcx_entry *e)
{
	if (e->kind != RCX_KIND_RCODE || rcx_entry_is_range(e) ||
	    !has_variants(e))
		return NULL;
	if (strcmp(e->key, "rcode.1") == 0)
		return "when the response does not show whether EDNS is "
		       "involved";
	if (strcmp(e->key, "rcode.1.edns") == 0)
		return "in a response with an OPT record";
	if (strcmp(e->key, "rcode.1.no_edns") == 0)
		return "without OPT, answering a query with OPT";
	if (strcmp(e->key, "rcode.1.malformed_query") == 0)
		return "answering a query with wire problems";
	switch (e->context) {
	case RCX_CTX_TSIG:
		return e->first == 9 ? "in the header RCODE beside a non-zero "
		                       "TSIG Error"
		                     : "in the TSIG Error field";
	case RCX_CTX_TKEY:
		return "in the TKEY Error field";
	case RCX_CTX_NOTIFY:
		return "in the response to a NOTIFY";
	case RCX_CTX_RCODE:
	case RCX_CTX_UPDATE:
		break;
	}
	return e->first <= 15 ? "in the header RCODE"
	                      : "in the header or OPT-extended RCODE";
}

static void append_value(GString *out, const rcx_entry *e)
{
	if (e->kind != RCX_KIND_RCODE && e->kind != RCX_KIND_EDE)
		return;
	if (rcx_entry_is_range(e))
		g_string_append_printf(out, " (%u–%u)", e->first, e->last);
	else
		g_string_append_printf(out, " (%u)", e->first);
}

static void append_list(GString *out, const char *heading,
                        const char *const *items, int max)
{
	g_string_append_printf(out, "%s:\n\n", heading);
	for (int i = 0; i < max && items[i]; i++)
		g_string_append_printf(out, "- %s\n", items[i]);
	g_string_append(out, "\n");
}

static void append_entry(GString *out, const rcx_entry *e)
{
	const char *ctx = context_name(e);

	g_string_append_printf(out, "### %s", e->mnemonic);
	append_value(out, e);
	if (ctx)
		g_string_append_printf(out, " %s", ctx);
	g_string_append(out, "\n\n");
	g_string_append_printf(out, "**%s.** %s\n\n", e->title, e->explanation);
	g_string_append_printf(
	        out, "Key `%s` · severity %s · group %s · %s\n\n", e->key,
	        severity_name(e->severity), group_name(e->group), e->reference);
	append_list(out, "Typical causes", e->causes, RCX_ENTRY_MAX_CAUSES);
	append_list(out, "Next steps", e->next_steps, RCX_ENTRY_MAX_STEPS);
}

/* By value, then in registry order, so that the entries of one value
 * stand together. */
static gint by_value(gconstpointer a, gconstpointer b)
{
	const rcx_entry *x = *(const rcx_entry *const *)a;
	const rcx_entry *y = *(const rcx_entry *const *)b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void append_section(GString *out, rcx_entry_kind kind, const char *title,
                           const char *intro)
{
	GPtrArray *entries = g_ptr_array_new();

	g_string_append_printf(out, "## %s\n\n%s\n\n", title, intro);
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *e = rcx_registry_at(i);
		if (e->kind == kind)
			g_ptr_array_add(entries, (gpointer)e);
	}
	if (kind == RCX_KIND_RCODE)
		g_ptr_array_sort(entries, by_value);
	for (guint i = 0; i < entries->len; i++)
		append_entry(out, g_ptr_array_index(entries, i));
	g_ptr_array_free(entries, TRUE);
}

static GString *reference(void)
{
	GString *out = g_string_new(NULL);

	g_string_append(
	        out,
	        "# rcodex code reference\n\n"
	        "Every name and explanation that rcodex shows, printed by "
	        "`rcx-docgen` from the code registry (`core/src/registry.c`). "
	        "The Wireshark plugin, rcreport and this page all read the "
	        "same "
	        "table.\n\n");
	append_section(
	        out, RCX_KIND_RCODE, "Response codes",
	        "One number space is shared by the 4-bit header RCODE, the "
	        "12-bit RCODE extended by the OPT record and the 16-bit Error "
	        "field of TSIG and TKEY records (RFC 6895 §2.3). Some values "
	        "mean different things depending on the field that carries "
	        "them and the request they answer; each meaning has its own "
	        "entry.");
	append_section(out, RCX_KIND_EDE, "Extended DNS Errors",
	               "INFO-CODEs of the Extended DNS Error option (option "
	               "code 15, RFC 8914). A response may carry several.");
	append_section(out, RCX_KIND_CONDITION, "Conditions",
	               "What a response says beyond its response code: "
	               "answer, NODATA, referral and the other conditions "
	               "rcodex names.");
	append_section(out, RCX_KIND_PROBLEM, "Problems and anomalies",
	               "Wire faults found while parsing a message, and "
	               "anomalies found when diagnosing it.");
	append_section(out, RCX_KIND_OBSERVATION, "Observations in a capture",
	               "What rcreport finds across the messages of a capture "
	               "rather than in one message: queries without a "
	               "response, slow servers, answers that disagree, IP "
	               "fragments and damaged capture files.");
	return out;
}

static int check(const char *path, const GString *expected)
{
	gchar *contents = NULL;
	gsize length = 0;
	GError *error = NULL;
	int status = 0;

	if (!g_file_get_contents(path, &contents, &length, &error)) {
		fprintf(stderr, "rcx-docgen: %s\n", error->message);
		g_error_free(error);
		return 2;
	}
	if (length != expected->len ||
	    memcmp(contents, expected->str, length) != 0) {
		fprintf(stderr,
		        "rcx-docgen: %s is out of date; regenerate it with "
		        "rcx-docgen > %s\n",
		        path, path);
		status = 1;
	}
	g_free(contents);
	return status;
}

int main(int argc, char **argv)
{
	GString *out;
	int status = 0;

	if (!(argc == 1 || (argc == 3 && strcmp(argv[1], "--check") == 0))) {
		fprintf(stderr, "usage: rcx-docgen [--check FILE]\n");
		return 2;
	}
	out = reference();
	if (argc == 3)
		status = check(argv[2], out);
	else if (fwrite(out->str, 1, out->len, stdout) != out->len ||
	         fflush(stdout) != 0)
		status = 1;
	g_string_free(out, TRUE);
	return status;
}
