/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The code registry: every value has an entry, with the registered names. */
#include <glib.h>
#include <string.h>

#include "rcodex/diagnosis.h"
#include "rcodex/registry.h"

static const rcx_code_context all_contexts[] = {RCX_CTX_RCODE, RCX_CTX_UPDATE,
                                                RCX_CTX_TSIG, RCX_CTX_TKEY};

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

/* RFC 8945 §5.2: header NOTAUTH, reason in the TSIG Error field. */
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
	                "Duplicate key name");
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
	        "transaction.unanswered", "transaction.icmp",
	        "transaction.slow",       "transaction.inconsistent",
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

static bool same_meaning_space(const rcx_entry *a, const rcx_entry *b)
{
	bool a_tsig = a->context == RCX_CTX_TSIG || a->context == RCX_CTX_TKEY;
	bool b_tsig = b->context == RCX_CTX_TSIG || b->context == RCX_CTX_TKEY;
	if (a->kind != b->kind)
		return false;
	if (a->kind == RCX_KIND_CONDITION)
		return false; /* chain variants share their condition */
	if (a->kind == RCX_KIND_RCODE && (a->first == 9 || a->first == 16) &&
	    a->first == b->first)
		return a_tsig == b_tsig;
	return true;
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
	return g_test_run();
}
