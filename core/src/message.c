/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One pass over a DNS message: RFC 1035 §4.1, RFC 6891 §6, RFC 8945 §4. */
#include "rcodex/message.h"

#include <string.h>

#include "rcodex/name.h"
#include "rcodex/wire.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t get48(const uint8_t *p)
{
	return ((uint64_t)get16(p) << 32) | get32(p + 2);
}

static void add_problem(rcx_message *msg, rcx_problem code, uint32_t offset)
{
	msg->problems_total++;
	if (msg->n_problems < RCX_MAX_PROBLEMS) {
		msg->problems[msg->n_problems].code = (uint8_t)code;
		msg->problems[msg->n_problems].offset = offset;
		msg->n_problems++;
	}
}

bool rcx_message_has_problem(const rcx_message *msg, rcx_problem p)
{
	for (uint8_t i = 0; i < msg->n_problems; i++)
		if (msg->problems[i].code == p)
			return true;
	return false;
}

static void parse_header(rcx_message *msg)
{
	const uint8_t *w = msg->wire;
	rcx_header *h = &msg->header;

	h->id = get16(w);
	h->qr = (w[2] & 0x80) != 0;
	h->opcode = (w[2] >> 3) & 0x0F;
	h->aa = (w[2] & 0x04) != 0;
	h->tc = (w[2] & 0x02) != 0;
	h->rd = (w[2] & 0x01) != 0;
	h->ra = (w[3] & 0x80) != 0;
	h->z = (w[3] & 0x40) != 0;
	h->ad = (w[3] & 0x20) != 0;
	h->cd = (w[3] & 0x10) != 0;
	h->rcode = w[3] & 0x0F;
	h->qdcount = get16(w + 4);
	h->ancount = get16(w + 6);
	h->nscount = get16(w + 8);
	h->arcount = get16(w + 10);
	msg->header_complete = true;
}

/* A name inside RDATA must end inside the RDATA. */
static bool rdata_name(rcx_message *msg, uint32_t offset, uint32_t rdata_end,
                       uint32_t *next)
{
	rcx_problem p =
	        rcx_name_walk(msg->wire, rdata_end, offset, next, NULL, NULL);
	if (p == RCX_PROB_NAME_TRUNCATED)
		p = RCX_PROB_RDATA_MALFORMED;
	if (p != RCX_OK) {
		add_problem(msg, p, offset);
		return false;
	}
	return true;
}

static bool utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t c = s[i];
		size_t extra;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			extra = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			extra = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + extra >= n)
			return false;
		for (size_t k = 1; k <= extra; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += extra + 1;
	}
	return true;
}

static void parse_cookie(rcx_message *msg, uint32_t offset, uint16_t len)
{
	rcx_cookie *c = &msg->opt.cookie;

	if (c->present) {
		add_problem(msg, RCX_PROB_MULTIPLE_COOKIE, offset);
		return;
	}
	c->present = true;
	c->length = len;
	c->offset = offset;
	c->valid = len == RCX_COOKIE_CLIENT_LEN ||
	           (len >= RCX_COOKIE_CLIENT_LEN + RCX_COOKIE_SERVER_MIN &&
	            len <= RCX_COOKIE_CLIENT_LEN + RCX_COOKIE_SERVER_MAX);
	if (len > RCX_COOKIE_CLIENT_LEN) {
		uint16_t s = (uint16_t)(len - RCX_COOKIE_CLIENT_LEN);
		c->server_length = (uint8_t)(s > 255 ? 255 : s);
		c->server_offset = offset + RCX_COOKIE_CLIENT_LEN;
	}
	if (!c->valid)
		add_problem(msg, RCX_PROB_COOKIE_LENGTH, offset);
}

static void parse_ede(rcx_message *msg, uint32_t offset, uint16_t len)
{
	rcx_opt *opt = &msg->opt;

	if (len < 2) {
		add_problem(msg, RCX_PROB_EDE_SHORT, offset);
		return;
	}
	opt->ede_total++;
	if (opt->n_ede >= RCX_MAX_EDE)
		return;
	rcx_ede *e = &opt->ede[opt->n_ede++];
	e->info_code = get16(msg->wire + offset);
	e->text_offset = offset + 2;
	e->text_length = (uint16_t)(len - 2);
	if (!utf8_valid(msg->wire + e->text_offset, e->text_length))
		add_problem(msg, RCX_PROB_EDE_TEXT_NOT_UTF8, e->text_offset);
}

/* RFC 6891 §6.1.2-§6.1.3; options per §6.1.2. */
static void parse_opt(rcx_message *msg, const rcx_rr *rr, uint16_t index)
{
	rcx_opt *opt = &msg->opt;

	msg->opt_count++;
	if (rr->section != RCX_SECTION_ADDITIONAL)
		add_problem(msg, RCX_PROB_OPT_NOT_ADDITIONAL, rr->owner);
	if (msg->wire[rr->owner] != 0)
		add_problem(msg, RCX_PROB_OPT_OWNER_NOT_ROOT, rr->owner);
	if (msg->opt_count > 1) {
		add_problem(msg, RCX_PROB_MULTIPLE_OPT, rr->owner);
		return;
	}
	memset(opt, 0, sizeof(*opt));
	opt->present = true;
	opt->rr_index = index;
	opt->udp_size = rr->rclass;
	opt->ext_rcode = (uint8_t)(rr->ttl >> 24);
	opt->version = (uint8_t)(rr->ttl >> 16);
	opt->do_bit = (rr->ttl & 0x8000) != 0;
	opt->z = (uint16_t)(rr->ttl & 0x7FFF);

	uint32_t pos = rr->rdata;
	uint32_t end = rr->rdata + rr->rdlength;
	while (pos < end) {
		if (end - pos < 4) {
			add_problem(msg, RCX_PROB_OPT_OPTION_TRUNCATED, pos);
			return;
		}
		uint16_t code = get16(msg->wire + pos);
		uint16_t len = get16(msg->wire + pos + 2);
		if (len > end - pos - 4) {
			add_problem(msg, RCX_PROB_OPT_OPTION_TRUNCATED, pos);
			return;
		}
		uint32_t data = pos + 4;
		opt->options_total++;
		if (opt->n_options < RCX_MAX_OPTIONS) {
			rcx_option *o = &opt->options[opt->n_options++];
			o->code = code;
			o->length = len;
			o->offset = data;
		}
		if (code == RCX_OPTION_COOKIE)
			parse_cookie(msg, data, len);
		else if (code == RCX_OPTION_EDE)
			parse_ede(msg, data, len);
		pos = data + len;
	}
}

/* RFC 8945 §4.2. */
static void parse_tsig(rcx_message *msg, const rcx_rr *rr, uint16_t index)
{
	rcx_tsig *t = &msg->tsig;
	uint32_t end = rr->rdata + rr->rdlength;
	uint32_t pos;

	msg->tsig_count++;
	if (rr->section != RCX_SECTION_ADDITIONAL)
		add_problem(msg, RCX_PROB_TSIG_NOT_ADDITIONAL, rr->owner);
	if (msg->tsig_count > 1) {
		add_problem(msg, RCX_PROB_MULTIPLE_TSIG, rr->owner);
		return;
	}
	memset(t, 0, sizeof(*t));
	t->present = true;
	t->rr_index = index;
	t->rr_ordinal = msg->rrs_parsed - 1;
	t->key_name = rr->owner;
	t->algorithm = rr->rdata;
	if (!rdata_name(msg, rr->rdata, end, &pos))
		return;
	if (end - pos < 10)
		goto malformed;
	t->time_signed = get48(msg->wire + pos);
	t->fudge = get16(msg->wire + pos + 6);
	t->mac_size = get16(msg->wire + pos + 8);
	pos += 10;
	if (end - pos < (uint32_t)t->mac_size + 6)
		goto malformed;
	t->mac_offset = pos;
	pos += t->mac_size;
	t->original_id = get16(msg->wire + pos);
	t->error = get16(msg->wire + pos + 2);
	t->other_length = get16(msg->wire + pos + 4);
	pos += 6;
	if (end - pos != t->other_length)
		goto malformed;
	t->other_offset = pos;
	if (t->other_length == 6) {
		t->has_server_time = true;
		t->server_time = get48(msg->wire + pos);
	}
	t->complete = true;
	return;
malformed:
	add_problem(msg, RCX_PROB_TSIG_MALFORMED, rr->rdata);
}

/* RFC 2930 §2. */
static void parse_tkey(rcx_message *msg, const rcx_rr *rr, uint16_t index)
{
	rcx_tkey *k = &msg->tkey;
	uint32_t end = rr->rdata + rr->rdlength;
	uint32_t pos;

	if (k->present)
		return;
	memset(k, 0, sizeof(*k));
	k->present = true;
	k->rr_index = index;
	k->algorithm = rr->rdata;
	if (!rdata_name(msg, rr->rdata, end, &pos))
		return;
	if (end - pos < 14)
		goto malformed;
	k->inception = get32(msg->wire + pos);
	k->expiration = get32(msg->wire + pos + 4);
	k->mode = get16(msg->wire + pos + 8);
	k->error = get16(msg->wire + pos + 10);
	uint16_t key_size = get16(msg->wire + pos + 12);
	pos += 14;
	if (end - pos < (uint32_t)key_size + 2)
		goto malformed;
	pos += key_size;
	uint16_t other_size = get16(msg->wire + pos);
	pos += 2;
	if (end - pos != other_size)
		goto malformed;
	k->complete = true;
	return;
malformed:
	add_problem(msg, RCX_PROB_TKEY_MALFORMED, rr->rdata);
}

/* RFC 1035 §3.3.13; MINIMUM is the last field. */
static void parse_soa(rcx_message *msg, const rcx_rr *rr)
{
	uint32_t end = rr->rdata + rr->rdlength;
	uint32_t pos;

	if (!rdata_name(msg, rr->rdata, end, &pos) ||
	    !rdata_name(msg, pos, end, &pos))
		return;
	if (end - pos != 20) {
		add_problem(msg, RCX_PROB_RDATA_MALFORMED, rr->rdata);
		return;
	}
	msg->has_soa = true;
	msg->soa_owner = rr->owner;
	msg->soa_ttl = rr->ttl;
	msg->soa_minimum = get32(msg->wire + pos + 16);
}

static void inspect_rr(rcx_message *msg, const rcx_rr *rr, uint16_t index)
{
	uint32_t end = rr->rdata + rr->rdlength;
	uint32_t next;

	switch (rr->type) {
	case RCX_TYPE_OPT:
		parse_opt(msg, rr, index);
		break;
	case RCX_TYPE_TSIG:
		parse_tsig(msg, rr, index);
		break;
	case RCX_TYPE_TKEY:
		parse_tkey(msg, rr, index);
		break;
	case RCX_TYPE_SOA:
		if (rr->section == RCX_SECTION_AUTHORITY && !msg->has_soa)
			parse_soa(msg, rr);
		break;
	case RCX_TYPE_NS:
		if (rr->section == RCX_SECTION_AUTHORITY)
			msg->authority_ns++;
		break;
	case RCX_TYPE_CNAME:
	case RCX_TYPE_DNAME:
		/* UPDATE uses empty RDATA in deletes (RFC 2136 §2.5). */
		if (rr->rdlength > 0 &&
		    rdata_name(msg, rr->rdata, end, &next) && next != end)
			add_problem(msg, RCX_PROB_RDATA_MALFORMED, rr->rdata);
		break;
	default:
		break;
	}
}

static bool parse_question(rcx_message *msg, uint32_t *pos)
{
	uint32_t next;
	rcx_problem p =
	        rcx_name_walk(msg->wire, msg->length, *pos, &next, NULL, NULL);
	if (p != RCX_OK) {
		add_problem(msg, p, *pos);
		return false;
	}
	if (msg->length - next < 4) {
		add_problem(msg, RCX_PROB_QUESTION_TRUNCATED, next);
		return false;
	}
	if (msg->n_questions < RCX_MAX_QUESTIONS) {
		rcx_question *q = &msg->questions[msg->n_questions++];
		q->name = *pos;
		q->qtype = get16(msg->wire + next);
		q->qclass = get16(msg->wire + next + 2);
	}
	*pos = next + 4;
	return true;
}

static bool parse_rr(rcx_message *msg, uint32_t *pos, rcx_section section)
{
	uint32_t next;
	rcx_rr rr;
	rcx_problem p =
	        rcx_name_walk(msg->wire, msg->length, *pos, &next, NULL, NULL);
	if (p != RCX_OK) {
		add_problem(msg, p, *pos);
		return false;
	}
	if (msg->length - next < 10) {
		add_problem(msg, RCX_PROB_RR_TRUNCATED, next);
		return false;
	}
	const uint8_t *f = msg->wire + next;
	rr.owner = *pos;
	rr.type = get16(f);
	rr.rclass = get16(f + 2);
	rr.ttl = get32(f + 4);
	rr.rdlength = get16(f + 8);
	rr.rdata = next + 10;
	rr.section = (uint8_t)section;
	if (msg->length - rr.rdata < rr.rdlength) {
		add_problem(msg, RCX_PROB_RDATA_PAST_END, next + 8);
		return false;
	}
	uint16_t index = UINT16_MAX;
	if (msg->n_rrs < RCX_MAX_RRS) {
		index = msg->n_rrs;
		msg->rrs[msg->n_rrs++] = rr;
	}
	msg->rrs_parsed++;
	msg->section_parsed[section]++;
	inspect_rr(msg, &rr, index);
	*pos = rr.rdata + rr.rdlength;
	return true;
}

static void reset(rcx_message *msg, const uint8_t *wire, uint32_t length)
{
	msg->wire = wire;
	msg->length = length;
	memset(&msg->header, 0, sizeof(msg->header));
	msg->header_complete = false;
	msg->n_questions = 0;
	msg->rrs_parsed = 0;
	msg->n_rrs = 0;
	memset(msg->section_parsed, 0, sizeof(msg->section_parsed));
	msg->has_soa = false;
	msg->soa_owner = msg->soa_ttl = msg->soa_minimum = 0;
	msg->authority_ns = 0;
	msg->opt_count = 0;
	msg->opt.present = false;
	msg->opt.n_ede = 0;
	msg->opt.ede_total = 0;
	msg->opt.cookie.present = false;
	msg->tsig_count = 0;
	msg->tsig.present = false;
	msg->tkey.present = false;
	msg->end = 0;
	msg->n_problems = 0;
	msg->problems_total = 0;
}

bool rcx_message_parse(rcx_message *msg, const uint8_t *wire, size_t length)
{
	/* A DNS message never exceeds 65535 octets (TCP length prefix). */
	reset(msg, wire, length > 65535 ? 65535 : (uint32_t)length);
	if (msg->length < RCX_HEADER_LEN) {
		add_problem(msg, RCX_PROB_SHORT_HEADER, 0);
		return false;
	}
	parse_header(msg);

	uint32_t pos = RCX_HEADER_LEN;
	bool ok = true;
	for (uint32_t i = 0; ok && i < msg->header.qdcount; i++) {
		if (pos == msg->length) {
			add_problem(msg, RCX_PROB_COUNT_MISMATCH, pos);
			ok = false;
		} else {
			ok = parse_question(msg, &pos);
		}
	}
	const uint16_t counts[4] = {0, msg->header.ancount, msg->header.nscount,
	                            msg->header.arcount};
	for (int s = RCX_SECTION_ANSWER; ok && s <= RCX_SECTION_ADDITIONAL;
	     s++) {
		for (uint32_t i = 0; ok && i < counts[s]; i++) {
			if (pos == msg->length) {
				add_problem(msg, RCX_PROB_COUNT_MISMATCH, pos);
				ok = false;
			} else {
				ok = parse_rr(msg, &pos, (rcx_section)s);
			}
		}
	}
	msg->end = pos;
	if (ok && pos < msg->length)
		add_problem(msg, RCX_PROB_TRAILING_BYTES, pos);
	/* RFC 8945 §5.1: TSIG is the last record of the message. */
	if (msg->tsig.present && msg->tsig.rr_ordinal + 1 != msg->rrs_parsed)
		add_problem(msg, RCX_PROB_TSIG_NOT_LAST, msg->tsig.key_name);
	return msg->problems_total == 0;
}
