/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a parsed message's response code really means. */
#include "rcodex/diagnosis.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rcodex/name.h"
#include "rcodex/wire.h"

typedef struct {
	uint8_t bytes[RCX_NAME_MAX];
	size_t length;
} flat_name;

static bool flat_of(const rcx_message *msg, uint32_t offset, flat_name *out)
{
	uint32_t next;
	return rcx_name_walk(msg->wire, msg->length, offset, &next, out->bytes,
	                     &out->length) == RCX_OK;
}

static bool flat_equal(const flat_name *a, const flat_name *b)
{
	return a->length == b->length &&
	       memcmp(a->bytes, b->bytes, a->length) == 0;
}

#define NO_OFFSET UINT32_MAX

/*
 * Where the labels of the name at offset begin, once the compression
 * pointers in front of them are followed. Two names that begin at the same
 * place are the same name, which spares decompressing both (an answer's
 * owner is usually a pointer to the question). NO_OFFSET when a pointer
 * leaves the message or the chain is longer than any valid name allows.
 */
static uint32_t name_start(const rcx_message *msg, uint32_t offset)
{
	for (int hops = 0; hops < RCX_NAME_MAX; hops++) {
		if ((size_t)offset + 1 >= msg->length)
			return NO_OFFSET;
		uint8_t len = msg->wire[offset];
		if ((len & 0xC0) != 0xC0)
			return offset;
		offset = ((uint32_t)(len & 0x3F) << 8) | msg->wire[offset + 1];
	}
	return NO_OFFSET;
}

/* True when ancestor is a proper suffix of name, label-aligned. */
static bool flat_below(const flat_name *name, const flat_name *ancestor,
                       size_t *prefix_length)
{
	size_t pos = 0;
	while (pos < name->length && name->bytes[pos] != 0) {
		pos += 1 + (size_t)name->bytes[pos];
		if (name->length - pos == ancestor->length &&
		    memcmp(name->bytes + pos, ancestor->bytes,
		           ancestor->length) == 0) {
			*prefix_length = pos;
			return true;
		}
	}
	return false;
}

static void add_anomaly(rcx_diagnosis *d, rcx_problem code, uint32_t offset)
{
	d->anomalies_total++;
	if (d->n_anomalies < RCX_MAX_ANOMALIES) {
		d->anomalies[d->n_anomalies].code = (uint8_t)code;
		d->anomalies[d->n_anomalies].offset = offset;
		d->n_anomalies++;
	}
}

const char *rcx_condition_name(rcx_condition c)
{
	static const char *const names[RCX_COND_COUNT] = {
	        [RCX_COND_QUERY] = "query",
	        [RCX_COND_ANSWER] = "answer",
	        [RCX_COND_NODATA] = "nodata",
	        [RCX_COND_NXDOMAIN] = "nxdomain",
	        [RCX_COND_REFERRAL] = "referral",
	        [RCX_COND_ERROR] = "error",
	        [RCX_COND_SUCCESS] = "success",
	        [RCX_COND_TRUNCATED] = "truncated",
	        [RCX_COND_UNDETERMINED] = "undetermined",
	};
	return (unsigned)c < RCX_COND_COUNT ? names[c] : "unknown";
}

const char *rcx_source_name(rcx_rcode_source s)
{
	switch (s) {
	case RCX_SOURCE_HEADER:
		return "header";
	case RCX_SOURCE_EDNS:
		return "edns";
	case RCX_SOURCE_TSIG:
		return "tsig";
	case RCX_SOURCE_TKEY:
		return "tkey";
	}
	return "unknown";
}

const rcx_entry *rcx_condition_entry(rcx_condition c, bool after_chain)
{
	static const rcx_entry *plain[RCX_COND_COUNT];
	static const rcx_entry *chained[RCX_COND_COUNT];
	static bool loaded;

	if (!loaded) {
		char key[64];
		for (int i = 0; i < RCX_COND_COUNT; i++) {
			snprintf(key, sizeof(key), "condition.%s",
			         rcx_condition_name((rcx_condition)i));
			plain[i] = rcx_registry_find(key);
			snprintf(key, sizeof(key), "condition.%s.chain",
			         rcx_condition_name((rcx_condition)i));
			chained[i] = rcx_registry_find(key);
		}
		loaded = true;
	}
	if ((unsigned)c >= RCX_COND_COUNT)
		return NULL;
	if (after_chain && chained[c])
		return chained[c];
	return plain[c];
}

/*
 * The context of a header or OPT-extended RCODE: the opcode it answers.
 * Whether the exchange is signed does not matter (RFC 6895 §2.3).
 */
static rcx_code_context header_context(uint8_t opcode)
{
	if (opcode == RCX_OPCODE_UPDATE)
		return RCX_CTX_UPDATE;
	if (opcode == RCX_OPCODE_NOTIFY)
		return RCX_CTX_NOTIFY;
	return RCX_CTX_RCODE;
}

/*
 * A query with wire problems explains a FORMERR by itself (RFC 1035
 * §4.1.1). Otherwise RFC 6891 §7: a server without EDNS answers FORMERR
 * without an OPT record to a request with one; a server with EDNS answers
 * FORMERR with an OPT record. "No OPT record" counts only when the
 * additional section was read to its end.
 */
static rcx_formerr_evidence formerr_evidence(const rcx_message *msg,
                                             const rcx_message *query)
{
	bool additional_read = msg->section_parsed[RCX_SECTION_ADDITIONAL] >=
	                       msg->header.arcount;

	if (query && query->problems_total > 0)
		return RCX_FORMERR_MALFORMED_QUERY;
	if (msg->opt.present)
		return RCX_FORMERR_EDNS;
	if (query && query->opt.present && additional_read)
		return RCX_FORMERR_NO_EDNS;
	return RCX_FORMERR_UNKNOWN;
}

/*
 * RFC 6891 §6.1.3, RFC 8945 §5.3, RFC 2930 §2.6. The meaning follows the
 * field that carries the code: a non-zero TSIG Error replaces the header
 * RCODE (RFC 6895 §2.3); a non-zero TKEY Error comes with header NOERROR,
 * and a non-zero header RCODE next to it is unrelated (RFC 2930 §2.6).
 */
static void effective_rcode(rcx_diagnosis *d, const rcx_message *msg,
                            const rcx_message *query)
{
	const rcx_header *h = &msg->header;
	rcx_code_context ctx = header_context(h->opcode);

	d->header_rcode = h->rcode;
	d->rcode = h->rcode;
	d->source = RCX_SOURCE_HEADER;
	if (msg->opt.present) {
		d->has_edns_rcode = true;
		d->edns_rcode =
		        (uint16_t)((msg->opt.ext_rcode << 4) | h->rcode);
		d->rcode = d->edns_rcode;
		if (msg->opt.ext_rcode != 0)
			d->source = RCX_SOURCE_EDNS;
	}
	if (msg->tsig.present && msg->tsig.complete && msg->tsig.error != 0) {
		d->rcode = msg->tsig.error;
		d->source = RCX_SOURCE_TSIG;
		ctx = RCX_CTX_TSIG;
	} else if (msg->tkey.present && msg->tkey.complete &&
	           msg->tkey.error != 0 && d->rcode == RCX_RCODE_NOERROR) {
		d->rcode = msg->tkey.error;
		d->source = RCX_SOURCE_TKEY;
		ctx = RCX_CTX_TKEY;
	}
	if (d->rcode == RCX_RCODE_FORMERR && d->source != RCX_SOURCE_TSIG)
		d->rcode_entry =
		        rcx_formerr_entry(formerr_evidence(msg, query));
	else
		d->rcode_entry = rcx_rcode_entry(d->rcode, ctx);
	if (rcx_entry_is_unassigned(d->rcode_entry))
		add_anomaly(d, RCX_ANOM_EXTENDED_RCODE_UNKNOWN, 2);
}

/* RFC 8945 §5.2.3: the server's clock is in Other Data of a BADTIME reply. */
static void tsig_facts(rcx_diagnosis *d, const rcx_message *msg,
                       const rcx_message *query)
{
	const rcx_tsig *t = &msg->tsig;

	d->tsig_present = t->present;
	if (!t->present)
		return;
	d->tsig_error = t->error;
	d->tsig_entry = rcx_rcode_entry(t->error, RCX_CTX_TSIG);
	if (t->error == RCX_RCODE_BADTIME && t->has_server_time) {
		uint64_t client_time = t->time_signed;
		if (query && query->tsig.present && query->tsig.complete)
			client_time = query->tsig.time_signed;
		d->has_tsig_skew = true;
		d->tsig_skew = (int64_t)client_time - (int64_t)t->server_time;
	}
}

/* Offset of the OPT record, for anomalies about it. */
static uint32_t opt_offset(const rcx_message *msg)
{
	if (msg->opt.present && msg->opt.rr_index < msg->n_rrs)
		return msg->rrs[msg->opt.rr_index].owner;
	return RCX_HEADER_LEN;
}

static bool cookie_has_client(const rcx_message *m)
{
	return m->opt.present && m->opt.cookie.present &&
	       m->opt.cookie.length >= RCX_COOKIE_CLIENT_LEN;
}

/* RFC 7873 §5.3. */
static void cookie_facts(rcx_diagnosis *d, const rcx_message *msg,
                         const rcx_message *query)
{
	const rcx_cookie *c = &msg->opt.cookie;
	rcx_cookie_state *s = &d->cookie;

	s->present = msg->opt.present && c->present;
	s->client = cookie_has_client(msg);
	s->server = s->present && c->length > RCX_COOKIE_CLIENT_LEN;
	s->valid = s->present && c->valid;
	if (query) {
		s->query_client = cookie_has_client(query);
		s->query_server =
		        s->query_client &&
		        query->opt.cookie.length > RCX_COOKIE_CLIENT_LEN;
	}
	if (!d->is_response)
		return;
	if (d->rcode == RCX_RCODE_BADCOOKIE) {
		if (s->server && s->valid)
			s->retry_expected = true;
		else
			add_anomaly(d, RCX_ANOM_BADCOOKIE_WITHOUT_COOKIE,
			            msg->opt.present ? c->offset : 2);
	}
	if (!query || !s->query_client || !msg->opt.present)
		return;
	if (!s->server && d->rcode != RCX_RCODE_FORMERR)
		add_anomaly(d, RCX_ANOM_SERVER_COOKIE_MISSING,
		            s->present ? c->offset : opt_offset(msg));
	if (s->client && memcmp(msg->wire + c->offset,
	                        query->wire + query->opt.cookie.offset,
	                        RCX_COOKIE_CLIENT_LEN) != 0)
		add_anomaly(d, RCX_ANOM_CLIENT_COOKIE_MISMATCH, c->offset);
}

/* The link of a DNAME whose owner is above name: RFC 6672 §2.2. */
static bool dname_substitute(const rcx_message *msg, const flat_name *name,
                             flat_name *out, uint32_t *target)
{
	for (uint16_t i = 0; i < msg->n_rrs; i++) {
		const rcx_rr *rr = &msg->rrs[i];
		flat_name owner, dest;
		size_t prefix;
		if (rr->section != RCX_SECTION_ANSWER ||
		    rr->type != RCX_TYPE_DNAME || rr->rdlength == 0)
			continue;
		if (!flat_of(msg, rr->owner, &owner) ||
		    !flat_below(name, &owner, &prefix) ||
		    !flat_of(msg, rr->rdata, &dest))
			continue;
		if (prefix + dest.length > RCX_NAME_MAX)
			return false; /* RFC 6672 §2.2: YXDOMAIN territory */
		memcpy(out->bytes, name->bytes, prefix);
		memcpy(out->bytes + prefix, dest.bytes, dest.length);
		out->length = prefix + dest.length;
		*target = rr->rdata;
		return true;
	}
	return false;
}

/*
 * Follow CNAME/DNAME links from the question name; true when the answer
 * holds data for the question at the end of the chain (RFC 1034 §3.6.2,
 * RFC 2308 §2, RFC 6604).
 */
static bool follow_chain(rcx_diagnosis *d, const rcx_message *msg,
                         const rcx_question *q)
{
	flat_name current, seen[RCX_MAX_CHAIN + 1];
	uint16_t qtype = q->qtype;

	if (qtype == RCX_TYPE_AXFR || qtype == RCX_TYPE_IXFR)
		return msg->section_parsed[RCX_SECTION_ANSWER] > 0;
	if (!flat_of(msg, q->name, &current))
		return false;
	seen[0] = current;
	uint32_t current_at = name_start(msg, q->name);
	for (;;) {
		bool moved = false;
		uint32_t target = 0;
		flat_name next;
		/* A CNAME target is a name in the message; a DNAME
		 * substitution is not. */
		uint32_t next_at = NO_OFFSET;
		for (uint16_t i = 0; i < msg->n_rrs; i++) {
			const rcx_rr *rr = &msg->rrs[i];
			flat_name owner;
			if (rr->section != RCX_SECTION_ANSWER)
				continue;
			if (rr->type == RCX_TYPE_DNAME)
				d->chain_has_dname = true;
			/* Every owner was walked by the parse, so one that
			 * begins where current does is current. */
			bool same = current_at != NO_OFFSET &&
			            name_start(msg, rr->owner) == current_at;
			if (!same && (!flat_of(msg, rr->owner, &owner) ||
			              !flat_equal(&owner, &current)))
				continue;
			if (rr->type == qtype || qtype == RCX_TYPE_ANY)
				return true;
			if (rr->type == RCX_TYPE_CNAME && !moved &&
			    flat_of(msg, rr->rdata, &next)) {
				target = rr->rdata;
				next_at = name_start(msg, rr->rdata);
				moved = true;
			}
		}
		if (!moved && qtype != RCX_TYPE_DNAME)
			moved = dname_substitute(msg, &current, &next, &target);
		if (!moved)
			return false;
		for (uint8_t i = 0; i <= d->chain_length; i++) {
			if (flat_equal(&seen[i], &next)) {
				add_anomaly(d, RCX_ANOM_CNAME_LOOP, target);
				return false;
			}
		}
		if (d->chain_length == RCX_MAX_CHAIN) {
			add_anomaly(d, RCX_ANOM_CNAME_CHAIN_LONG, target);
			return false;
		}
		d->chain_targets[d->chain_length++] = target;
		seen[d->chain_length] = next;
		current = next;
		current_at = next_at;
	}
}

static void response_condition(rcx_diagnosis *d, const rcx_message *msg)
{
	const rcx_header *h = &msg->header;
	const rcx_question *q = rcx_message_question(msg);
	bool answered = false;
	/* Sections that decide between answer, NODATA and referral. */
	bool authority_read =
	        msg->section_parsed[RCX_SECTION_AUTHORITY] >= h->nscount;
	bool damaged = (h->qdcount > 0 && !q) ||
	               msg->section_parsed[RCX_SECTION_ANSWER] < h->ancount ||
	               !authority_read;

	if (q && h->opcode == RCX_OPCODE_QUERY)
		answered = follow_chain(d, msg, q);
	d->after_chain = d->chain_length > 0;

	if (d->rcode == RCX_RCODE_NXDOMAIN) {
		d->condition = RCX_COND_NXDOMAIN;
		/* RFC 6604 §3: records before the name that does not exist are
		 * fine. */
		if (answered || (msg->section_parsed[RCX_SECTION_ANSWER] > 0 &&
		                 d->chain_length == 0 && !d->chain_has_dname))
			add_anomaly(d, RCX_ANOM_NXDOMAIN_WITH_ANSWERS,
			            RCX_HEADER_LEN);
	} else if (d->rcode != RCX_RCODE_NOERROR) {
		d->condition = RCX_COND_ERROR;
	} else if (h->opcode != RCX_OPCODE_QUERY) {
		d->condition = RCX_COND_SUCCESS;
	} else if (!q && h->qdcount == 0) {
		add_anomaly(d, RCX_ANOM_NO_QUESTION, RCX_HEADER_LEN);
		d->condition = msg->section_parsed[RCX_SECTION_ANSWER] > 0
		                       ? RCX_COND_ANSWER
		                       : RCX_COND_NODATA;
	} else if (answered) {
		d->condition = RCX_COND_ANSWER;
	} else if (h->tc) {
		d->condition = RCX_COND_TRUNCATED;
	} else if (damaged) {
		d->condition = RCX_COND_UNDETERMINED;
	} else if (!h->aa && msg->authority_ns > 0 && !msg->has_soa) {
		d->condition = RCX_COND_REFERRAL;
	} else {
		d->condition = RCX_COND_NODATA;
	}

	/* RFC 2308 §5: negative answers are cached for min(SOA TTL, MINIMUM).
	 */
	if (d->condition == RCX_COND_NODATA ||
	    d->condition == RCX_COND_NXDOMAIN) {
		if (msg->has_soa) {
			d->has_negative_ttl = true;
			d->negative_ttl = msg->soa_ttl < msg->soa_minimum
			                          ? msg->soa_ttl
			                          : msg->soa_minimum;
		} else if (q && authority_read) {
			add_anomaly(d, RCX_ANOM_NODATA_WITHOUT_SOA,
			            RCX_HEADER_LEN);
		}
	}
}

static void compare_with_query(rcx_diagnosis *d, const rcx_message *msg,
                               const rcx_message *query)
{
	const rcx_question *rq = rcx_message_question(msg);
	const rcx_question *qq = rcx_message_question(query);
	flat_name a, b;

	/* RFC 6891 §7: the OPT RR is in the additional section; only a reply
	 * read to its end shows that it has none. */
	bool additional_read = msg->header_complete &&
	                       msg->section_parsed[RCX_SECTION_ADDITIONAL] >=
	                               msg->header.arcount;
	if (query->opt.present && !msg->opt.present && additional_read)
		add_anomaly(d, RCX_ANOM_EDNS_DROPPED, RCX_HEADER_LEN);
	if (!rq || !qq)
		return;
	if (rq->qtype != qq->qtype || rq->qclass != qq->qclass) {
		add_anomaly(d, RCX_ANOM_QUESTION_MISMATCH, rq->name);
		return;
	}
	int plain = rcx_name_equal_plain(msg->wire, msg->length, rq->name,
	                                 query->wire, query->length, qq->name);
	if (plain == 1)
		return;
	if (plain == 0 || !flat_of(msg, rq->name, &a) ||
	    !flat_of(query, qq->name, &b) || !flat_equal(&a, &b))
		add_anomaly(d, RCX_ANOM_QUESTION_MISMATCH, rq->name);
}

static void add_advice(rcx_diagnosis *d, const rcx_entry *e)
{
	if (!e)
		return;
	for (int s = 0; s < RCX_ENTRY_MAX_STEPS && e->next_steps[s]; s++) {
		bool dup = false;
		for (uint8_t i = 0; i < d->n_advice && !dup; i++)
			dup = d->advice[i] == e->next_steps[s];
		if (!dup && d->n_advice < RCX_MAX_ADVICE)
			d->advice[d->n_advice++] = e->next_steps[s];
	}
}

static void raise_severity(rcx_diagnosis *d, const rcx_entry *e)
{
	if (e && e->severity > d->severity)
		d->severity = e->severity;
}

/* The LLMNR variant of a condition's entry, or NULL when it has none. */
static const rcx_entry *llmnr_condition_entry(rcx_condition c)
{
	static const rcx_entry *nodata, *nxdomain;
	static bool loaded;

	if (!loaded) {
		nodata = rcx_registry_find("condition.nodata.llmnr");
		nxdomain = rcx_registry_find("condition.nxdomain.llmnr");
		loaded = true;
	}
	if (c == RCX_COND_NODATA)
		return nodata;
	if (c == RCX_COND_NXDOMAIN)
		return nxdomain;
	return NULL;
}

static const rcx_entry *mdns_error_entry(void)
{
	static const rcx_entry *entry;

	if (!entry)
		entry = rcx_registry_find("condition.error.mdns");
	return entry;
}

/* Conditions of multicast name resolution whose entry replaces the advice
 * of the response code, which rests on zones. */
static bool multicast_entry(const rcx_entry *e)
{
	return e && (e == llmnr_condition_entry(RCX_COND_NODATA) ||
	             e == llmnr_condition_entry(RCX_COND_NXDOMAIN) ||
	             e == mdns_error_entry());
}

static void collect_advice_and_severity(rcx_diagnosis *d)
{
	for (uint8_t i = 0; i < d->n_ede; i++) {
		add_advice(d, d->ede_entries[i]);
		raise_severity(d, d->ede_entries[i]);
	}
	if (d->is_response) {
		if (d->tsig_entry && d->tsig_error != 0 &&
		    d->tsig_entry != d->rcode_entry)
			add_advice(d, d->tsig_entry);
		/* A multicast condition's advice replaces the zone-based
		 * advice of the response code. */
		if (d->rcode != RCX_RCODE_NOERROR &&
		    !multicast_entry(d->condition_entry))
			add_advice(d, d->rcode_entry);
		raise_severity(d, d->rcode_entry);
		raise_severity(d, d->tsig_entry);
		if (d->condition != RCX_COND_ERROR)
			add_advice(d, d->condition_entry);
		raise_severity(d, d->condition_entry);
	}
	for (uint8_t i = 0; i < d->n_anomalies; i++) {
		const rcx_entry *e = rcx_problem_entry(d->anomalies[i].code);
		add_advice(d, e);
		raise_severity(d, e);
	}
}

void rcx_diagnose(rcx_diagnosis *d, const rcx_message *msg,
                  const rcx_message *query)
{
	memset(d, 0, sizeof(*d));

	for (uint8_t i = 0; i < msg->n_problems; i++)
		add_anomaly(d, msg->problems[i].code, msg->problems[i].offset);
	for (uint16_t i = msg->n_problems; i < msg->problems_total; i++)
		d->anomalies_total++;

	if (!msg->header_complete) {
		d->condition = RCX_COND_QUERY;
		collect_advice_and_severity(d);
		return;
	}
	if (query && (!query->header_complete || query->header.qr))
		query = NULL;
	d->is_response = msg->header.qr;
	d->has_query = query != NULL && d->is_response;

	if (d->is_response) {
		effective_rcode(d, msg, query);
		response_condition(d, msg);
		if (query)
			compare_with_query(d, msg, query);
	} else {
		d->condition = RCX_COND_QUERY;
		d->header_rcode = msg->header.rcode;
		query = NULL;
		if (msg->header.rcode != 0)
			add_anomaly(d, RCX_ANOM_RCODE_IN_QUERY, 3);
		if (msg->opt.present && msg->opt.ext_rcode != 0)
			add_anomaly(d, RCX_ANOM_EXT_RCODE_IN_QUERY,
			            opt_offset(msg));
	}
	d->condition_entry = rcx_condition_entry(d->condition, d->after_chain);

	if (msg->opt.present) {
		d->n_ede = msg->opt.n_ede;
		for (uint8_t i = 0; i < d->n_ede; i++)
			d->ede_entries[i] =
			        rcx_ede_entry(msg->opt.ede[i].info_code);
	}
	tsig_facts(d, msg, query);
	d->tkey_present = msg->tkey.present;
	d->tkey_error = msg->tkey.present ? msg->tkey.error : 0;
	cookie_facts(d, msg, query);
	collect_advice_and_severity(d);
}

/* RFC 6762 §6: mDNS responses carry no question; §6.1: negative answers
 * are NSEC records, not an SOA. Conditions and anomalies that rest on the
 * unicast rules do not apply. */
static bool unicast_only(uint8_t code)
{
	return code == RCX_ANOM_NO_QUESTION ||
	       code == RCX_ANOM_QUESTION_MISMATCH ||
	       code == RCX_ANOM_NODATA_WITHOUT_SOA ||
	       code == RCX_ANOM_NXDOMAIN_WITH_ANSWERS;
}

/* Removes the anomalies for which drop() is true. */
static void drop_anomalies(rcx_diagnosis *d, bool (*drop)(uint8_t code))
{
	uint8_t kept = 0;

	for (uint8_t i = 0; i < d->n_anomalies; i++) {
		if (drop(d->anomalies[i].code)) {
			d->anomalies_total--;
			continue;
		}
		d->anomalies[kept++] = d->anomalies[i];
	}
	d->n_anomalies = kept;
}

static void recollect_advice_and_severity(rcx_diagnosis *d)
{
	d->n_advice = 0;
	d->severity = RCX_SEV_NONE;
	collect_advice_and_severity(d);
}

/* RFC 6762 §18.11: receivers silently ignore a response with a non-zero
 * RCODE, so it is an anomaly, not an error answer. */
void rcx_diagnose_mdns(rcx_diagnosis *d, const rcx_message *msg)
{
	rcx_diagnose(d, msg, NULL);
	drop_anomalies(d, unicast_only);
	if (d->is_response) {
		d->after_chain = false;
		d->has_negative_ttl = false;
		if (d->rcode == RCX_RCODE_NOERROR) {
			d->condition = RCX_COND_ANSWER;
			d->condition_entry =
			        rcx_condition_entry(d->condition, false);
		} else {
			d->condition = RCX_COND_ERROR;
			d->condition_entry = mdns_error_entry();
			add_anomaly(d, RCX_ANOM_MDNS_RCODE, 2);
		}
	}
	recollect_advice_and_severity(d);
}

/* RFC 4795 has no zones: negative answers carry no SOA. */
static bool zone_only(uint8_t code)
{
	return code == RCX_ANOM_NODATA_WITHOUT_SOA;
}

void rcx_diagnose_llmnr(rcx_diagnosis *d, const rcx_message *msg,
                        const rcx_message *query)
{
	rcx_diagnose(d, msg, query);
	drop_anomalies(d, zone_only);
	if (d->is_response && msg->header_complete &&
	    msg->header.rcode == RCX_RCODE_NXDOMAIN)
		add_anomaly(d, RCX_ANOM_LLMNR_NXDOMAIN, 2);
	if (d->is_response && !d->after_chain) {
		const rcx_entry *e = llmnr_condition_entry(d->condition);
		if (e)
			d->condition_entry = e;
	}
	recollect_advice_and_severity(d);
}

static size_t append(char *buf, size_t size, size_t used, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static size_t append(char *buf, size_t size, size_t used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (used + 1 >= size)
		return used;
	va_start(ap, fmt);
	n = vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return used;
	return used + (size_t)n >= size ? size - 1 : used + (size_t)n;
}

static const char *header_mnemonic(uint8_t rcode)
{
	return rcx_rcode_entry(rcode, RCX_CTX_RCODE)->mnemonic;
}

size_t rcx_diagnosis_summary(const rcx_diagnosis *d, const rcx_message *msg,
                             char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (!msg->header_complete)
		return append(buf, size, n, "Not a DNS message: %u octets",
		              (unsigned)msg->length);
	if (!d->is_response) {
		n = append(buf, size, n, "Query");
		if (msg->opt.present)
			n = append(buf, size, n, " with EDNS version %u",
			           msg->opt.version);
		if (d->cookie.client)
			n = append(buf, size, n, ", %s cookie",
			           d->cookie.server ? "client and server"
			                            : "client");
		return n;
	}
	n = append(buf, size, n, "%s (%u)", d->rcode_entry->mnemonic, d->rcode);
	switch (d->source) {
	case RCX_SOURCE_EDNS:
		n = append(buf, size, n,
		           " \xe2\x80\x94 header RCODE %u + EDNS extended "
		           "RCODE %u",
		           d->header_rcode, msg->opt.ext_rcode);
		break;
	case RCX_SOURCE_TSIG:
		n = append(buf, size, n,
		           " \xe2\x80\x94 TSIG error; header RCODE %s (%u)",
		           header_mnemonic(d->header_rcode), d->header_rcode);
		break;
	case RCX_SOURCE_TKEY:
		n = append(buf, size, n,
		           " \xe2\x80\x94 TKEY error; header RCODE %s (%u)",
		           header_mnemonic(d->header_rcode), d->header_rcode);
		break;
	case RCX_SOURCE_HEADER:
		break;
	}
	if (d->condition != RCX_COND_ERROR && d->condition_entry)
		n = append(buf, size, n, ": %s", d->condition_entry->mnemonic);
	if (d->after_chain)
		n = append(buf, size, n, " after a %u-link %s chain",
		           d->chain_length,
		           d->chain_has_dname ? "CNAME/DNAME" : "CNAME");
	if (d->has_negative_ttl)
		n = append(buf, size, n, ", negative TTL %u s",
		           d->negative_ttl);
	for (uint8_t i = 0; i < d->n_ede; i++)
		n = append(buf, size, n, "%s EDE %u %s", i ? ";" : ",",
		           msg->opt.ede[i].info_code,
		           d->ede_entries[i]->mnemonic);
	if (d->tkey_error != 0 && d->source != RCX_SOURCE_TKEY)
		n = append(
		        buf, size, n, ", TKEY error %s (%u)",
		        rcx_rcode_entry(d->tkey_error, RCX_CTX_TKEY)->mnemonic,
		        d->tkey_error);
	if (d->has_tsig_skew)
		n = append(buf, size, n, ", client clock %lld s %s the server",
		           (long long)(d->tsig_skew < 0 ? -d->tsig_skew
		                                        : d->tsig_skew),
		           d->tsig_skew < 0 ? "behind" : "ahead of");
	if (d->cookie.retry_expected)
		n = append(buf, size, n, ", retry with the new server cookie");
	return n;
}

const char *rcx_diagnosis_tag(const rcx_diagnosis *d)
{
	if (!d->is_response)
		return NULL;
	if (d->source != RCX_SOURCE_HEADER)
		return d->rcode_entry->mnemonic;
	switch (d->condition) {
	case RCX_COND_NODATA:
	case RCX_COND_REFERRAL:
	case RCX_COND_TRUNCATED:
		return d->condition_entry ? d->condition_entry->mnemonic : NULL;
	case RCX_COND_NXDOMAIN:
		return d->after_chain && d->condition_entry
		               ? d->condition_entry->mnemonic
		               : NULL;
	default:
		return NULL;
	}
}
