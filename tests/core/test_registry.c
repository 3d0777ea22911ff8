/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The code registry: every value has an entry, with the registered names. */
#include <glib.h>
#include <string.h>

#include "rcodex/diagnosis.h"
#include "rcodex/registry.h"

static const rcx_code_context all_contexts[] = {RCX_CTX_RCODE, RCX_CTX_UPDATE,
                                                RCX_CTX_TSIG, RCX_CTX_TKEY,
                                                RCX_CTX_NOTIFY};

static bool in_table(const rcx_entry *e)
{
	for (size_t i = 0; i < rcx_registry_size(); i++)
		if (rcx_registry_at(i) == e)
			return true;
	return false;
}

static int count_items(const char *const *items, int max)
{
	int n = 0;
	while (n < max && items[n])
		n++;
	return n;
}

/* RFC 6891 §6.1.3: 16 in the OPT-extended RCODE. */
static void rcode16_is_badvers_in_rcode_context(void)
{
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_RCODE)->mnemonic, ==,
	                "BADVERS");
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_UPDATE)->mnemonic, ==,
	                "BADVERS");
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_RCODE)->key, ==,
	                "rcode.16");
}

/* RFC 8945 §5.2.2 (TSIG) and RFC 2930 §2.6 (TKEY). */
static void rcode16_is_badsig_in_tsig_context(void)
{
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_TSIG)->mnemonic, ==,
	                "BADSIG");
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_TKEY)->mnemonic, ==,
	                "BADSIG");
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_TSIG)->key, ==,
	                "rcode.16.tsig");
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_TKEY)->key, ==,
	                "rcode.16.tkey");
	g_assert_cmpstr(rcx_rcode_entry(16, RCX_CTX_NOTIFY)->mnemonic, ==,
	                "BADVERS");
}

/* RFC 8945 §5.2.1: an unknown name/algorithm pair is BADKEY, so BADSIG
 * does not list "different algorithm" among its causes. */
static void badsig_does_not_blame_the_algorithm(void)
{
	const rcx_entry *e = rcx_rcode_entry(16, RCX_CTX_TSIG);
	for (int i = 0; i < RCX_ENTRY_MAX_CAUSES && e->causes[i]; i++)
		g_assert_null(strstr(e->causes[i], "ifferent algorithm"));
	g_assert_nonnull(strstr(e->explanation, "is BADKEY"));
	g_assert_nonnull(strstr(rcx_rcode_entry(17, RCX_CTX_TSIG)->reference,
	                        "RFC 8945 §5.2.1"));
}

/* Knot DNS answers NOTAUTH + BADKEY when its ACL denies a known key. */
static void badkey_names_a_known_key_denied_by_access_rules(void)
{
	const rcx_entry *e = rcx_rcode_entry(17, RCX_CTX_TSIG);
	bool found = false;
	for (int i = 0; i < RCX_ENTRY_MAX_CAUSES && e->causes[i]; i++)
		found |= strstr(e->causes[i], "access rules") != NULL;
	g_assert_true(found);
}

/* RFC 8945 §5.2.4 (server), §5.4.4 (client), §7 (policy); §5.2.2.1 is
 * the protocol minimum, answered with FORMERR. */
static void badtrunc_cites_the_truncation_check(void)
{
	const rcx_entry *e = rcx_rcode_entry(22, RCX_CTX_TSIG);
	g_assert_nonnull(strstr(e->reference, "RFC 8945 §5.2.4"));
	g_assert_nonnull(strstr(e->reference, "§5.4.4"));
	g_assert_nonnull(strstr(e->reference, "§7"));
	g_assert_null(strstr(e->reference, "5.2.2.1"));
	g_assert_nonnull(strstr(e->explanation, "sign"));
}

/* RFC 2930 §2.6: a TKEY error comes with header NOERROR. */
static void tkey_errors_say_the_header_reads_noerror(void)
{
	static const uint32_t codes[] = {16, 17, 18, 19, 20, 21};
	for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
		const rcx_entry *e = rcx_rcode_entry(codes[i], RCX_CTX_TKEY);
		g_assert_nonnull(strstr(e->explanation, "NOERROR"));
		g_assert_null(strstr(e->explanation, "NOTAUTH"));
		g_assert_nonnull(strstr(e->reference, "RFC 2930"));
	}
	for (uint32_t code = 16; code <= 18; code++)
		g_assert_true(rcx_rcode_entry(code, RCX_CTX_TKEY) !=
		              rcx_rcode_entry(code, RCX_CTX_TSIG));
}

/* RFC 2930 §2.1 (duplicate name) and §4.2 (deleting an unknown key). */
static void badname_covers_deletion_of_an_unknown_key(void)
{
	const rcx_entry *e = rcx_rcode_entry(20, RCX_CTX_TKEY);
	g_assert_nonnull(strstr(e->reference, "§2.1"));
	g_assert_nonnull(strstr(e->reference, "§4.2"));
	g_assert_nonnull(strstr(e->explanation, "delete"));
}

/* RFC 1996 §1.2, §3.12: NOTIFY goes to secondaries; NOTIMP ends it. */
static void notimp_to_notify_is_the_secondary(void)
{
	const rcx_entry *plain = rcx_rcode_entry(4, RCX_CTX_RCODE);
	const rcx_entry *notify = rcx_rcode_entry(4, RCX_CTX_NOTIFY);
	g_assert_true(notify != plain);
	g_assert_cmpstr(notify->key, ==, "rcode.4.notify");
	g_assert_nonnull(strstr(notify->reference, "RFC 1996 §1.2, §3.12"));
	g_assert_nonnull(strstr(notify->explanation, "complete"));
	for (int i = 0; i < RCX_ENTRY_MAX_STEPS && plain->next_steps[i]; i++)
		g_assert_null(strstr(plain->next_steps[i], "NOTIFY"));
	g_assert_true(rcx_rcode_entry(4, RCX_CTX_UPDATE) == plain);
}

/* BIND answers NOTAUTH to a NOTIFY for a zone it does not serve. */
static void notauth_to_notify_has_its_own_entry(void)
{
	const rcx_entry *e = rcx_rcode_entry(9, RCX_CTX_NOTIFY);
	g_assert_cmpstr(e->key, ==, "rcode.9.notify");
	g_assert_cmpstr(e->mnemonic, ==, "NOTAUTH");
	g_assert_true(e != rcx_rcode_entry(9, RCX_CTX_UPDATE));
	g_assert_null(strstr(e->explanation, "UPDATE"));
}

/* RFC 6891 §6.1.2, §7: unknown options are ignored; FORMERR with or
 * without OPT tells an EDNS server from one without EDNS. */
static void formerr_entries_follow_the_evidence(void)
{
	const rcx_entry *unknown = rcx_formerr_entry(RCX_FORMERR_UNKNOWN);
	const rcx_entry *edns = rcx_formerr_entry(RCX_FORMERR_EDNS);
	const rcx_entry *no_edns = rcx_formerr_entry(RCX_FORMERR_NO_EDNS);
	g_assert_true(unknown == rcx_rcode_entry(1, RCX_CTX_RCODE));
	g_assert_cmpstr(edns->key, ==, "rcode.1.edns");
	g_assert_cmpstr(no_edns->key, ==, "rcode.1.no_edns");
	g_assert_null(strstr(unknown->explanation, "most often"));
	g_assert_nonnull(strstr(unknown->reference, "RFC 6891 §6.1.2, §7"));
	g_assert_nonnull(strstr(edns->reference, "§7"));
	g_assert_nonnull(strstr(no_edns->reference, "RFC 6891 §7"));
	g_assert_cmpstr(edns->mnemonic, ==, "FORMERR");
	g_assert_cmpstr(no_edns->mnemonic, ==, "FORMERR");
}

/* RFC 7873 §5.2: only servers with cookies enabled answer FORMERR. */
static void cookie_length_formerr_only_with_cookies_enabled(void)
{
	const rcx_entry *e = rcx_problem_entry(RCX_PROB_COOKIE_LENGTH);
	g_assert_nonnull(strstr(e->explanation, "cookies enabled"));
	g_assert_nonnull(strstr(e->explanation, "ignores the option"));
	g_assert_nonnull(strstr(e->reference, "RFC 7873 §5.2,"));
}

/* RFC 8490 §5.1.1. */
static void dsotypeni_says_no_session_and_keepalive_bug(void)
{
	const rcx_entry *e = rcx_rcode_entry(11, RCX_CTX_RCODE);
	g_assert_cmpstr(e->reference, ==, "RFC 8490 §5.1.1");
	g_assert_nonnull(strstr(e->explanation, "no DSO session"));
	g_assert_nonnull(strstr(e->explanation, "Keepalive"));
}

/* RFC 2308 §7.1: a cached SERVFAIL lasts at most 5 minutes; RFC 8914
 * §4.14: EDE 13 comes with SERVFAIL. */
static void servfail_and_cached_error_give_the_5_minute_limit(void)
{
	const rcx_entry *sf = rcx_rcode_entry(2, RCX_CTX_RCODE);
	const rcx_entry *ede13 = rcx_ede_entry(13);
	g_assert_nonnull(strstr(sf->reference, "RFC 2308 §7.1"));
	g_assert_nonnull(strstr(sf->explanation, "5 minutes"));
	g_assert_nonnull(strstr(ede13->reference, "RFC 2308 §7.1"));
	g_assert_null(strstr(ede13->explanation, "usually"));
	g_assert_nonnull(strstr(ede13->explanation, "SERVFAIL"));
}

/* RFC 9824 §3.5 (FORMERR) and RFC 9250 §4.5 (REFUSED). */
static void ede_30_and_26_name_their_response_codes(void)
{
	g_assert_cmpstr(rcx_ede_entry(30)->reference, ==, "RFC 9824 §3.5");
	g_assert_nonnull(strstr(rcx_ede_entry(30)->explanation, "FORMERR"));
	g_assert_nonnull(strstr(rcx_ede_entry(26)->reference, "RFC 9250 §4.5"));
	g_assert_nonnull(strstr(rcx_ede_entry(26)->explanation, "REFUSED"));
}

/* RFC 6762 §18.11: mDNS receivers ignore non-zero RCODEs. */
static void mdns_rcode_is_an_anomaly(void)
{
	const rcx_entry *a = rcx_problem_entry(RCX_ANOM_MDNS_RCODE);
	const rcx_entry *c = rcx_registry_find("condition.error.mdns");
	g_assert_cmpstr(a->key, ==, "anomaly.mdns_rcode");
	g_assert_cmpstr(a->reference, ==, "RFC 6762 §18.11");
	g_assert_nonnull(c);
	g_assert_cmpuint(c->first, ==, RCX_COND_ERROR);
	g_assert_nonnull(strstr(c->explanation, "ignore"));
}

/* Each reference names an RFC and, for every RFC it names, a section.
 * The capture-file formats have no RFC yet: that entry names the IETF
 * drafts. */
static bool cites_rfc_sections(const char *reference)
{
	GRegex *rfc = g_regex_new("RFC [0-9]+", 0, 0, NULL);
	GMatchInfo *m = NULL;
	bool any = false, all = true;
	g_regex_match(rfc, reference, 0, &m);
	while (g_match_info_matches(m)) {
		int end;
		g_match_info_fetch_pos(m, 0, NULL, &end);
		any = true;
		all &= g_str_has_prefix(reference + end, " §") &&
		       g_ascii_isdigit(reference[end + strlen(" §")]);
		g_match_info_next(m, NULL);
	}
	g_match_info_free(m);
	g_regex_unref(rfc);
	return any && all;
}

static void every_entry_cites_an_rfc_section(void)
{
	g_assert_false(cites_rfc_sections("RFC 8490"));
	g_assert_false(cites_rfc_sections("RFC 8914 §4.1, RFC 9250"));
	g_assert_false(cites_rfc_sections("IANA registry"));
	g_assert_true(
	        cites_rfc_sections("RFC 2136 §2.2, §3.1.1, RFC 6895 §2.3"));
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *e = rcx_registry_at(i);
		g_assert_nonnull(e->reference);
		if (strcmp(e->key, "capture.damaged") == 0) {
			g_assert_nonnull(strstr(e->reference, "opsawg-pcap"));
			continue;
		}
		if (!cites_rfc_sections(e->reference))
			g_error("%s: reference \"%s\" names no RFC section",
			        e->key, e->reference);
	}
}

/* RFC 2136 §2.2. */
static void rcode9_is_not_authoritative_outside_tsig(void)
{
	const rcx_entry *e = rcx_rcode_entry(9, RCX_CTX_UPDATE);
	g_assert_cmpstr(e->mnemonic, ==, "NOTAUTH");
	g_assert_cmpstr(e->key, ==, "rcode.9");
	g_assert_nonnull(strstr(e->title, "not authoritative"));
	g_assert_nonnull(strstr(e->explanation, "zone transfer"));
	g_assert_true(rcx_rcode_entry(9, RCX_CTX_RCODE) == e);
}

/* RFC 6895 §2.3: header NOTAUTH is "not authorized" only with a non-zero
 * TSIG Error, which gives the reason. */
static void rcode9_is_not_authorized_in_tsig_context(void)
{
	const rcx_entry *e = rcx_rcode_entry(9, RCX_CTX_TSIG);
	g_assert_cmpstr(e->mnemonic, ==, "NOTAUTH");
	g_assert_cmpstr(e->key, ==, "rcode.9.tsig");
	g_assert_cmpstr(e->title, ==, "Not authorized");
	g_assert_true(e != rcx_rcode_entry(9, RCX_CTX_UPDATE));
	g_assert_true(rcx_rcode_entry(9, RCX_CTX_TKEY) == e);
}

static void assigned_codes_have_registered_names(void)
{
	static const char *const names[24] = {
	        "NOERROR", "FORMERR",   "SERVFAIL", "NXDOMAIN", "NOTIMP",
	        "REFUSED", "YXDOMAIN",  "YXRRSET",  "NXRRSET",  "NOTAUTH",
	        "NOTZONE", "DSOTYPENI", NULL,       NULL,       NULL,
	        NULL,      NULL,        "BADKEY",   "BADTIME",  "BADMODE",
	        "BADNAME", "BADALG",    "BADTRUNC", "BADCOOKIE"};
	for (uint32_t code = 0; code < 24; code++) {
		if (!names[code])
			continue;
		for (size_t c = 0; c < G_N_ELEMENTS(all_contexts); c++) {
			const rcx_entry *e =
			        rcx_rcode_entry(code, all_contexts[c]);
			g_assert_cmpstr(e->mnemonic, ==, names[code]);
			g_assert_false(rcx_entry_is_range(e));
			g_assert_cmpuint(e->first, ==, code);
		}
	}
}

static void every_code_0_to_65535_has_an_entry(void)
{
	for (uint32_t code = 0; code <= 65535; code++) {
		for (size_t c = 0; c < G_N_ELEMENTS(all_contexts); c++) {
			const rcx_entry *e =
			        rcx_rcode_entry(code, all_contexts[c]);
			g_assert_nonnull(e);
			g_assert_cmpint(e->kind, ==, RCX_KIND_RCODE);
			g_assert_cmpuint(e->first, <=, code);
			g_assert_cmpuint(e->last, >=, code);
			g_assert_true(in_table(e));
		}
	}
}

static void unassigned_12_15(void)
{
	const rcx_entry *e = rcx_rcode_entry(12, RCX_CTX_RCODE);
	g_assert_cmpstr(e->mnemonic, ==, "Unassigned");
	g_assert_cmpuint(e->first, ==, 12);
	g_assert_cmpuint(e->last, ==, 15);
	g_assert_true(rcx_rcode_entry(15, RCX_CTX_TSIG) == e);
}

static void unassigned_24_3840(void)
{
	const rcx_entry *e = rcx_rcode_entry(24, RCX_CTX_RCODE);
	g_assert_cmpstr(e->mnemonic, ==, "Unassigned");
	g_assert_cmpuint(e->first, ==, 24);
	g_assert_cmpuint(e->last, ==, 3840);
	g_assert_true(rcx_rcode_entry(3840, RCX_CTX_TKEY) == e);
}

/* RFC 6895 §2.3. */
static void private_use_3841_4095(void)
{
	const rcx_entry *e = rcx_rcode_entry(3841, RCX_CTX_RCODE);
	g_assert_cmpstr(e->mnemonic, ==, "Private use");
	g_assert_cmpuint(e->first, ==, 3841);
	g_assert_cmpuint(e->last, ==, 4095);
	g_assert_true(rcx_rcode_entry(4095, RCX_CTX_TSIG) == e);
	g_assert_true(rcx_rcode_entry(3840, RCX_CTX_RCODE) != e);
}

/* Above 4095 only the 16-bit TSIG/TKEY Error field can carry a value. */
static void unassigned_4096_65534_only_in_tsig_and_tkey(void)
{
	const rcx_entry *e = rcx_rcode_entry(4096, RCX_CTX_TSIG);
	g_assert_cmpstr(e->mnemonic, ==, "Unassigned");
	g_assert_cmpuint(e->first, ==, 4096);
	g_assert_cmpuint(e->last, ==, 65534);
	g_assert_nonnull(strstr(e->explanation, "TSIG or TKEY"));
}

/* RFC 6895 §2.3. */
static void reserved_65535(void)
{
	const rcx_entry *e = rcx_rcode_entry(65535, RCX_CTX_TSIG);
	g_assert_cmpstr(e->mnemonic, ==, "Reserved");
	g_assert_cmpuint(e->first, ==, 65535);
	g_assert_false(rcx_entry_is_range(e));
	g_assert_true(rcx_rcode_entry(65534, RCX_CTX_TSIG) != e);
}

/* BADCOOKIE: RFC 7873 §5.3, the client retries with the fresh cookie. */
static void badcookie_says_retry_with_the_fresh_server_cookie(void)
{
	const rcx_entry *e = rcx_rcode_entry(23, RCX_CTX_RCODE);
	g_assert_nonnull(strstr(e->explanation, "fresh server cookie"));
	g_assert_nonnull(strstr(e->reference, "RFC 7873"));
	g_assert_cmpint(e->group, ==, RCX_GROUP_SECURITY);
}

/* BADTIME: RFC 8945 §5.2.3, the server's time is in Other Data. */
static void badtime_explains_other_data_and_skew_sign(void)
{
	const rcx_entry *e = rcx_rcode_entry(18, RCX_CTX_TSIG);
	g_assert_nonnull(strstr(e->explanation, "Other Data"));
	g_assert_nonnull(
	        strstr(e->explanation, "client clock minus server clock"));
}

/* RFC 2930 §2.6: BADMODE and BADNAME are TKEY errors. */
static void badmode_and_badname_are_tkey_errors(void)
{
	g_assert_nonnull(
	        strstr(rcx_rcode_entry(19, RCX_CTX_TKEY)->explanation, "TKEY"));
	g_assert_nonnull(
	        strstr(rcx_rcode_entry(20, RCX_CTX_TKEY)->explanation, "TKEY"));
	g_assert_cmpstr(rcx_rcode_entry(20, RCX_CTX_TKEY)->title, ==,
	                "Key name in use, or unknown to a deletion");
}

static const char *const ede_names[31] = {
        "Other Error",
        "Unsupported DNSKEY Algorithm",
        "Unsupported DS Digest Type",
        "Stale Answer",
        "Forged Answer",
        "DNSSEC Indeterminate",
        "DNSSEC Bogus",
        "Signature Expired",
        "Signature Not Yet Valid",
        "DNSKEY Missing",
        "RRSIGs Missing",
        "No Zone Key Bit Set",
        "NSEC Missing",
        "Cached Error",
        "Not Ready",
        "Blocked",
        "Censored",
        "Filtered",
        "Prohibited",
        "Stale NXDomain Answer",
        "Not Authoritative",
        "Not Supported",
        "No Reachable Authority",
        "Network Error",
        "Invalid Data",
        "Signature Expired before Valid",
        "Too Early",
        "Unsupported NSEC3 Iterations Value",
        "Unable to conform to policy",
        "Synthesized",
        "Invalid Query Type",
};

/* RFC 8914 §4 and IANA's Extended DNS Error Codes registry. */
static void ede_0_to_30_have_registered_names(void)
{
	for (uint32_t code = 0; code < G_N_ELEMENTS(ede_names); code++) {
		const rcx_entry *e = rcx_ede_entry(code);
		char key[16];
		g_snprintf(key, sizeof(key), "ede.%u", code);
		g_assert_cmpstr(e->mnemonic, ==, ede_names[code]);
		g_assert_cmpstr(e->key, ==, key);
		g_assert_cmpuint(e->first, ==, code);
		g_assert_false(rcx_entry_is_range(e));
	}
}

static void every_ede_0_to_65535_has_an_entry(void)
{
	for (uint32_t code = 0; code <= 65535; code++) {
		const rcx_entry *e = rcx_ede_entry(code);
		g_assert_nonnull(e);
		g_assert_cmpint(e->kind, ==, RCX_KIND_EDE);
		g_assert_cmpuint(e->first, <=, code);
		g_assert_cmpuint(e->last, >=, code);
		g_assert_true(in_table(e));
	}
}

static void ede_unassigned_31_49151(void)
{
	const rcx_entry *e = rcx_ede_entry(31);
	g_assert_true(rcx_entry_is_range(e));
	g_assert_cmpuint(e->first, ==, 31);
	g_assert_cmpuint(e->last, ==, 49151);
	g_assert_true(rcx_ede_entry(49151) == e);
}

/* RFC 8914 §5.2. */
static void ede_private_use_49152_65535(void)
{
	const rcx_entry *e = rcx_ede_entry(49152);
	g_assert_cmpstr(e->mnemonic, ==, "Private use");
	g_assert_cmpuint(e->first, ==, 49152);
	g_assert_cmpuint(e->last, ==, 65535);
	g_assert_true(rcx_ede_entry(65535) == e);
}

static void dnssec_ede_codes_are_security(void)
{
	static const uint32_t dnssec[] = {1, 2,  5,  6,  7,  8,
	                                  9, 10, 11, 12, 25, 27};
	for (size_t i = 0; i < G_N_ELEMENTS(dnssec); i++)
		g_assert_cmpint(rcx_ede_entry(dnssec[i])->group, ==,
		                RCX_GROUP_SECURITY);
	g_assert_cmpint(rcx_ede_entry(3)->severity, ==, RCX_SEV_NOTE);
	g_assert_cmpint(rcx_ede_entry(4)->severity, ==, RCX_SEV_WARN);
	g_assert_cmpint(rcx_ede_entry(29)->severity, ==, RCX_SEV_NOTE);
}

static void every_problem_has_an_entry_with_text(void)
{
	for (int p = RCX_OK + 1; p < RCX_PROBLEM_COUNT; p++) {
		const rcx_entry *e = rcx_problem_entry((rcx_problem)p);
		const char *prefix =
		        p <= RCX_PROB_TKEY_MALFORMED ? "problem." : "anomaly.";
		g_assert_nonnull(e);
		g_assert_cmpint(e->kind, ==, RCX_KIND_PROBLEM);
		g_assert_cmpuint(e->first, ==, (uint32_t)p);
		g_assert_cmpuint(e->last, ==, (uint32_t)p);
		g_assert_true(g_str_has_prefix(e->key, prefix));
		g_assert_cmpuint(strlen(e->mnemonic), >, 0);
		g_assert_cmpuint(strlen(e->explanation), >, 0);
		g_assert_nonnull(e->next_steps[0]);
		g_assert_true(rcx_registry_find(e->key) == e);
	}
}

static void wire_faults_are_malformed(void)
{
	for (int p = RCX_PROB_SHORT_HEADER; p <= RCX_PROB_TKEY_MALFORMED; p++) {
		const rcx_entry *e = rcx_problem_entry((rcx_problem)p);
		g_assert_cmpint(e->group, ==, RCX_GROUP_MALFORMED);
		g_assert_cmpint(e->severity, >=, RCX_SEV_WARN);
	}
	for (int p = RCX_ANOM_RCODE_IN_QUERY; p < RCX_PROBLEM_COUNT; p++) {
		const rcx_entry *e = rcx_problem_entry((rcx_problem)p);
		g_assert_cmpint(e->group, !=, RCX_GROUP_MALFORMED);
		g_assert_cmpint(e->severity, >=, RCX_SEV_NOTE);
		g_assert_cmpint(e->severity, <=, RCX_SEV_WARN);
	}
}

static void every_condition_has_an_entry(void)
{
	static const char *const keys[RCX_COND_COUNT] = {
	        [RCX_COND_QUERY] = "condition.query",
	        [RCX_COND_ANSWER] = "condition.answer",
	        [RCX_COND_NODATA] = "condition.nodata",
	        [RCX_COND_NXDOMAIN] = "condition.nxdomain",
	        [RCX_COND_REFERRAL] = "condition.referral",
	        [RCX_COND_ERROR] = "condition.error",
	        [RCX_COND_SUCCESS] = "condition.success",
	        [RCX_COND_TRUNCATED] = "condition.truncated",
	        [RCX_COND_UNDETERMINED] = "condition.undetermined",
	};
	for (int c = 0; c < RCX_COND_COUNT; c++) {
		const rcx_entry *e = rcx_registry_find(keys[c]);
		g_assert_nonnull(e);
		g_assert_cmpint(e->kind, ==, RCX_KIND_CONDITION);
		g_assert_cmpuint(e->first, ==, (uint32_t)c);
	}
	g_assert_cmpstr(rcx_registry_find("condition.nodata")->mnemonic, ==,
	                "NODATA");
}

/* RFC 6604: after a chain the code applies to the chain's last name. */
static void chain_variants_of_nodata_and_nxdomain(void)
{
	const rcx_entry *nodata = rcx_registry_find("condition.nodata.chain");
	const rcx_entry *nx = rcx_registry_find("condition.nxdomain.chain");
	g_assert_nonnull(nodata);
	g_assert_nonnull(nx);
	g_assert_cmpuint(nodata->first, ==, RCX_COND_NODATA);
	g_assert_cmpuint(nx->first, ==, RCX_COND_NXDOMAIN);
	g_assert_nonnull(strstr(nx->reference, "RFC 6604"));
	g_assert_nonnull(strstr(nx->explanation, "last name"));
}

/* RFC 2308 §5: min(SOA TTL, SOA MINIMUM). */
static void negative_ttl_note(void)
{
	const rcx_entry *e = rcx_registry_find("note.negative_ttl");
	g_assert_nonnull(e);
	g_assert_cmpint(e->kind, ==, RCX_KIND_CONDITION);
	g_assert_cmpuint(e->first, ==, RCX_COND_COUNT);
	g_assert_nonnull(strstr(e->explanation, "min(SOA TTL, SOA MINIMUM)"));
	g_assert_nonnull(strstr(e->reference, "RFC 2308"));
}

/* A missing type on an existing name is NODATA, not NXDOMAIN. */
static void nodata_is_not_nxdomain(void)
{
	const rcx_entry *e = rcx_registry_find("condition.nodata");
	g_assert_nonnull(strstr(e->explanation, "not NXDOMAIN"));
	g_assert_cmpint(e->severity, ==, RCX_SEV_NOTE);
	g_assert_nonnull(strstr(rcx_rcode_entry(3, RCX_CTX_RCODE)->explanation,
	                        "RFC 8020"));
}

static void every_entry_has_text(void)
{
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *e = rcx_registry_at(i);
		int causes, steps;
		g_assert_nonnull(e->key);
		g_assert_nonnull(e->mnemonic);
		g_assert_nonnull(e->title);
		g_assert_nonnull(e->explanation);
		g_assert_nonnull(e->reference);
		g_assert_cmpuint(strlen(e->mnemonic), >, 0);
		g_assert_cmpuint(strlen(e->title), >, 0);
		g_assert_cmpuint(strlen(e->explanation), >=, 40);
		g_assert_true(g_str_has_suffix(e->explanation, "."));
		g_assert_true(g_str_has_prefix(e->reference, "RFC ") ||
		              g_str_has_prefix(e->reference, "IANA ") ||
		              (e->kind == RCX_KIND_OBSERVATION &&
		               g_str_has_prefix(e->reference, "IETF draft-")));
		causes = count_items(e->causes, RCX_ENTRY_MAX_CAUSES);
		steps = count_items(e->next_steps, RCX_ENTRY_MAX_STEPS);
		g_assert_cmpint(causes, >=, 1);
		g_assert_cmpint(causes, <=, 4);
		g_assert_cmpint(steps, >=, 1);
		g_assert_cmpint(steps, <=, 5);
		g_assert_true(g_utf8_validate(e->explanation, -1, NULL));
	}
}

/* Myths: DNS has no 1xx-5xx codes; 16 is not "BADCKSUM". */
static void no_entry_repeats_a_myth(void)
{
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *e = rcx_registry_at(i);
		g_assert_null(strstr(e->mnemonic, "BADCKSUM"));
		g_assert_null(strstr(e->explanation, "BADCKSUM"));
		g_assert_null(strstr(e->explanation, "5xx"));
		g_assert_null(strstr(e->explanation, "GSS principal"));
	}
}

/* Keys rcreport's findings look up by name. */
static void observation_keys_exist(void)
{
	static const char *const keys[] = {
	        "transaction.unanswered",  "transaction.icmp",
	        "transaction.slow",        "transaction.inconsistent",
	        "transport.ip_fragmented", "capture.damaged",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		const rcx_entry *e = rcx_registry_find(keys[i]);
		g_assert_nonnull(e);
		g_assert_cmpint(e->kind, ==, RCX_KIND_OBSERVATION);
		g_assert_cmpint(e->severity, >, RCX_SEV_CHAT);
	}
}

static void keys_are_unique(void)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const char *key = rcx_registry_at(i)->key;
		g_assert_false(g_hash_table_contains(seen, key));
		g_hash_table_add(seen, (gpointer)key);
	}
	g_hash_table_destroy(seen);
}

/* Variants of one code (per context or FORMERR evidence) and of one
 * condition (chain, LLMNR, mDNS) explain the same value differently. */
static bool same_meaning_space(const rcx_entry *a, const rcx_entry *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == RCX_KIND_CONDITION)
		return false;
	if (a->kind == RCX_KIND_RCODE && !rcx_entry_is_range(a) &&
	    !rcx_entry_is_range(b) && a->first == b->first)
		return false;
	return true;
}

/* Every variant of a code is reachable through the lookups. */
static void every_rcode_entry_is_reachable(void)
{
	static const rcx_formerr_evidence evidence[] = {
	        RCX_FORMERR_UNKNOWN, RCX_FORMERR_EDNS, RCX_FORMERR_NO_EDNS,
	        RCX_FORMERR_MALFORMED_QUERY};
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *e = rcx_registry_at(i);
		bool reached = false;
		if (e->kind != RCX_KIND_RCODE)
			continue;
		for (size_t c = 0; c < G_N_ELEMENTS(all_contexts); c++)
			reached |=
			        rcx_rcode_entry(e->first, all_contexts[c]) == e;
		for (size_t k = 0; k < G_N_ELEMENTS(evidence); k++)
			reached |= rcx_formerr_entry(evidence[k]) == e;
		if (!reached)
			g_error("%s is not reachable", e->key);
	}
}

static void ranges_do_not_overlap(void)
{
	for (size_t i = 0; i < rcx_registry_size(); i++) {
		const rcx_entry *a = rcx_registry_at(i);
		g_assert_cmpuint(a->first, <=, a->last);
		for (size_t j = i + 1; j < rcx_registry_size(); j++) {
			const rcx_entry *b = rcx_registry_at(j);
			if (!same_meaning_space(a, b))
				continue;
			g_assert_true(a->last < b->first || b->last < a->first);
		}
	}
}

static void find_by_key(void)
{
	g_assert_true(rcx_registry_find("rcode.23") ==
	              rcx_rcode_entry(23, RCX_CTX_RCODE));
	g_assert_true(rcx_registry_find("ede.7") == rcx_ede_entry(7));
	g_assert_true(rcx_registry_find("rcode.3841-4095") ==
	              rcx_rcode_entry(4000, RCX_CTX_RCODE));
	g_assert_null(rcx_registry_find("rcode.99999"));
	g_assert_null(rcx_registry_find(""));
	g_assert_null(rcx_registry_find(NULL));
	g_assert_null(rcx_registry_at(rcx_registry_size()));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/registry/rcode16_is_badvers_in_rcode_context",
	                rcode16_is_badvers_in_rcode_context);
	g_test_add_func("/registry/rcode16_is_badsig_in_tsig_context",
	                rcode16_is_badsig_in_tsig_context);
	g_test_add_func("/registry/rcode9_is_not_authoritative_outside_tsig",
	                rcode9_is_not_authoritative_outside_tsig);
	g_test_add_func("/registry/rcode9_is_not_authorized_in_tsig_context",
	                rcode9_is_not_authorized_in_tsig_context);
	g_test_add_func("/registry/assigned_codes_have_registered_names",
	                assigned_codes_have_registered_names);
	g_test_add_func("/registry/every_code_0_to_65535_has_an_entry",
	                every_code_0_to_65535_has_an_entry);
	g_test_add_func("/registry/unassigned_12_15", unassigned_12_15);
	g_test_add_func("/registry/unassigned_24_3840", unassigned_24_3840);
	g_test_add_func("/registry/private_use_3841_4095",
	                private_use_3841_4095);
	g_test_add_func("/registry/unassigned_4096_65534_only_in_tsig_and_tkey",
	                unassigned_4096_65534_only_in_tsig_and_tkey);
	g_test_add_func("/registry/reserved_65535", reserved_65535);
	g_test_add_func(
	        "/registry/badcookie_says_retry_with_the_fresh_server_cookie",
	        badcookie_says_retry_with_the_fresh_server_cookie);
	g_test_add_func("/registry/badtime_explains_other_data_and_skew_sign",
	                badtime_explains_other_data_and_skew_sign);
	g_test_add_func("/registry/badmode_and_badname_are_tkey_errors",
	                badmode_and_badname_are_tkey_errors);
	g_test_add_func("/registry/ede_0_to_30_have_registered_names",
	                ede_0_to_30_have_registered_names);
	g_test_add_func("/registry/every_ede_0_to_65535_has_an_entry",
	                every_ede_0_to_65535_has_an_entry);
	g_test_add_func("/registry/ede_unassigned_31_49151",
	                ede_unassigned_31_49151);
	g_test_add_func("/registry/ede_private_use_49152_65535",
	                ede_private_use_49152_65535);
	g_test_add_func("/registry/dnssec_ede_codes_are_security",
	                dnssec_ede_codes_are_security);
	g_test_add_func("/registry/every_problem_has_an_entry_with_text",
	                every_problem_has_an_entry_with_text);
	g_test_add_func("/registry/wire_faults_are_malformed",
	                wire_faults_are_malformed);
	g_test_add_func("/registry/every_condition_has_an_entry",
	                every_condition_has_an_entry);
	g_test_add_func("/registry/chain_variants_of_nodata_and_nxdomain",
	                chain_variants_of_nodata_and_nxdomain);
	g_test_add_func("/registry/negative_ttl_note", negative_ttl_note);
	g_test_add_func("/registry/nodata_is_not_nxdomain",
	                nodata_is_not_nxdomain);
	g_test_add_func("/registry/every_entry_has_text", every_entry_has_text);
	g_test_add_func("/registry/no_entry_repeats_a_myth",
	                no_entry_repeats_a_myth);
	g_test_add_func("/registry/keys_are_unique", keys_are_unique);
	g_test_add_func("/registry/observation_keys_exist",
	                observation_keys_exist);
	g_test_add_func("/registry/ranges_do_not_overlap",
	                ranges_do_not_overlap);
	g_test_add_func("/registry/find_by_key", find_by_key);
	g_test_add_func("/registry/every_rcode_entry_is_reachable",
	                every_rcode_entry_is_reachable);
	g_test_add_func("/registry/every_entry_cites_an_rfc_section",
	                every_entry_cites_an_rfc_section);
	g_test_add_func("/registry/badsig_does_not_blame_the_algorithm",
	                badsig_does_not_blame_the_algorithm);
	g_test_add_func(
	        "/registry/badkey_names_a_known_key_denied_by_access_rules",
	        badkey_names_a_known_key_denied_by_access_rules);
	g_test_add_func("/registry/badtrunc_cites_the_truncation_check",
	                badtrunc_cites_the_truncation_check);
	g_test_add_func("/registry/tkey_errors_say_the_header_reads_noerror",
	                tkey_errors_say_the_header_reads_noerror);
	g_test_add_func("/registry/badname_covers_deletion_of_an_unknown_key",
	                badname_covers_deletion_of_an_unknown_key);
	g_test_add_func("/registry/notimp_to_notify_is_the_secondary",
	                notimp_to_notify_is_the_secondary);
	g_test_add_func("/registry/notauth_to_notify_has_its_own_entry",
	                notauth_to_notify_has_its_own_entry);
	g_test_add_func("/registry/formerr_entries_follow_the_evidence",
	                formerr_entries_follow_the_evidence);
	g_test_add_func(
	        "/registry/cookie_length_formerr_only_with_cookies_enabled",
	        cookie_length_formerr_only_with_cookies_enabled);
	g_test_add_func("/registry/dsotypeni_says_no_session_and_keepalive_bug",
	                dsotypeni_says_no_session_and_keepalive_bug);
	g_test_add_func(
	        "/registry/servfail_and_cached_error_give_the_5_minute_limit",
	        servfail_and_cached_error_give_the_5_minute_limit);
	g_test_add_func("/registry/ede_30_and_26_name_their_response_codes",
	                ede_30_and_26_name_their_response_codes);
	g_test_add_func("/registry/mdns_rcode_is_an_anomaly",
	                mdns_rcode_is_an_anomaly);
	return g_test_run();
}
