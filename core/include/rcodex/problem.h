/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Everything wrong or unusual that the core can say about a message: wire
 * faults found while parsing and anomalies found by the diagnosis. Each value
 * has an entry in the registry (rcx_problem_entry()) that says how severe it
 * is and what it means.
 */
#ifndef RCODEX_PROBLEM_H
#define RCODEX_PROBLEM_H

typedef enum {
	RCX_OK = 0,

	/* Wire faults (parser). */
	RCX_PROB_SHORT_HEADER,       /* fewer than 12 octets */
	RCX_PROB_NAME_TRUNCATED,     /* a name runs past the end */
	RCX_PROB_NAME_BAD_POINTER,   /* pointer forward, to itself or a loop */
	RCX_PROB_NAME_LABEL_TYPE,    /* label length octet 0x40..0xBF */
	RCX_PROB_NAME_TOO_LONG,      /* more than 255 octets */
	RCX_PROB_QUESTION_TRUNCATED, /* QTYPE/QCLASS cut */
	RCX_PROB_RR_TRUNCATED,       /* TYPE..RDLENGTH cut */
	RCX_PROB_RDATA_PAST_END,     /* RDLENGTH runs past the end */
	RCX_PROB_COUNT_MISMATCH,  /* header counts more records than present */
	RCX_PROB_TRAILING_BYTES,  /* octets after the last counted record */
	RCX_PROB_RDATA_MALFORMED, /* RDATA does not match its type (SOA,
	                             CNAME...) */
	RCX_PROB_OPT_OPTION_TRUNCATED, /* an EDNS option runs past RDATA */
	RCX_PROB_OPT_OWNER_NOT_ROOT,
	RCX_PROB_OPT_NOT_ADDITIONAL,
	RCX_PROB_MULTIPLE_OPT,
	RCX_PROB_COOKIE_LENGTH, /* COOKIE option not 8 or 16..40 octets */
	RCX_PROB_MULTIPLE_COOKIE,
	RCX_PROB_EDE_SHORT, /* EDE option shorter than 2 octets */
	RCX_PROB_EDE_TEXT_NOT_UTF8,
	RCX_PROB_TSIG_NOT_LAST,
	RCX_PROB_TSIG_NOT_ADDITIONAL,
	RCX_PROB_MULTIPLE_TSIG,
	RCX_PROB_TSIG_MALFORMED,
	RCX_PROB_TKEY_MALFORMED,

	/* Anomalies (diagnosis). */
	RCX_ANOM_RCODE_IN_QUERY,        /* RCODE != 0 in a query */
	RCX_ANOM_EXT_RCODE_IN_QUERY,    /* OPT extended-RCODE bits in a query */
	RCX_ANOM_NXDOMAIN_WITH_ANSWERS, /* NXDOMAIN with records that do not
	                                   form a chain */
	RCX_ANOM_NODATA_WITHOUT_SOA, /* negative answer that cannot be cached */
	RCX_ANOM_NO_QUESTION,        /* response to QUERY without a question */
	RCX_ANOM_QUESTION_MISMATCH,  /* response question differs from the
	                                query's */
	RCX_ANOM_CNAME_LOOP, /* CNAME chain returns to a name already seen */
	RCX_ANOM_CNAME_CHAIN_LONG,      /* chain longer than the core follows */
	RCX_ANOM_SERVER_COOKIE_MISSING, /* query had a client cookie, response
	                                   no server cookie */
	RCX_ANOM_CLIENT_COOKIE_MISMATCH,   /* response's client cookie differs
	                                      from the query's */
	RCX_ANOM_BADCOOKIE_WITHOUT_COOKIE, /* BADCOOKIE with no server cookie to
	                                      retry with */
	RCX_ANOM_EDNS_DROPPED,           /* query had EDNS, response has none */
	RCX_ANOM_EXTENDED_RCODE_UNKNOWN, /* effective code unassigned */
	RCX_ANOM_LLMNR_NXDOMAIN,         /* LLMNR response with RCODE 3 */
	RCX_ANOM_MDNS_RCODE, /* mDNS response with a non-zero RCODE */

	RCX_PROBLEM_COUNT
} rcx_problem;

#endif
