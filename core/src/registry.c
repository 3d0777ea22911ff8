/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The code registry: every name and explanation rcodex shows, in one table.
 *
 * Entries sit at fixed positions (the slot enum below) so that the per-packet
 * lookups index the table directly instead of searching it.
 */
#include "rcodex/registry.h"

#include <string.h>

#include "rcodex/diagnosis.h"

enum slot {
	/* Shared error space, RFC 6895 §2.3. 0..11 are at their own value. */
	S_RCODE_0,
	/* FORMERR as the response shows it (RFC 6891 §7). */
	S_RCODE_1_EDNS = S_RCODE_0 + 12,
	S_RCODE_1_NO_EDNS,
	S_RCODE_1_MALFORMED_QUERY,
	S_RCODE_4_NOTIFY,
	S_RCODE_9_NOTIFY,
	S_RCODE_9_TSIG,
	S_RCODE_12_15,
	S_RCODE_16,      /* BADVERS */
	S_RCODE_16_TSIG, /* BADSIG */
	S_RCODE_16_TKEY,
	S_RCODE_17, /* 17..23 follow at S_RCODE_17 + (code - 17) */
	S_RCODE_17_TKEY = S_RCODE_17 + 7,
	S_RCODE_18_TKEY,
	S_RCODE_24_3840,
	S_RCODE_3841_4095,
	S_RCODE_4096_65534,
	S_RCODE_65535,
	/* Extended DNS Errors, RFC 8914 §4 and IANA. */
	S_EDE_0,
	S_EDE_UNASSIGNED = S_EDE_0 + 31,
	S_EDE_PRIVATE,
	/* Conditions, in rcx_condition order, then their chain variants. */
	S_COND_0,
	S_COND_NODATA_CHAIN = S_COND_0 + RCX_COND_COUNT,
	S_COND_NXDOMAIN_CHAIN,
	/* LLMNR variants (RFC 4795 has no zones). */
	S_COND_NODATA_LLMNR,
	S_COND_NXDOMAIN_LLMNR,
	/* mDNS has no error responses (RFC 6762 §18.11). */
	S_COND_ERROR_MDNS,
	S_NOTE_NEGATIVE_TTL,
	/* Problems and anomalies, at S_PROB_1 + (p - 1). */
	S_PROB_1,
	/* Observations across the messages of a capture (rcreport). */
	S_OBS_UNANSWERED = S_PROB_1 + RCX_PROBLEM_COUNT - 1,
	S_OBS_ICMP,
	S_OBS_SLOW,
	S_OBS_INCONSISTENT,
	S_OBS_FRAGMENTED,
	S_OBS_DAMAGED,
	S_COUNT
};

#define RC(code)    [S_RCODE_0 + (code)]
#define RC17(code)  [S_RCODE_17 + ((code)-17)]
#define EDE(code)   [S_EDE_0 + (code)]
#define COND(c)     [S_COND_0 + (c)]
#define PROB(p)     [S_PROB_1 + (p)-1]
#define CAUSES(...) .causes = {__VA_ARGS__}
#define STEPS(...)  .next_steps = {__VA_ARGS__}

/* Steps shared by several entries. */
#define STEP_TSIG_COMPARE_KEYS                                                 \
	"Compare the key name, algorithm and secret configured on the client " \
	"and on the server"
#define STEP_UPDATE_PREREQ                                                     \
	"Compare the update's prerequisites with the zone's current content "  \
	"(e.g. dig AXFR or a query for the names involved)"
#define STEP_UPDATE_CONCURRENT                                                 \
	"Check whether another client changed the same records just before"
#define STEP_DNSSEC_ANALYZE                                                    \
	"Analyse the zone's chain of trust with a DNSSEC debugger "            \
	"(e.g. delv +vtrace, or drill -S)"
#define STEP_DNSSEC_CD                                                         \
	"Repeat the query with checking disabled (dig +cd); if that works, "   \
	"the failure is in DNSSEC validation"
#define STEP_EDE_TEXT "Read the EXTRA-TEXT of the option for details"
#define STEP_WIRE_CAPTURE                                                      \
	"Check whether the capture cut the packet (snaplen) or the frame was " \
	"reassembled incorrectly"
#define STEP_WIRE_SENDER                                                       \
	"Identify the software that sent the message and check it for known "  \
	"bugs"

static const rcx_entry table[S_COUNT] = {
        /* ---- Shared error space ------------------------------------- */
        RC(0) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 0,
                        .last = 0,
                        .key = "rcode.0",
                        .mnemonic = "NOERROR",
                        .title = "No error",
                        .explanation =
                                "The server processed the request without "
                                "error. NOERROR alone does not mean that data "
                                "came back: an empty answer is NODATA (the "
                                "name exists without that type) or a "
                                "referral. The condition tells which.",
                        CAUSES("The request succeeded"),
                        STEPS("Check the condition (answer, NODATA, "
                              "referral) to see whether data came back"),
                        .reference = "RFC 1035 §4.1.1",
                        .severity = RCX_SEV_NONE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(1) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 1,
                        .last = 1,
                        .key = "rcode.1",
                        .mnemonic = "FORMERR",
                        .title = "Format error",
                        .explanation =
                                "The server could not interpret the request. "
                                "EDNS options a server does not know are "
                                "ignored, not rejected (RFC 6891 §6.1.2). A "
                                "FORMERR without an OPT record comes from a "
                                "malformed request or, when the request "
                                "carried an OPT record, from a server that "
                                "does not implement EDNS; a server that "
                                "implements EDNS and finds the OPT record or "
                                "an option value malformed answers FORMERR "
                                "with an OPT record (RFC 6891 §7). When the "
                                "query carried no OPT record, EDNS plays no "
                                "part; when the query was not seen or the "
                                "response could not be read to its end, the "
                                "cases cannot be told apart.",
                        CAUSES("Malformed request from a buggy client or "
                               "library",
                               "Server without EDNS support, when the "
                               "request carried an OPT record",
                               "More than one OPT record in the request "
                               "(RFC 6891 §6.1.1)",
                               "Explicit query for a meta-type such as "
                               "NXNAME (RFC 9824 §3.5)"),
                        STEPS("Check the request in this capture for the "
                              "wire problems rcodex reports",
                              "If the request carried an OPT record, repeat "
                              "it without EDNS (dig +noedns) to see whether "
                              "the server implements EDNS",
                              "Check whether a firewall or load balancer "
                              "rewrites DNS packets on the path"),
                        .reference = "RFC 1035 §4.1.1, RFC 6891 §6.1.2, §7",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(2) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 2,
                        .last = 2,
                        .key = "rcode.2",
                        .mnemonic = "SERVFAIL",
                        .title = "Server failure",
                        .explanation =
                                "The server could not complete the request "
                                "because of a problem on its side or further "
                                "upstream. For a recursive resolver this "
                                "usually means that DNSSEC validation failed "
                                "or that no authoritative server for the name "
                                "gave a usable answer. An Extended DNS Error "
                                "in the same response, when present, names "
                                "the reason. A resolver may cache a SERVFAIL "
                                "for at most 5 minutes, per query name, type, "
                                "class and server address (RFC 2308 §7.1), so "
                                "a fixed fault can still be answered with "
                                "SERVFAIL for that long.",
                        CAUSES("DNSSEC validation failure (expired "
                               "signatures, DS and DNSKEY that do not "
                               "match)",
                               "Authoritative servers unreachable, timing "
                               "out or lame",
                               "Zone not loaded or expired on the "
                               "authoritative server",
                               "Resolver limits or internal errors"),
                        STEPS("Read any Extended DNS Error in the response "
                              "for the precise reason",
                              STEP_DNSSEC_CD,
                              "Query the authoritative servers directly "
                              "(dig +norecurse @server) to see whether they "
                              "answer",
                              "Check the resolver's log for this name"),
                        .reference = "RFC 1035 §4.1.1, RFC 2308 §7.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(3) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 3,
                        .last = 3,
                        .key = "rcode.3",
                        .mnemonic = "NXDOMAIN",
                        .title = "Non-existent domain",
                        .explanation =
                                "The name does not exist, and neither does "
                                "any name below it (RFC 8020). A name that "
                                "exists but has no records of the asked type "
                                "gets NOERROR with an empty answer (NODATA) "
                                "instead. When the answer holds a CNAME or "
                                "DNAME chain, NXDOMAIN applies to the last "
                                "name of the chain, not to the name asked "
                                "(RFC 6604).",
                        CAUSES("Typo in the name, or a search-domain suffix "
                               "the client appended",
                               "Record deleted, or zone not yet delegated",
                               "Negative answer still cached from before "
                               "the name was created",
                               "In an UPDATE: the prerequisite \"name is in "
                               "use\" failed (RFC 2136 §3.2.1)"),
                        STEPS("Check the spelling of the name, including any "
                              "suffix the client appended",
                              "Query the authoritative servers directly to "
                              "confirm that the name is absent",
                              "If the name was just created, wait for the "
                              "negative TTL to run out or flush the "
                              "resolver's cache",
                              "If the answer has a CNAME chain, check the "
                              "chain's last name, not the name asked"),
                        .reference = "RFC 1035 §4.1.1, RFC 8020 §2",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(4) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 4,
                        .last = 4,
                        .key = "rcode.4",
                        .mnemonic = "NOTIMP",
                        .title = "Not implemented",
                        .explanation =
                                "The server does not support the kind of "
                                "request it received. In practice this is "
                                "almost always the opcode: UPDATE or DSO sent "
                                "to a server that does not implement it, a "
                                "NOTIFY to a server without NOTIFY support, "
                                "or the obsolete IQUERY.",
                        CAUSES("Opcode not supported by this server "
                               "(UPDATE, NOTIFY, DSO, IQUERY)",
                               "Request sent to the wrong server"),
                        STEPS("Check the opcode of the request",
                              "Send updates to a server configured to "
                              "accept them, usually the zone's primary"),
                        .reference = "RFC 1035 §4.1.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(5) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 5,
                        .last = 5,
                        .key = "rcode.5",
                        .mnemonic = "REFUSED",
                        .title = "Query refused",
                        .explanation =
                                "The server refuses to perform the operation "
                                "for policy reasons. Typical cases are a "
                                "resolver that does not serve this client, an "
                                "authoritative server asked about a zone it "
                                "does not serve, and a zone transfer or "
                                "update from an address that is not allowed.",
                        CAUSES("Client address not in the server's "
                               "allow-query or allow-recursion list",
                               "Recursive query sent to an "
                               "authoritative-only server",
                               "Zone not served by this server",
                               "Zone transfer or update not permitted for "
                               "this client or key"),
                        STEPS("Check the server's access lists for the "
                              "client's address",
                              "Check that the client asks the right "
                              "resolver, or an authoritative server of "
                              "this zone",
                              "For transfers and updates, check the allowed "
                              "addresses and TSIG keys",
                              "Look for an Extended DNS Error such as "
                              "Prohibited (18) or Not Authoritative (20)"),
                        .reference = "RFC 1035 §4.1.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(6) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 6,
                        .last = 6,
                        .key = "rcode.6",
                        .mnemonic = "YXDOMAIN",
                        .title = "Name exists when it should not",
                        .explanation =
                                "In a dynamic update, a prerequisite said "
                                "that a name must not be in use, but it is. "
                                "In a query, YXDOMAIN means that a DNAME "
                                "substitution produced a name longer than "
                                "255 octets (RFC 6672 §2.2).",
                        CAUSES("UPDATE prerequisite \"name is not in use\" "
                               "failed",
                               "DNAME substitution made the name too long"),
                        STEPS(STEP_UPDATE_PREREQ, STEP_UPDATE_CONCURRENT,
                              "For a query, check the DNAME records on the "
                              "path and the length of the resulting name"),
                        .reference = "RFC 2136 §2.2, RFC 6672 §2.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(7) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 7,
                        .last = 7,
                        .key = "rcode.7",
                        .mnemonic = "YXRRSET",
                        .title = "RRset exists when it should not",
                        .explanation =
                                "In a dynamic update, a prerequisite said "
                                "that an RRset must not exist, but it does. "
                                "Header RCODE 7 together with OPT extended "
                                "RCODE 1 is BADCOOKIE (23), not YXRRSET; "
                                "rcodex always shows the combined code.",
                        CAUSES("UPDATE prerequisite \"RRset does not "
                               "exist\" failed",
                               "Another client added the RRset first"),
                        STEPS(STEP_UPDATE_PREREQ, STEP_UPDATE_CONCURRENT),
                        .reference = "RFC 2136 §2.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(8) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 8,
                        .last = 8,
                        .key = "rcode.8",
                        .mnemonic = "NXRRSET",
                        .title = "RRset that should exist does not",
                        .explanation =
                                "In a dynamic update, a prerequisite said "
                                "that an RRset must exist, possibly with "
                                "given values, but it does not. None of the "
                                "update is applied.",
                        CAUSES("UPDATE prerequisite \"RRset exists\" "
                               "failed",
                               "Another client removed or changed the RRset "
                               "first"),
                        STEPS(STEP_UPDATE_PREREQ, STEP_UPDATE_CONCURRENT),
                        .reference = "RFC 2136 §2.2, §3.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(9) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 9,
                        .last = 9,
                        .context = RCX_CTX_UPDATE,
                        .key = "rcode.9",
                        .mnemonic = "NOTAUTH",
                        .title = "Server not authoritative for the zone",
                        .explanation =
                                "The server is not authoritative for the zone "
                                "named in the Zone section of an UPDATE: it "
                                "serves the zone neither as primary nor as "
                                "secondary. Some servers also use NOTAUTH to "
                                "refuse a zone transfer or query for a zone "
                                "they do not serve, and Knot DNS answers "
                                "NOTAUTH to a transfer, update or NOTIFY "
                                "its access rules deny. The value means \"not "
                                "authorized\" only when the response carries "
                                "a TSIG record whose Error field is not zero "
                                "(RFC 6895 §2.3); a signed request alone does "
                                "not change its meaning.",
                        CAUSES("Update, signed or not, sent to a server that "
                               "does not serve the zone",
                               "Zone section names a zone the server does "
                               "not serve",
                               "Zone transfer asked from a server that does "
                               "not serve the zone",
                               "Request denied by the access rules of a "
                               "server that answers NOTAUTH for it (Knot "
                               "DNS)"),
                        STEPS("Send updates to the primary server (the SOA "
                              "MNAME is a usual hint)",
                              "Check the Zone section against the zone's "
                              "apex name",
                              "Check that the server is configured to serve "
                              "this zone"),
                        .reference = "RFC 2136 §2.2, §3.1.1, RFC 6895 §2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(10) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 10,
                        .last = 10,
                        .key = "rcode.10",
                        .mnemonic = "NOTZONE",
                        .title = "Name not contained in zone",
                        .explanation =
                                "A name in the Prerequisite or Update section "
                                "of an UPDATE is not within the zone named in "
                                "the Zone section. The whole update is "
                                "rejected.",
                        CAUSES("Names written relative to the wrong origin",
                               "Zone section names a parent or child zone "
                               "of the records being changed"),
                        STEPS("Check that every name in the update ends in "
                              "the zone's apex name",
                              "Check the Zone section of the update"),
                        .reference = "RFC 2136 §2.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        RC(11) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 11,
                        .last = 11,
                        .key = "rcode.11",
                        .mnemonic = "DSOTYPENI",
                        .title = "DSO-TYPE not implemented",
                        .explanation =
                                "The server does not implement the DNS "
                                "Stateful Operations TLV type that the client "
                                "sent as the primary TLV of a DSO request. "
                                "When that request was the first of the "
                                "connection, no DSO session was established. "
                                "RFC 8490 does not allow this answer to a "
                                "Keepalive request, so DSOTYPENI to a "
                                "Keepalive is a server bug.",
                        CAUSES("Client uses a DSO TLV type the server does "
                               "not support",
                               "Server bug, when the request was a "
                               "Keepalive"),
                        STEPS("Check which DSO TLV types the client sends "
                              "and which the server supports",
                              "If the request was a Keepalive, report the "
                              "answer as a bug in the server software"),
                        .reference = "RFC 8490 §5.1.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_1_EDNS] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 1,
                        .last = 1,
                        .key = "rcode.1.edns",
                        .mnemonic = "FORMERR",
                        .title = "Format error from a server with EDNS",
                        .explanation =
                                "The server could not interpret the request, "
                                "and its response carries an OPT record, so "
                                "it implements EDNS. Such a server answers "
                                "FORMERR with an OPT record when the OPT "
                                "record itself is at fault, for example an "
                                "option value that is badly formatted or out "
                                "of range (RFC 6891 §7); options it does not "
                                "know are ignored, not rejected (§6.1.2). "
                                "The rest of the request may also be "
                                "malformed.",
                        CAUSES("EDNS option with a badly formatted value, "
                               "such as a COOKIE option of invalid length "
                               "sent to a server with cookies enabled (RFC "
                               "7873 §5.2.2)",
                               "More than one OPT record in the request "
                               "(RFC 6891 §6.1.1)",
                               "Malformed request from a buggy client or "
                               "library"),
                        STEPS("Check the request's OPT record and options "
                              "in this capture for the wire problems "
                              "rcodex reports",
                              "Repeat the query with fewer options (dig "
                              "+nocookie, +noednsopt) to find the one the "
                              "server rejects",
                              "Check whether a middlebox rewrites EDNS "
                              "options on the path"),
                        .reference = "RFC 6891 §6.1.2, §7",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_RCODE_1_NO_EDNS] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 1,
                        .last = 1,
                        .key = "rcode.1.no_edns",
                        .mnemonic = "FORMERR",
                        .title = "Format error from a server without EDNS",
                        .explanation =
                                "The query carried an OPT record and no "
                                "wire problem, and the FORMERR response "
                                "carries no OPT record. This is how a server "
                                "that does not implement EDNS answers any "
                                "request with an OPT record (RFC 6891 §7); "
                                "the client is expected to fall back to a "
                                "request without EDNS. A firewall or load "
                                "balancer that rejects EDNS produces the "
                                "same response, and so does a server with "
                                "EDNS that breaks §7 by leaving the OPT "
                                "record out of its FORMERR.",
                        CAUSES("Server or appliance without EDNS support",
                               "Firewall or load balancer that rejects or "
                               "strips OPT records"),
                        STEPS("Repeat the query without EDNS (dig +noedns); "
                              "if it succeeds, the server or the path does "
                              "not support EDNS",
                              "Check firewalls and load balancers on the "
                              "path for DNS inspection that rejects EDNS",
                              "Upgrade or replace a server that does not "
                              "implement EDNS"),
                        .reference = "RFC 6891 §7",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_1_MALFORMED_QUERY] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 1,
                        .last = 1,
                        .key = "rcode.1.malformed_query",
                        .mnemonic = "FORMERR",
                        .title = "Format error answering a malformed request",
                        .explanation =
                                "The request this response answers shows "
                                "wire problems in the capture, listed with "
                                "the query. Unless the capture itself cut "
                                "the request short, they are reason enough "
                                "for FORMERR: the server was unable to "
                                "interpret the request. Whether the response "
                                "carries an OPT record then only shows "
                                "whether the server implements EDNS (RFC "
                                "6891 §7).",
                        CAUSES("Buggy client, library or proxy that builds "
                               "the request",
                               "Request cut or rewritten on the path"),
                        STEPS("Read the wire problems reported for the "
                              "query",
                              STEP_WIRE_CAPTURE, STEP_WIRE_SENDER),
                        .reference = "RFC 1035 §4.1.1, RFC 6891 §7",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_MALFORMED,
                },
        [S_RCODE_4_NOTIFY] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 4,
                        .last = 4,
                        .context = RCX_CTX_NOTIFY,
                        .key = "rcode.4.notify",
                        .mnemonic = "NOTIMP",
                        .title = "NOTIFY not implemented by the receiver",
                        .explanation =
                                "A NOTIFY goes from a zone's primary to its "
                                "secondaries (RFC 1996 §1.2); this one "
                                "reached a server that does not implement "
                                "the NOTIFY opcode. The primary treats the "
                                "NOTIFY as complete for that server (§3.12), "
                                "which then learns of zone changes only when "
                                "its SOA refresh timer runs out.",
                        CAUSES("Secondary without NOTIFY support",
                               "NOTIFY sent to a server that is not a "
                               "secondary of the zone, e.g. one listed in "
                               "the primary's also-notify"),
                        STEPS("Check the primary's notify targets (the "
                              "zone's NS records and any also-notify list)",
                              "For a secondary without NOTIFY, expect "
                              "changes to reach it only at the zone's SOA "
                              "refresh interval"),
                        .reference = "RFC 1996 §1.2, §3.12",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_RCODE_9_NOTIFY] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 9,
                        .last = 9,
                        .context = RCX_CTX_NOTIFY,
                        .key = "rcode.9.notify",
                        .mnemonic = "NOTAUTH",
                        .title = "NOTIFY for a zone the receiver does not "
                                 "serve",
                        .explanation =
                                "A NOTIFY named a zone that the receiving "
                                "server does not serve. BIND and Knot DNS "
                                "answer such a NOTIFY with NOTAUTH, the code "
                                "RFC 2136 uses for a server that is not "
                                "authoritative for a zone. The primary's "
                                "notify targets and the receivers' "
                                "configuration disagree.",
                        CAUSES("Stale NS record or also-notify entry on the "
                               "primary",
                               "Zone removed from the receiver's "
                               "configuration, or never added",
                               "Zone name in the NOTIFY differs from the "
                               "zone the receiver serves"),
                        STEPS("Compare the zone's NS records and the "
                              "primary's also-notify list with the servers "
                              "that really serve the zone",
                              "Check the receiving server's configuration "
                              "for the zone"),
                        .reference = "RFC 1996 §3.1, RFC 2136 §2.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_RCODE_9_TSIG] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 9,
                        .last = 9,
                        .context = RCX_CTX_TSIG,
                        .key = "rcode.9.tsig",
                        .mnemonic = "NOTAUTH",
                        .title = "Not authorized",
                        .explanation =
                                "Header RCODE 9 means \"not authorized\" when "
                                "the response carries a TSIG record whose "
                                "Error field is not zero (RFC 6895 §2.3): the "
                                "server could not verify the request's TSIG "
                                "and gives the reason in that field, BADSIG "
                                "(16), BADKEY (17), BADTIME (18) or BADTRUNC "
                                "(22), and rcodex shows the field as the "
                                "response code. With TSIG Error 0, or without "
                                "a TSIG record, header RCODE 9 means \"not "
                                "authoritative\" even in a signed exchange. "
                                "In a TKEY Error field, 9 reports a TKEY "
                                "request without the authentication it needs "
                                "(RFC 2930 §3).",
                        CAUSES("Wrong TSIG key name, algorithm or secret on "
                               "one side",
                               "Clocks further apart than the TSIG fudge",
                               "Key not permitted for this zone or "
                               "operation"),
                        STEPS("Read the TSIG Error field for the precise "
                              "reason",
                              STEP_TSIG_COMPARE_KEYS,
                              "Check both clocks against NTP"),
                        .reference = "RFC 6895 §2.3, RFC 8945 §5.2, §5.3.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        [S_RCODE_12_15] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 12,
                        .last = 15,
                        .key = "rcode.12-15",
                        .mnemonic = "Unassigned",
                        .title = "Unassigned response code",
                        .explanation =
                                "No meaning is assigned to this value in the "
                                "DNS RCODE registry. A message carrying it "
                                "comes from a non-conforming or experimental "
                                "implementation, or was corrupted.",
                        CAUSES("Buggy or experimental server",
                               "Corrupted message"),
                        STEPS(STEP_WIRE_SENDER,
                              "Check the message for other problems"),
                        .reference = "RFC 6895 §2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_16] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 16,
                        .last = 16,
                        .context = RCX_CTX_RCODE,
                        .key = "rcode.16",
                        .mnemonic = "BADVERS",
                        .title = "Bad OPT version",
                        .explanation =
                                "The server does not implement the EDNS "
                                "version that the client put in its OPT "
                                "record; its own OPT record carries the "
                                "highest version it does implement. On the "
                                "wire it is header RCODE 0 plus OPT extended "
                                "RCODE 1, so tools that read only the header "
                                "show \"No error\".",
                        CAUSES("Client sends EDNS version 1 or higher; only "
                               "version 0 is defined",
                               "Fuzzer or broken client"),
                        STEPS("Check the VERSION field of the request's OPT "
                              "record; it should be 0",
                              "Check the EDNS version the server states in "
                              "its OPT record"),
                        .reference = "RFC 6891 §6.1.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_16_TSIG] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 16,
                        .last = 16,
                        .context = RCX_CTX_TSIG,
                        .key = "rcode.16.tsig",
                        .mnemonic = "BADSIG",
                        .title = "TSIG signature failure",
                        .explanation =
                                "The MAC in the request's TSIG record did "
                                "not verify with the named key. The server "
                                "answers with header RCODE NOTAUTH, TSIG "
                                "Error 16 and an unsigned TSIG record (MAC "
                                "size 0). A key name the server knows with "
                                "another algorithm is BADKEY, not BADSIG.",
                        CAUSES("Same key name and algorithm but a different "
                               "secret on the two sides",
                               "Message changed in transit by a proxy or "
                               "middlebox"),
                        STEPS(STEP_TSIG_COMPARE_KEYS,
                              "Check for NAT helpers or DNS proxies that "
                              "rewrite packets on the path",
                              "Sign a test request with the same key (dig "
                              "-k or -y) to find the failing side"),
                        .reference = "RFC 8945 §5.2.2, §5.3.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        [S_RCODE_16_TKEY] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 16,
                        .last = 16,
                        .context = RCX_CTX_TKEY,
                        .key = "rcode.16.tkey",
                        .mnemonic = "BADSIG",
                        .title = "Signature failure in a TKEY exchange",
                        .explanation =
                                "The Error field of a TKEY record reports "
                                "BADSIG: a signature in the key set-up or "
                                "key deletion did not verify. For a TKEY "
                                "error the header RCODE reads NOERROR (RFC "
                                "2930 §2.6), so tools that read only the "
                                "header see success.",
                        CAUSES("TKEY request signed with a key or secret "
                               "the server does not share",
                               "Message changed in transit by a proxy or "
                               "middlebox"),
                        STEPS("Check the key that signed the TKEY request "
                              "against the server's configuration",
                              "Check the server's log for the "
                              "negotiation"),
                        .reference = "RFC 2930 §2.6",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(17) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 17,
                        .last = 17,
                        .context = RCX_CTX_TSIG,
                        .key = "rcode.17",
                        .mnemonic = "BADKEY",
                        .title = "Key not recognized",
                        .explanation =
                                "The server does not know the key named in "
                                "the TSIG record with that algorithm, or does "
                                "not implement the algorithm; servers look "
                                "keys up by name and algorithm. It answers "
                                "with header RCODE NOTAUTH, TSIG Error 17 and "
                                "an unsigned TSIG record (MAC size 0). Some "
                                "servers, such as Knot DNS, also answer "
                                "BADKEY when they know the key but their "
                                "access rules do not allow it for this zone "
                                "or operation.",
                        CAUSES("Key name misspelled, or the key missing on "
                               "the server",
                               "Algorithm for the key differs or is not "
                               "supported",
                               "Key known, but the server's access rules "
                               "deny it for this zone or operation",
                               "Key not yet deployed on every server behind "
                               "the address"),
                        STEPS("Check the key name in the TSIG record against "
                              "the server's key configuration",
                              "Check that the key's algorithm is the same on "
                              "both sides",
                              "Check the server's access rules (ACL, "
                              "update policy) for this key and zone",
                              "Check every server behind the address "
                              "(anycast, load balancer) has the key"),
                        .reference = "RFC 8945 §5.2.1, §5.3.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(18) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 18,
                        .last = 18,
                        .context = RCX_CTX_TSIG,
                        .key = "rcode.18",
                        .mnemonic = "BADTIME",
                        .title = "Signature out of time window",
                        .explanation =
                                "The time in the request's TSIG record "
                                "differs from the server's clock by more "
                                "than the fudge (commonly 300 s). The server "
                                "answers with header RCODE NOTAUTH, TSIG "
                                "Error 18 and a signed TSIG record whose "
                                "Other Data holds its current time (6 "
                                "octets). rcodex reports the skew as client "
                                "clock minus server clock.",
                        CAUSES("Client or server clock not synchronized",
                               "Request replayed or delayed for a long "
                               "time"),
                        STEPS("Compare the reported skew with the fudge and "
                              "synchronize both hosts with NTP",
                              "Check the clock of the host that signed the "
                              "request"),
                        .reference = "RFC 8945 §5.2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(19) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 19,
                        .last = 19,
                        .key = "rcode.19",
                        .mnemonic = "BADMODE",
                        .title = "Bad TKEY mode",
                        .explanation =
                                "The server does not support the mode asked "
                                "for in a TKEY record, for example "
                                "Diffie-Hellman exchange (2) or GSS-API "
                                "negotiation (3). It is a TKEY error: it is "
                                "in the Error field of the TKEY record, and "
                                "the header RCODE reads NOERROR, so tools "
                                "that read only the header see success.",
                        CAUSES("Client asks for a TKEY mode the server does "
                               "not implement or allow",
                               "GSS-TSIG client talking to a server without "
                               "GSS-TSIG configured"),
                        STEPS("Check the Mode field of the TKEY request",
                              "Check that the server is configured for that "
                              "mode"),
                        .reference = "RFC 2930 §2.5, §2.6",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(20) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 20,
                        .last = 20,
                        .key = "rcode.20",
                        .mnemonic = "BADNAME",
                        .title = "Key name in use, or unknown to a deletion",
                        .explanation =
                                "A TKEY error with two causes: a request to "
                                "set up keying material under a key name the "
                                "server already holds (RFC 2930 §2.1), or a "
                                "request to delete a key the server has no "
                                "record of (§4.2). BIND sends it only for "
                                "the second. It is in the Error field of the "
                                "TKEY record, and the header RCODE reads "
                                "NOERROR.",
                        CAUSES("Client deletes a key the server has already "
                               "dropped (expired, or lost on restart)",
                               "Client reuses a TKEY key name the server "
                               "still holds",
                               "Two clients generate the same key name"),
                        STEPS("For a deletion, check whether the server "
                              "still had the key (its log, or an earlier "
                              "deletion in the capture)",
                              "Check that the client makes a fresh, unique "
                              "key name for each negotiation"),
                        .reference = "RFC 2930 §2.1, §2.6, §4.2",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(21) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 21,
                        .last = 21,
                        .key = "rcode.21",
                        .mnemonic = "BADALG",
                        .title = "Algorithm not supported",
                        .explanation =
                                "The algorithm named in a TKEY exchange is "
                                "not supported by the server, so no key can "
                                "be agreed with it. It is in the Error field "
                                "of the TKEY record, and the header RCODE "
                                "reads NOERROR.",
                        CAUSES("Client asks for a key algorithm the server "
                               "does not implement",
                               "Algorithm name misspelled"),
                        STEPS("Check the Algorithm field of the TKEY record",
                              "Configure an algorithm both sides support"),
                        .reference = "RFC 2930 §2.6",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(22) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 22,
                        .last = 22,
                        .key = "rcode.22",
                        .mnemonic = "BADTRUNC",
                        .title = "Bad truncation",
                        .explanation =
                                "The TSIG MAC was truncated to fewer octets "
                                "than the receiver's local policy accepts, "
                                "although it is long enough to be valid at "
                                "all (a MAC below the protocol's minimum gets "
                                "FORMERR instead). The server answers with "
                                "header RCODE NOTAUTH and TSIG Error 22, and "
                                "should sign that error response.",
                        CAUSES("Client truncates its MAC below the server's "
                               "minimum",
                               "Truncation settings differ between the two "
                               "sides"),
                        STEPS("Compare the MAC size in the request with the "
                              "algorithm's full length",
                              "Use the full MAC or align the truncation "
                              "policy"),
                        .reference = "RFC 8945 §5.2.4, §5.3.2, §5.4.4, §7",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        RC17(23) =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 23,
                        .last = 23,
                        .key = "rcode.23",
                        .mnemonic = "BADCOOKIE",
                        .title = "Bad or missing server cookie",
                        .explanation =
                                "The server would not process the request "
                                "because it carried no valid server cookie. "
                                "The response carries a fresh server cookie, "
                                "and the client should send the request again "
                                "with it; if that also gets BADCOOKIE, the "
                                "client should retry over TCP. On the wire it "
                                "is header RCODE 7 plus OPT extended RCODE 1, "
                                "so tools that read only the header show "
                                "\"RRset exists\".",
                        CAUSES("First contact with a server that enforces "
                               "cookies",
                               "Server secret changed, or anycast instances "
                               "use different secrets",
                               "Client address changed (NAT) since it "
                               "learned the server cookie"),
                        STEPS("Check that the client resent the request "
                              "with the new server cookie",
                              "If BADCOOKIE repeats with a fresh cookie, "
                              "check that all servers behind the address "
                              "share one server secret (RFC 9018)",
                              "Check that the client falls back to TCP "
                              "after a repeated BADCOOKIE"),
                        .reference = "RFC 7873 §5.2.3, §5.2.4, §5.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        [S_RCODE_17_TKEY] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 17,
                        .last = 17,
                        .context = RCX_CTX_TKEY,
                        .key = "rcode.17.tkey",
                        .mnemonic = "BADKEY",
                        .title = "Key not usable in a TKEY exchange",
                        .explanation =
                                "The Error field of a TKEY record reports "
                                "BADKEY: the keying material offered cannot "
                                "be used, for example an incompatible "
                                "Diffie-Hellman key (RFC 2930 §4.1). BIND "
                                "also sends it when GSS-API negotiation "
                                "fails and when the key name asked for is "
                                "already in use. The header RCODE reads "
                                "NOERROR (§2.6).",
                        CAUSES("GSS-API (Kerberos) negotiation failed, "
                               "e.g. wrong service principal or keytab",
                               "Incompatible Diffie-Hellman key",
                               "Key name already in use on the server"),
                        STEPS("Check the server's log for the TKEY "
                              "negotiation",
                              "For GSS-TSIG, check the server's keytab and "
                              "the client's Kerberos ticket"),
                        .reference = "RFC 2930 §2.6, §4.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        [S_RCODE_18_TKEY] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 18,
                        .last = 18,
                        .context = RCX_CTX_TKEY,
                        .key = "rcode.18.tkey",
                        .mnemonic = "BADTIME",
                        .title = "Time failure in a TKEY exchange",
                        .explanation =
                                "The Error field of a TKEY record reports "
                                "BADTIME, a failed time check in the key "
                                "set-up: TKEY inception and expiration "
                                "times only work when both sides agree on "
                                "the time (RFC 2930 §2.4). The header RCODE "
                                "reads NOERROR (§2.6).",
                        CAUSES("Client or server clock not synchronized",
                               "Requested validity interval already over "
                               "or not yet begun"),
                        STEPS("Synchronize both hosts with NTP",
                              "Check the inception and expiration times of "
                              "the TKEY request"),
                        .reference = "RFC 2930 §2.4, §2.6",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_SECURITY,
                },
        [S_RCODE_24_3840] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 24,
                        .last = 3840,
                        .key = "rcode.24-3840",
                        .mnemonic = "Unassigned",
                        .title = "Unassigned response code",
                        .explanation =
                                "No meaning is assigned to this value in the "
                                "DNS RCODE registry. In an OPT-extended RCODE "
                                "it usually means a wrong extended-RCODE byte "
                                "in the OPT record.",
                        CAUSES("Buggy or experimental server",
                               "Non-zero garbage in the OPT extended-RCODE "
                               "byte"),
                        STEPS(STEP_WIRE_SENDER,
                              "Check the OPT record's extended-RCODE byte"),
                        .reference = "RFC 6895 §2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_3841_4095] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 3841,
                        .last = 4095,
                        .key = "rcode.3841-4095",
                        .mnemonic = "Private use",
                        .title = "Response code reserved for private use",
                        .explanation =
                                "This value is reserved for private use. Its "
                                "meaning is defined by the software that sent "
                                "it, not by any standard.",
                        CAUSES("Vendor-specific or local extension"),
                        STEPS("Check the sending software's documentation "
                              "for this code"),
                        .reference = "RFC 6895 §2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_4096_65534] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 4096,
                        .last = 65534,
                        .key = "rcode.4096-65534",
                        .mnemonic = "Unassigned",
                        .title = "Unassigned TSIG/TKEY error",
                        .explanation =
                                "No meaning is assigned to this value. Values "
                                "above 4095 do not fit in a 12-bit extended "
                                "RCODE, so they can only appear in the 16-bit "
                                "Error field of a TSIG or TKEY record.",
                        CAUSES("Buggy or experimental TSIG/TKEY "
                               "implementation",
                               "Corrupted TSIG or TKEY record"),
                        STEPS(STEP_WIRE_SENDER,
                              "Check the TSIG or TKEY record for other "
                              "problems"),
                        .reference = "RFC 6895 §2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_RCODE_65535] =
                {
                        .kind = RCX_KIND_RCODE,
                        .first = 65535,
                        .last = 65535,
                        .key = "rcode.65535",
                        .mnemonic = "Reserved",
                        .title = "Reserved response code",
                        .explanation =
                                "Value 65535 is reserved; it can only be "
                                "allocated by Standards Action and has no "
                                "meaning today. It can only appear in the "
                                "Error field of a TSIG or TKEY record.",
                        CAUSES("Buggy implementation, e.g. -1 written into "
                               "the Error field",
                               "Corrupted TSIG or TKEY record"),
                        STEPS(STEP_WIRE_SENDER),
                        .reference = "RFC 6895 §2.3",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },

/* ---- Extended DNS Errors ---------------------------------------------- */
#define EDE_ENTRY(code, mn, ti, ex, ref, sev, grp, ca, st)                     \
	EDE(code) = {                                                          \
	        .kind = RCX_KIND_EDE,                                          \
	        .first = (code),                                               \
	        .last = (code),                                                \
	        .key = "ede." #code,                                           \
	        .mnemonic = mn,                                                \
	        .title = ti,                                                   \
	        .explanation = ex,                                             \
	        ca,                                                            \
	        st,                                                            \
	        .reference = ref,                                              \
	        .severity = sev,                                               \
	        .group = grp,                                                  \
	}
        EDE_ENTRY(0, "Other Error", "Error not covered by another code",
                  "The server reports an error that fits none of the other "
                  "Extended DNS Error codes. The EXTRA-TEXT, when present, "
                  "is the only description.",
                  "RFC 8914 §4.1", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Implementation-specific error"),
                  STEPS(STEP_EDE_TEXT, "Check the server's log for this "
                                       "query")),
        EDE_ENTRY(1, "Unsupported DNSKEY Algorithm",
                  "Only unsupported DNSKEY algorithms",
                  "The resolver tried DNSSEC validation, but the DNSKEY "
                  "RRset holds only algorithms it does not support. The "
                  "resolver then treats the zone as unsigned, so its answers "
                  "lose DNSSEC protection.",
                  "RFC 8914 §4.2, RFC 4035 §5.2", RCX_SEV_WARN,
                  RCX_GROUP_SECURITY,
                  CAUSES("Zone signed with a new or deprecated algorithm",
                         "Resolver built without support for the "
                         "algorithm"),
                  STEPS("Check the zone's DNSKEY algorithms",
                        "Check which algorithms the resolver supports")),
        EDE_ENTRY(2, "Unsupported DS Digest Type",
                  "Only unsupported DS digest types",
                  "The resolver tried DNSSEC validation, but the DS RRset "
                  "holds only digest types it does not support. The resolver "
                  "then treats the zone as unsigned, so its answers lose "
                  "DNSSEC protection.",
                  "RFC 8914 §4.3, RFC 6840 §5.2", RCX_SEV_WARN,
                  RCX_GROUP_SECURITY,
                  CAUSES("Parent publishes DS records with an unusual or "
                         "deprecated digest type"),
                  STEPS("Check the digest types of the DS records in the "
                        "parent zone",
                        "Publish a DS with a widely supported digest "
                        "(SHA-256)")),
        EDE_ENTRY(3, "Stale Answer", "Answer served from expired cache",
                  "The resolver could not refresh the data within its time "
                  "limits and answered with expired data from its cache "
                  "instead of an error (serve-stale, RFC 8767). The data may "
                  "be out of date.",
                  "RFC 8914 §4.4", RCX_SEV_NOTE, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Authoritative servers unreachable or too slow",
                         "Network problems between resolver and "
                         "authorities"),
                  STEPS("Query the authoritative servers directly to see "
                        "whether they answer",
                        "Check the resolver's connectivity to the "
                        "authorities")),
        EDE_ENTRY(4, "Forged Answer", "Answer replaced by policy",
                  "For policy reasons, such as a legal obligation or "
                  "malware filtering, the answer was replaced with forged "
                  "data. The response still has an answer, but not the "
                  "real one.",
                  "RFC 8914 §4.5", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Response policy zone or filtering on the "
                         "resolver"),
                  STEPS("Check the resolver's filtering policy for this "
                        "name",
                        "Compare with the answer of the authoritative "
                        "servers")),
        EDE_ENTRY(5, "DNSSEC Indeterminate", "DNSSEC validation indeterminate",
                  "The resolver tried DNSSEC validation, but it ended in "
                  "the Indeterminate state: the resolver could not tell "
                  "whether the data should be signed.",
                  "RFC 8914 §4.6", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("Missing or broken trust anchor on the resolver",
                         "Parts of the chain of trust unobtainable"),
                  STEPS("Check the resolver's trust anchors",
                        STEP_DNSSEC_ANALYZE)),
        EDE_ENTRY(6, "DNSSEC Bogus", "DNSSEC validation failed",
                  "The resolver tried DNSSEC validation and it ended in the "
                  "Bogus state: signatures or the chain of trust are "
                  "wrong. A validating resolver answers SERVFAIL for such "
                  "data.",
                  "RFC 8914 §4.7", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("DS in the parent does not match any DNSKEY",
                         "Signatures invalid after a botched key rollover",
                         "Data altered in transit"),
                  STEPS(STEP_DNSSEC_ANALYZE, STEP_DNSSEC_CD,
                        "Check recent key rollovers and DS updates")),
        EDE_ENTRY(
                7, "Signature Expired", "DNSSEC signatures expired",
                "The resolver tried DNSSEC validation, but no signature "
                "is currently valid and some or all have expired. A validating "
                "resolver answers SERVFAIL for data it cannot validate.",
                "RFC 8914 §4.8", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                CAUSES("Zone not re-signed in time (signer stopped)",
                       "Resolver clock far ahead"),
                STEPS("Check the RRSIG expiration times in the zone",
                      "Check that the zone's signer is running",
                      "Check the resolver's clock")),
        EDE_ENTRY(8, "Signature Not Yet Valid",
                  "DNSSEC signatures not yet valid",
                  "The resolver tried DNSSEC validation, but no signature "
                  "is currently valid and some or all are not yet valid. A "
                  "validating resolver answers SERVFAIL for data it cannot "
                  "validate.",
                  "RFC 8914 §4.9", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("Resolver clock behind", "Signer clock ahead"),
                  STEPS("Check the RRSIG inception times in the zone",
                        "Check the clocks of the resolver and of the "
                        "signer")),
        EDE_ENTRY(9, "DNSKEY Missing", "No DNSKEY matches the DS",
                  "The resolver tried DNSSEC validation, but no DNSKEY "
                  "record matching the parent's DS records could be "
                  "found for the zone. A validating resolver answers SERVFAIL "
                  "for data it cannot validate.",
                  "RFC 8914 §4.10", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("DS in the parent points to a removed key",
                         "Key rollover finished before the DS was "
                         "updated"),
                  STEPS("Compare the DS in the parent with the zone's "
                        "DNSKEY records",
                        STEP_DNSSEC_ANALYZE)),
        EDE_ENTRY(10, "RRSIGs Missing", "Signatures missing",
                  "The resolver tried DNSSEC validation, but found no "
                  "RRSIG for at least one RRset where signatures were "
                  "expected. A validating resolver answers SERVFAIL for data "
                  "it cannot validate.",
                  "RFC 8914 §4.11", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("Zone partly unsigned",
                         "Middlebox or old server stripping RRSIG "
                         "records"),
                  STEPS("Query the authoritative servers with +dnssec "
                        "and check for RRSIG records",
                        STEP_DNSSEC_ANALYZE)),
        EDE_ENTRY(11, "No Zone Key Bit Set", "No DNSKEY with the Zone Key bit",
                  "The resolver tried DNSSEC validation, but no DNSKEY in "
                  "the zone has the Zone Key bit set, so none can sign "
                  "the zone. A validating resolver answers SERVFAIL for data "
                  "it cannot validate.",
                  "RFC 8914 §4.12", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("Keys generated with the wrong flags"),
                  STEPS("Check the flags of the zone's DNSKEY records "
                        "(256 or 257)")),
        EDE_ENTRY(12, "NSEC Missing", "Denial of existence not proven",
                  "The data asked for does not exist, but the response "
                  "lacks the NSEC or NSEC3 records that would prove it. A "
                  "validating resolver answers SERVFAIL for data it cannot "
                  "validate.",
                  "RFC 8914 §4.13", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("Zone signed without NSEC/NSEC3 chain",
                         "Authoritative server omits NSEC records"),
                  STEPS("Query the authoritative servers with +dnssec "
                        "for the missing name",
                        STEP_DNSSEC_ANALYZE)),
        EDE_ENTRY(13, "Cached Error", "SERVFAIL answered from cache",
                  "The resolver answers SERVFAIL from its cache: an "
                  "earlier attempt failed and the resolver does not try "
                  "the authoritative servers again yet. A cached SERVFAIL "
                  "lasts at most 5 minutes per query name, type, class and "
                  "server address (RFC 2308 §7.1), so a fixed fault can "
                  "still be reported for that long.",
                  "RFC 8914 §4.14, RFC 2308 §7.1", RCX_SEV_WARN,
                  RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Earlier resolution failed and the failure is "
                         "still cached"),
                  STEPS("Find out why the first attempt failed (query "
                        "the authorities directly)",
                        "After fixing it, flush the name from the "
                        "resolver's cache or wait up to 5 minutes")),
        EDE_ENTRY(14, "Not Ready", "Server not ready",
                  "The server could not answer because it was not fully "
                  "working when the query arrived, for example while "
                  "starting or loading zones.",
                  "RFC 8914 §4.15", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Server starting or reloading",
                         "Resolver priming not finished"),
                  STEPS("Check whether the server was restarting at that "
                        "time",
                        "Repeat the query after a short wait")),
        EDE_ENTRY(15, "Blocked", "Blocked by the operator",
                  "The server operator blocked this name, for example "
                  "with a blocklist. The block comes from the operator's "
                  "own policy.",
                  "RFC 8914 §4.16", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Name on the resolver's blocklist"),
                  STEPS("Check the resolver's blocklist or response policy "
                        "for the name",
                        STEP_EDE_TEXT)),
        EDE_ENTRY(16, "Censored", "Blocked by an external requirement",
                  "The server blocked this name because of a requirement "
                  "from outside the operator, such as a legal order.",
                  "RFC 8914 §4.17", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Legal or regulatory blocking"),
                  STEPS(STEP_EDE_TEXT, "Contact the resolver's operator")),
        EDE_ENTRY(
                17, "Filtered", "Blocked at the client's request",
                "The server blocked this name because the client asked "
                "for filtering, for example an opted-in malware or "
                "family filter.",
                "RFC 8914 §4.18", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                CAUSES("Client subscribed to a filtering service"),
                STEPS("Check the client's filtering settings", STEP_EDE_TEXT)),
        EDE_ENTRY(18, "Prohibited", "Client not authorized",
                  "The server refuses to serve this client, for example "
                  "because its address is not on the allow list.",
                  "RFC 8914 §4.19", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Client address outside the server's access "
                         "list"),
                  STEPS("Check the server's access lists for the client's "
                        "address")),
        EDE_ENTRY(19, "Stale NXDomain Answer",
                  "NXDOMAIN served from expired cache",
                  "The resolver could not resolve the name within its time "
                  "limits and answered with an expired NXDOMAIN from its "
                  "cache instead of an error.",
                  "RFC 8914 §4.20", RCX_SEV_NOTE, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Authoritative servers unreachable or too slow"),
                  STEPS("Query the authoritative servers directly to see "
                        "whether they answer",
                        "Check the resolver's connectivity to the "
                        "authorities")),
        EDE_ENTRY(20, "Not Authoritative", "Server not authoritative",
                  "The server refused a query it cannot answer from its own "
                  "zones and will not recurse for. RFC 8914 has "
                  "authoritative servers send it for names outside their "
                  "zones, and resolvers for queries that arrive with the "
                  "RD bit clear.",
                  "RFC 8914 §4.21", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Client uses an authoritative server as its "
                         "resolver",
                         "Lame delegation to this server"),
                  STEPS("Point the client to a recursive resolver",
                        "Check the delegation of the zone")),
        EDE_ENTRY(21, "Not Supported", "Operation not supported",
                  "The server does not support the requested operation or "
                  "query.",
                  "RFC 8914 §4.22", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                  CAUSES("Query type or feature not implemented"),
                  STEPS(STEP_EDE_TEXT,
                        "Check the server's documentation for the "
                        "feature")),
        EDE_ENTRY(22, "No Reachable Authority", "No authority reachable",
                  "The resolver could not reach any of the authoritative "
                  "servers for the name, or none of them answered "
                  "usefully. It usually accompanies SERVFAIL.",
                  "RFC 8914 §4.23", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Authoritative servers down or unreachable",
                         "Firewall blocking the resolver's outgoing "
                         "queries",
                         "Broken delegation (wrong NS or glue)"),
                  STEPS("Query each authoritative server directly",
                        "Check the delegation (NS and glue) in the "
                        "parent zone")),
        EDE_ENTRY(23, "Network Error", "Network error",
                  "An unrecoverable network error occurred while the "
                  "resolver talked to another server. It usually accompanies "
                  "SERVFAIL.",
                  "RFC 8914 §4.24", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Routing or firewall problem",
                         "ICMP unreachable from the path to a server"),
                  STEPS(STEP_EDE_TEXT,
                        "Check the network path from the resolver to the "
                        "authoritative servers")),
        EDE_ENTRY(24, "Invalid Data", "Zone data not usable",
                  "An authoritative server cannot answer with data for a "
                  "zone it is configured to serve, for example because "
                  "its copy of the zone is too old or has expired.",
                  "RFC 8914 §4.25", RCX_SEV_WARN, RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Secondary could not refresh the zone from its "
                         "primary before it expired"),
                  STEPS("Check zone transfers between primary and "
                        "secondaries",
                        "Check the zone's SOA serial on every "
                        "server")),
        EDE_ENTRY(25, "Signature Expired before Valid",
                  "Signature expiration before inception",
                  "The resolver tried DNSSEC validation, but a signature's "
                  "expiration time lies before its inception time, so it "
                  "can never be valid.",
                  "RFC 8914 §5.2, IANA EDE registry (Unbound)", RCX_SEV_WARN,
                  RCX_GROUP_SECURITY,
                  CAUSES("Signer bug or misconfigured signature validity"),
                  STEPS("Check the RRSIG inception and expiration times",
                        "Check the signer's configuration")),
        EDE_ENTRY(26, "Too Early", "Request in early data refused",
                  "A DNS over QUIC server refused a request that arrived "
                  "in 0-RTT (early) data because replaying it would not be "
                  "safe; it comes with RCODE REFUSED. QUERY and NOTIFY are "
                  "allowed in 0-RTT; other opcodes, such as UPDATE, are "
                  "not.",
                  "RFC 9250 §4.5, §8.3", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                  CAUSES("Client sends an UPDATE or another "
                         "non-replayable request in 0-RTT data"),
                  STEPS("Send such requests only after the QUIC handshake "
                        "has completed")),
        EDE_ENTRY(27, "Unsupported NSEC3 Iterations Value",
                  "NSEC3 iterations above the resolver's limit",
                  "The zone's NSEC3 records use more hash iterations than "
                  "the resolver accepts, so it treats the answer as "
                  "insecure or fails it.",
                  "RFC 9276 §3.2", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                  CAUSES("Zone signed with a high NSEC3 iteration count"),
                  STEPS("Check the NSEC3PARAM of the zone",
                        "Re-sign the zone with 0 extra iterations")),
        EDE_ENTRY(28, "Unable to conform to policy",
                  "Requested policy cannot be met",
                  "A DNS proxy or resolver could not follow the policy the "
                  "client asked for, for example a required upstream "
                  "transport.",
                  "RFC 8914 §5.2, IANA EDE registry "
                  "(draft-homburg-dnsop-codcp)",
                  RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                  CAUSES("Client policy options the proxy cannot "
                         "satisfy"),
                  STEPS(STEP_EDE_TEXT, "Check the client's policy "
                                       "options")),
        EDE_ENTRY(29, "Synthesized", "Answer synthesized by the resolver",
                  "The resolver built this answer itself rather than "
                  "receiving it from an authoritative server, for example "
                  "from cached NSEC records.",
                  "RFC 8914 §5.2, IANA EDE registry (PowerDNS)", RCX_SEV_NOTE,
                  RCX_GROUP_RESPONSE_CODE,
                  CAUSES("Aggressive use of cached DNSSEC denial "
                         "(RFC 8198)"),
                  STEPS("Query the authoritative servers if the "
                        "synthesized answer looks wrong")),
        EDE_ENTRY(30, "Invalid Query Type", "Query type cannot be queried",
                  "The query asked for a type that may not be queried, "
                  "such as the NXNAME meta-type of compact denial of "
                  "existence; it comes with RCODE FORMERR.",
                  "RFC 9824 §3.5", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                  CAUSES("Client or tool querying a meta or pseudo type"),
                  STEPS("Check the QTYPE of the query")),
        [S_EDE_UNASSIGNED] =
                {
                        .kind = RCX_KIND_EDE,
                        .first = 31,
                        .last = 49151,
                        .key = "ede.31-49151",
                        .mnemonic = "Unassigned",
                        .title = "INFO-CODE not known to rcodex",
                        .explanation =
                                "This INFO-CODE is not one of the codes "
                                "rcodex knows (0-30). It is unassigned, or it "
                                "was registered in IANA's Extended DNS Error "
                                "Codes registry later.",
                        CAUSES("Newer registration",
                               "Experimental or buggy server"),
                        STEPS(STEP_EDE_TEXT,
                              "Look the code up in IANA's Extended DNS "
                              "Error Codes registry"),
                        .reference = "RFC 8914 §5.2",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_EDE_PRIVATE] =
                {
                        .kind = RCX_KIND_EDE,
                        .first = 49152,
                        .last = 65535,
                        .key = "ede.49152-65535",
                        .mnemonic = "Private use",
                        .title = "INFO-CODE reserved for private use",
                        .explanation =
                                "This INFO-CODE is reserved for private use. "
                                "Its meaning is defined by the software that "
                                "sent it, not by any standard.",
                        CAUSES("Vendor-specific extension"),
                        STEPS(STEP_EDE_TEXT,
                              "Check the sending software's documentation "
                              "for this code"),
                        .reference = "RFC 8914 §5.2",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_PROTOCOL,
                },

        /* ---- Conditions ---------------------------------------------- */
        COND(RCX_COND_QUERY) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_QUERY,
                        .last = RCX_COND_QUERY,
                        .key = "condition.query",
                        .mnemonic = "Query",
                        .title = "Query: no response code",
                        .explanation =
                                "The message is a query. A response code has "
                                "meaning only in responses, so rcodex checks "
                                "queries only for anomalies.",
                        CAUSES("The message is a request"),
                        STEPS("Find the matching response to see how the "
                              "query was answered"),
                        .reference = "RFC 1035 §4.1.1",
                        .severity = RCX_SEV_NONE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_ANSWER) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_ANSWER,
                        .last = RCX_COND_ANSWER,
                        .key = "condition.answer",
                        .mnemonic = "Answer",
                        .title = "Answer with data",
                        .explanation =
                                "NOERROR with records of the asked type for "
                                "the question name, or for the last name of "
                                "a CNAME or DNAME chain that starts at it.",
                        CAUSES("The name has data of the asked type"),
                        STEPS("Check the TTLs and values if the data is not "
                              "what was expected"),
                        .reference = "RFC 1034 §4.3.2",
                        .severity = RCX_SEV_NONE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_NODATA) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_NODATA,
                        .last = RCX_COND_NODATA,
                        .key = "condition.nodata",
                        .mnemonic = "NODATA",
                        .title = "Name exists, no data of this type",
                        .explanation =
                                "The name exists but has no records of the "
                                "asked type: NOERROR with an empty answer. A "
                                "missing MX or AAAA on an existing name gives "
                                "NODATA, not NXDOMAIN. The SOA in the "
                                "authority section sets how long resolvers "
                                "cache this negative answer.",
                        CAUSES("No record of this type was ever created",
                               "Record added recently; the negative answer "
                               "is still cached",
                               "Client asks for a type the service does not "
                               "use (e.g. AAAA for an IPv4-only host)"),
                        STEPS("Check the zone for records of this type at "
                              "this name",
                              "If the record was just added, wait for the "
                              "negative TTL or flush the resolver's cache"),
                        .reference = "RFC 2308 §2.2",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_NXDOMAIN) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_NXDOMAIN,
                        .last = RCX_COND_NXDOMAIN,
                        .key = "condition.nxdomain",
                        .mnemonic = "NXDOMAIN",
                        .title = "Name does not exist",
                        .explanation =
                                "The name asked does not exist, and no name "
                                "below it exists either. The SOA in the "
                                "authority section sets how long resolvers "
                                "cache this negative answer.",
                        CAUSES("Typo in the name, or a search-domain suffix "
                               "the client appended",
                               "Name deleted or not yet created"),
                        STEPS("Check the spelling of the name",
                              "Query the authoritative servers directly to "
                              "confirm that the name is absent"),
                        .reference = "RFC 2308 §2.1, RFC 8020 §2",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_REFERRAL) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_REFERRAL,
                        .last = RCX_COND_REFERRAL,
                        .key = "condition.referral",
                        .mnemonic = "Referral",
                        .title = "Delegation to other servers",
                        .explanation =
                                "NOERROR without an answer, AA=0 and NS "
                                "records in the authority section: the server "
                                "points to the servers of a zone closer to "
                                "the name instead of answering. This is "
                                "normal from an authoritative server to a "
                                "resolver, but a client that asked a "
                                "resolver for recursion should not get it.",
                        CAUSES("Query sent to an authoritative server of a "
                               "parent zone",
                               "Recursion not offered to this client",
                               "Lame delegation: the server is listed for a "
                               "zone it does not serve"),
                        STEPS("Check the RD and RA flags: a resolver should "
                              "answer recursively",
                              "Point the client to a recursive resolver",
                              "Query the servers named in the referral "
                              "directly"),
                        .reference = "RFC 1034 §4.3.2, RFC 2308 §2.2",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_ERROR) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_ERROR,
                        .last = RCX_COND_ERROR,
                        .key = "condition.error",
                        .mnemonic = "Error",
                        .title = "Error response",
                        .explanation = "The effective response code is neither "
                                       "NOERROR nor NXDOMAIN. The entry of the "
                                       "response code explains it.",
                        CAUSES("See the response code"),
                        STEPS("Read the explanation of the response code "
                              "and of any Extended DNS Error"),
                        .reference = "RFC 1035 §4.1.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_SUCCESS) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_SUCCESS,
                        .last = RCX_COND_SUCCESS,
                        .key = "condition.success",
                        .mnemonic = "Success",
                        .title = "Operation succeeded",
                        .explanation =
                                "NOERROR to a request that is not a query, "
                                "such as UPDATE or NOTIFY: the operation was "
                                "accepted. There is no answer data to look "
                                "for.",
                        CAUSES("The operation was accepted"),
                        STEPS("Check the zone to confirm that the change "
                              "took effect"),
                        .reference = "RFC 2136 §2.2",
                        .severity = RCX_SEV_NONE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        COND(RCX_COND_TRUNCATED) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_TRUNCATED,
                        .last = RCX_COND_TRUNCATED,
                        .key = "condition.truncated",
                        .mnemonic = "Truncated",
                        .title = "Did not fit: retry over TCP expected",
                        .explanation =
                                "The response has TC=1 and no answer: it did "
                                "not fit in the UDP message, and the client "
                                "is expected to repeat the query over TCP. "
                                "Response rate limiting also answers with "
                                "TC=1 on purpose.",
                        CAUSES("Response larger than the client's EDNS UDP "
                               "size, or 512 octets without EDNS",
                               "Large DNSSEC, TXT or many-address answers",
                               "Response rate limiting on the server"),
                        STEPS("Check that the client repeats the query over "
                              "TCP and that TCP port 53 is open end to end",
                              "Compare the query's EDNS UDP size with the "
                              "size of the full answer",
                              "Check the server's response rate limiting"),
                        .reference = "RFC 1035 §4.2.1, RFC 7766 §4, §5",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_PROTOCOL,
                },
        COND(RCX_COND_UNDETERMINED) =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_UNDETERMINED,
                        .last = RCX_COND_UNDETERMINED,
                        .key = "condition.undetermined",
                        .mnemonic = "Undetermined",
                        .title = "Too damaged to tell answer from NODATA",
                        .explanation =
                                "The response says NOERROR, but its question, "
                                "answer or authority section could not be "
                                "read to the end, so it is unknown whether "
                                "it carried the data, a NODATA or a "
                                "referral. The anomalies say where the "
                                "message breaks.",
                        CAUSES("Message cut short by the capture's snap "
                               "length",
                               "Server or middlebox that writes broken "
                               "messages"),
                        STEPS("Check the anomalies for the offset where the "
                              "message breaks",
                              "Capture again with a full snap length, "
                              "close to the server"),
                        .reference = "RFC 1035 §4.1",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_MALFORMED,
                },
        [S_COND_NODATA_CHAIN] =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_NODATA,
                        .last = RCX_COND_NODATA,
                        .key = "condition.nodata.chain",
                        .mnemonic = "NODATA after CNAME",
                        .title = "Chain ends at a name without this type",
                        .explanation =
                                "The answer follows a CNAME or DNAME chain, "
                                "and the last name of the chain exists but "
                                "has no records of the asked type. The "
                                "missing data belongs to the chain's target, "
                                "often a zone run by someone else.",
                        CAUSES("Alias points to a name that lacks this type",
                               "Target zone not set up for this type"),
                        STEPS("Query the chain's last name directly",
                              "Ask the operator of the target zone to add "
                              "the record, or change the alias"),
                        .reference = "RFC 2308 §2.2, RFC 6604 §3",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_COND_NXDOMAIN_CHAIN] =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_NXDOMAIN,
                        .last = RCX_COND_NXDOMAIN,
                        .key = "condition.nxdomain.chain",
                        .mnemonic = "NXDOMAIN after CNAME",
                        .title = "Chain target does not exist",
                        .explanation =
                                "The name asked is an alias: the answer holds "
                                "a CNAME or DNAME chain, and NXDOMAIN applies "
                                "to the last name of that chain, not to the "
                                "name asked. The alias exists; its target "
                                "does not.",
                        CAUSES("CNAME points to a deleted or misspelled "
                               "target",
                               "Target not yet set up at another provider"),
                        STEPS("Query the chain's last name directly",
                              "Fix or remove the alias that points at the "
                              "missing name"),
                        .reference = "RFC 6604 §3",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_COND_NODATA_LLMNR] =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_NODATA,
                        .last = RCX_COND_NODATA,
                        .key = "condition.nodata.llmnr",
                        .mnemonic = "NODATA (LLMNR)",
                        .title = "LLMNR responder has the name, not this type",
                        .explanation =
                                "An LLMNR responder answers only for names it "
                                "is authoritative for (RFC 4795 §2.3), so "
                                "NOERROR with an empty answer comes from the "
                                "host that has the name but no record of the "
                                "asked type, such as an AAAA query to a host "
                                "with IPv4 addresses only. LLMNR has no zones "
                                "and no SOA.",
                        CAUSES("Host has no address of the asked family",
                               "Client asks for a type the host does not "
                               "publish"),
                        STEPS("Check which records the responding host "
                              "publishes for its name (addresses of each "
                              "family)"),
                        .reference = "RFC 4795 §2.3",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_COND_NXDOMAIN_LLMNR] =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_NXDOMAIN,
                        .last = RCX_COND_NXDOMAIN,
                        .key = "condition.nxdomain.llmnr",
                        .mnemonic = "NXDOMAIN (LLMNR)",
                        .title = "Name error from an LLMNR responder",
                        .explanation =
                                "LLMNR responders must not answer with RCODE "
                                "3: a host that is not authoritative for a "
                                "name stays silent (RFC 4795 §2.1.1). This "
                                "name error says nothing reliable about "
                                "whether another host on the link has the "
                                "name; LLMNR has no zones to look it up in.",
                        CAUSES("LLMNR responder built on a unicast DNS "
                               "server"),
                        STEPS("Look for an answer to the same query from "
                              "the host that owns the name"),
                        .reference = "RFC 4795 §2.1.1",
                        .severity = RCX_SEV_NOTE,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },
        [S_COND_ERROR_MDNS] =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_ERROR,
                        .last = RCX_COND_ERROR,
                        .key = "condition.error.mdns",
                        .mnemonic = "Ignored (mDNS)",
                        .title = "mDNS response with a non-zero RCODE",
                        .explanation =
                                "Multicast DNS has no error responses: the "
                                "response code must be zero, and receivers "
                                "silently ignore a message with any other "
                                "value (RFC 6762 §18.11). This response "
                                "tells its receivers nothing; the response "
                                "code's usual meaning does not apply.",
                        CAUSES("Responder that applies unicast DNS rules to "
                               "multicast queries"),
                        STEPS("Identify the responder by its source address "
                              "and check its mDNS implementation"),
                        .reference = "RFC 6762 §18.11",
                        .severity = RCX_SEV_WARN,
                        .group = RCX_GROUP_PROTOCOL,
                },
        [S_NOTE_NEGATIVE_TTL] =
                {
                        .kind = RCX_KIND_CONDITION,
                        .first = RCX_COND_COUNT,
                        .last = RCX_COND_COUNT,
                        .key = "note.negative_ttl",
                        .mnemonic = "Negative TTL",
                        .title = "How long a negative answer is cached",
                        .explanation =
                                "Resolvers cache an NXDOMAIN or NODATA answer "
                                "for min(SOA TTL, SOA MINIMUM) of the SOA in "
                                "its authority section. Until that time has "
                                "passed they keep answering that the name or "
                                "record does not exist, even after it has "
                                "been created.",
                        CAUSES("Negative caching of an earlier answer"),
                        STEPS("After adding a record, wait for the negative "
                              "TTL or flush the resolvers' caches",
                              "Lower the SOA MINIMUM before planned "
                              "changes"),
                        .reference = "RFC 2308 §3, §5",
                        .severity = RCX_SEV_CHAT,
                        .group = RCX_GROUP_RESPONSE_CODE,
                },

/* ---- Problems and anomalies ------------------------------------------- */
#define PROBLEM(p, k, mn, ti, ex, ref, sev, grp, ca, st)                       \
	PROB(p) = {                                                            \
	        .kind = RCX_KIND_PROBLEM,                                      \
	        .first = (p),                                                  \
	        .last = (p),                                                   \
	        .key = k,                                                      \
	        .mnemonic = mn,                                                \
	        .title = ti,                                                   \
	        .explanation = ex,                                             \
	        ca,                                                            \
	        st,                                                            \
	        .reference = ref,                                              \
	        .severity = sev,                                               \
	        .group = grp,                                                  \
	}
#define WIRE(p, k, mn, ti, ex, ref, ca, st)                                    \
	PROB(p) = {                                                            \
	        .kind = RCX_KIND_PROBLEM,                                      \
	        .first = (p),                                                  \
	        .last = (p),                                                   \
	        .key = k,                                                      \
	        .mnemonic = mn,                                                \
	        .title = ti,                                                   \
	        .explanation = ex,                                             \
	        ca,                                                            \
	        st,                                                            \
	        .reference = ref,                                              \
	        .severity = RCX_SEV_ERROR,                                     \
	        .group = RCX_GROUP_MALFORMED,                                  \
	}
        WIRE(RCX_PROB_SHORT_HEADER, "problem.short_header", "Short header",
             "Message shorter than the 12-octet header",
             "The message has fewer than 12 octets, so not even the header "
             "can be read.",
             "RFC 1035 §4.1.1",
             CAUSES("Capture cut the packet (snaplen)",
                    "Non-DNS traffic on a DNS port"),
             STEPS(STEP_WIRE_CAPTURE, "Check which application sent the "
                                      "packet")),
        WIRE(RCX_PROB_NAME_TRUNCATED, "problem.name_truncated",
             "Name truncated", "Domain name runs past the end",
             "A domain name continues past the end of the message: a label "
             "or a compression pointer reaches beyond the data. Everything "
             "before the fault is still decoded.",
             "RFC 1035 §3.1, §4.1.4",
             CAUSES("Message cut short", "Broken name encoding"),
             STEPS(STEP_WIRE_CAPTURE, STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_NAME_BAD_POINTER, "problem.name_bad_pointer",
             "Bad compression pointer", "Compression pointer loops",
             "A compression pointer points to itself, forward, or into a "
             "loop. Pointers must refer to an earlier occurrence of a name, "
             "so this name cannot be decoded.",
             "RFC 1035 §4.1.4",
             CAUSES("Buggy name compression", "Crafted packet"),
             STEPS(STEP_WIRE_SENDER,
                   "Treat the sender as suspicious if this repeats")),
        WIRE(RCX_PROB_NAME_LABEL_TYPE, "problem.name_label_type",
             "Bad label type", "Reserved label type",
             "A label length octet starts with the bits 01 or 10. These "
             "label types are reserved or obsolete, so the name cannot be "
             "decoded.",
             "RFC 1035 §4.1.4, RFC 6891 §5",
             CAUSES("Corrupted message", "Obsolete extended labels"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_NAME_TOO_LONG, "problem.name_too_long", "Name too long",
             "Domain name longer than 255 octets",
             "The decoded name is longer than 255 octets, the maximum for a "
             "domain name.",
             "RFC 1035 §2.3.4", CAUSES("Buggy encoder", "Crafted packet"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_QUESTION_TRUNCATED, "problem.question_truncated",
             "Question truncated", "QTYPE or QCLASS cut off",
             "The question's name is followed by fewer than the 4 octets of "
             "QTYPE and QCLASS. Everything before the fault is still decoded.",
             "RFC 1035 §4.1.2", CAUSES("Message cut short"),
             STEPS(STEP_WIRE_CAPTURE, STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_RR_TRUNCATED, "problem.rr_truncated", "Record truncated",
             "Record header cut off",
             "A resource record's TYPE, CLASS, TTL or RDLENGTH runs past "
             "the end of the message. Everything before the fault is still "
             "decoded.",
             "RFC 1035 §4.1.3", CAUSES("Message cut short"),
             STEPS(STEP_WIRE_CAPTURE, STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_RDATA_PAST_END, "problem.rdata_past_end",
             "RDATA past end", "RDLENGTH beyond the end of the message",
             "A record's RDLENGTH announces more data than the message "
             "holds. Everything before the fault is still decoded.",
             "RFC 1035 §4.1.3",
             CAUSES("Message cut short", "Wrong RDLENGTH from the sender"),
             STEPS(STEP_WIRE_CAPTURE, STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_COUNT_MISMATCH, "problem.count_mismatch",
             "Count mismatch", "Fewer records than the header counts",
             "The header's QDCOUNT, ANCOUNT, NSCOUNT or ARCOUNT announce "
             "more entries than the message holds. Everything before the fault "
             "is still decoded.",
             "RFC 1035 §4.1.1",
             CAUSES("Message cut by the capture or a middlebox",
                    "Sender miscounted its records"),
             STEPS(STEP_WIRE_CAPTURE, STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_TRAILING_BYTES, "problem.trailing_bytes",
             "Trailing bytes", "Data after the last record",
             "Octets follow the last record the header counts. No record "
             "holds them, so nothing in the message explains them; they "
             "point to a counting bug, padding added on the path, or data "
             "hidden in DNS.",
             "RFC 1035 §4.1",
             CAUSES("Sender miscounted its records",
                    "Padding added by a middlebox", "Covert channel"),
             STEPS(STEP_WIRE_SENDER,
                   "Look at the extra octets for recognizable content")),
        WIRE(RCX_PROB_RDATA_MALFORMED, "problem.rdata_malformed",
             "Malformed RDATA", "RDATA does not match its type",
             "The record data is too short or too long for its type, or a "
             "name inside it is invalid (for example an SOA without its "
             "five numbers, or a CNAME target that overruns RDLENGTH).",
             "RFC 1035 §3.3", CAUSES("Buggy encoder", "Corrupted message"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_OPT_OPTION_TRUNCATED, "problem.opt_option_truncated",
             "EDNS option truncated", "EDNS option runs past OPT RDATA",
             "An option's length in the OPT record reaches past the end of "
             "the record data. A server answers such a request with "
             "FORMERR.",
             "RFC 6891 §6.1.2, §7",
             CAUSES("Buggy EDNS encoder", "Message cut short"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_OPT_OWNER_NOT_ROOT, "problem.opt_owner_not_root",
             "OPT owner not root", "OPT record not owned by the root",
             "The OPT pseudo-record must be owned by the root name (a single "
             "zero octet).",
             "RFC 6891 §6.1.2", CAUSES("Buggy EDNS encoder"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_OPT_NOT_ADDITIONAL, "problem.opt_not_additional",
             "OPT outside additional",
             "OPT record outside the additional "
             "section",
             "The OPT pseudo-record may only appear in the additional "
             "section.",
             "RFC 6891 §6.1.1", CAUSES("Buggy encoder", "Section counts wrong"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_MULTIPLE_OPT, "problem.multiple_opt", "Multiple OPT",
             "More than one OPT record",
             "A message may carry at most one OPT record; a request with "
             "more than one must be answered with FORMERR.",
             "RFC 6891 §6.1.1",
             CAUSES("Buggy client or proxy adding its own OPT"),
             STEPS(STEP_WIRE_SENDER,
                   "Check proxies on the path that add EDNS options")),
        WIRE(RCX_PROB_COOKIE_LENGTH, "problem.cookie_length",
             "Bad cookie length", "COOKIE option of invalid length",
             "A COOKIE option must be 8 octets (client cookie only) or 16 "
             "to 40 octets (client and server cookie). A server with "
             "cookies enabled answers a request with any other length with "
             "FORMERR; a server without cookie support ignores the option. "
             "A client discards a response with such an option.",
             "RFC 7873 §5.2, §5.2.2, §5.3",
             CAUSES("Buggy cookie implementation", "Crafted packet"),
             STEPS(STEP_WIRE_SENDER)),
        PROBLEM(RCX_PROB_MULTIPLE_COOKIE, "problem.multiple_cookie",
                "Multiple COOKIE options", "More than one COOKIE option",
                "The OPT record carries more than one COOKIE option. Only "
                "the first, closest to the header, counts; the others are "
                "ignored.",
                "RFC 7873 §5.2, §5.3", RCX_SEV_WARN, RCX_GROUP_MALFORMED,
                CAUSES("Proxy adding its own cookie",
                       "Buggy cookie implementation"),
                STEPS(STEP_WIRE_SENDER,
                      "Check proxies on the path that add EDNS options")),
        WIRE(RCX_PROB_EDE_SHORT, "problem.ede_short", "EDE too short",
             "EDE option shorter than 2 octets",
             "An Extended DNS Error option needs at least its 2-octet "
             "INFO-CODE.",
             "RFC 8914 §2", CAUSES("Buggy EDE encoder"),
             STEPS(STEP_WIRE_SENDER)),
        PROBLEM(RCX_PROB_EDE_TEXT_NOT_UTF8, "problem.ede_text_not_utf8",
                "EDE text not UTF-8", "EXTRA-TEXT is not valid UTF-8",
                "The EXTRA-TEXT of an Extended DNS Error option is "
                "defined as UTF-8 text, and this one is not valid UTF-8; "
                "it is shown with the invalid octets replaced.",
                "RFC 8914 §2", RCX_SEV_WARN, RCX_GROUP_MALFORMED,
                CAUSES("Server writes text in another encoding"),
                STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_TSIG_NOT_LAST, "problem.tsig_not_last", "TSIG not last",
             "TSIG record is not the last record",
             "The TSIG record must be the last record of the additional "
             "section. A server answers such a request with FORMERR.",
             "RFC 8945 §5.2",
             CAUSES("Proxy appending records after signing", "Buggy signer"),
             STEPS(STEP_WIRE_SENDER,
                   "Check proxies on the path that add records")),
        WIRE(RCX_PROB_TSIG_NOT_ADDITIONAL, "problem.tsig_not_additional",
             "TSIG outside additional",
             "TSIG record outside the additional "
             "section",
             "A TSIG record may only appear as the last record of the "
             "additional section. A server answers such a request with "
             "FORMERR.",
             "RFC 8945 §5.2", CAUSES("Buggy signer", "Section counts wrong"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_MULTIPLE_TSIG, "problem.multiple_tsig", "Multiple TSIG",
             "More than one TSIG record",
             "A message may carry only one TSIG record. A server answers "
             "such a request with FORMERR.",
             "RFC 8945 §5.2",
             CAUSES("Message signed twice, e.g. by a client and a proxy"),
             STEPS(STEP_WIRE_SENDER,
                   "Check proxies on the path that sign messages")),
        WIRE(RCX_PROB_TSIG_MALFORMED, "problem.tsig_malformed",
             "Malformed TSIG", "TSIG RDATA cannot be decoded",
             "The TSIG record's fields (algorithm, time, fudge, MAC, "
             "original ID, error, other data) do not fit its RDATA. A "
             "server that cannot understand a TSIG record answers FORMERR.",
             "RFC 8945 §4.2, §5.2", CAUSES("Buggy signer", "Message cut short"),
             STEPS(STEP_WIRE_SENDER)),
        WIRE(RCX_PROB_TKEY_MALFORMED, "problem.tkey_malformed",
             "Malformed TKEY", "TKEY RDATA cannot be decoded",
             "The TKEY record's fields (algorithm, inception, expiration, "
             "mode, error, key data, other data) do not fit its RDATA.",
             "RFC 2930 §2",
             CAUSES("Buggy TKEY implementation", "Message cut short"),
             STEPS(STEP_WIRE_SENDER)),

        PROBLEM(RCX_ANOM_RCODE_IN_QUERY, "anomaly.rcode_in_query",
                "RCODE in query", "Query with a non-zero RCODE",
                "The RCODE field of a query is not zero. Response codes are "
                "set in responses only, so the sender is broken or not a "
                "DNS client.",
                "RFC 1035 §4.1.1", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Buggy client", "Non-DNS traffic on a DNS port"),
                STEPS(STEP_WIRE_SENDER)),
        PROBLEM(RCX_ANOM_EXT_RCODE_IN_QUERY, "anomaly.ext_rcode_in_query",
                "Extended RCODE in query", "Query with extended-RCODE bits set",
                "The OPT record of a query has a non-zero extended-RCODE "
                "byte. Only responses carry a response code, so these bits "
                "should be zero in a query.",
                "RFC 6891 §6.1.3, RFC 1035 §4.1.1", RCX_SEV_NOTE,
                RCX_GROUP_PROTOCOL, CAUSES("Buggy EDNS encoder in the client"),
                STEPS(STEP_WIRE_SENDER)),
        PROBLEM(RCX_ANOM_NXDOMAIN_WITH_ANSWERS, "anomaly.nxdomain_with_answers",
                "NXDOMAIN with answers",
                "NXDOMAIN with unrelated answer records",
                "The response is NXDOMAIN but its answer section holds "
                "records that do not form a CNAME or DNAME chain from the "
                "name asked. NXDOMAIN with such a chain is normal; other "
                "answer records contradict the response code.",
                "RFC 6604 §3", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                CAUSES("Buggy server", "Forged or altered response"),
                STEPS(STEP_WIRE_SENDER,
                      "Compare with the answer of the authoritative "
                      "servers")),
        PROBLEM(RCX_ANOM_NODATA_WITHOUT_SOA, "anomaly.nodata_without_soa",
                "Negative answer without SOA",
                "Negative answer that cannot be cached",
                "A NODATA or NXDOMAIN response has no SOA record in its "
                "authority section. Resolvers should not cache such a "
                "negative answer, so every repeat of the query reaches the "
                "server again.",
                "RFC 2308 §5", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Server or load balancer that omits the SOA",
                       "Minimal responses from a non-conforming server"),
                STEPS("Check the authoritative server's negative "
                      "answers (dig +norecurse) for an SOA")),
        PROBLEM(RCX_ANOM_NO_QUESTION, "anomaly.no_question", "No question",
                "Response without a question",
                "A response to a query has an empty question section, so "
                "the client cannot check that it answers its question. It "
                "is expected only for a query that asks for a server cookie "
                "alone.",
                "RFC 1035 §4.1.2, RFC 7873 §5.4", RCX_SEV_NOTE,
                RCX_GROUP_PROTOCOL,
                CAUSES("Error response from a server that drops the "
                       "question",
                       "Cookie-only query"),
                STEPS(STEP_WIRE_SENDER)),
        PROBLEM(RCX_ANOM_QUESTION_MISMATCH, "anomaly.question_mismatch",
                "Question mismatch",
                "Response question differs from the "
                "query's",
                "The question in the response is not the question of the "
                "query it was paired with (name compared without case, "
                "type and class). Clients discard such responses; it can "
                "mean spoofing, a broken proxy or reuse of a query ID.",
                "RFC 5452 §3", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                CAUSES("Transaction ID reused by the client",
                       "Proxy rewriting the question", "Spoofed response"),
                STEPS("Check for other queries with the same ID and ports",
                      "Check proxies on the path")),
        PROBLEM(RCX_ANOM_CNAME_LOOP, "anomaly.cname_loop", "CNAME loop",
                "CNAME chain returns to a name already seen",
                "Following the CNAME chain in the answer leads back to a "
                "name already in the chain. The alias can never be "
                "resolved.",
                "RFC 1034 §3.6.2", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                CAUSES("Two aliases pointing at each other, often across "
                       "zones"),
                STEPS("Query each name of the chain and fix the alias "
                      "that closes the loop")),
        PROBLEM(RCX_ANOM_CNAME_CHAIN_LONG, "anomaly.cname_chain_long",
                "Long CNAME chain", "Chain longer than rcodex follows",
                "The CNAME or DNAME chain in the answer is longer than the "
                "16 links rcodex follows, so its end was not examined. "
                "Long chains slow resolution, and resolvers give up at "
                "their own limit.",
                "RFC 1034 §3.6.2", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Many nested aliases, e.g. through several CDN "
                       "layers"),
                STEPS("Shorten the chain by pointing aliases closer to "
                      "the final name")),
        PROBLEM(RCX_ANOM_SERVER_COOKIE_MISSING, "anomaly.server_cookie_missing",
                "Server cookie missing",
                "Query had a client cookie, response no server cookie",
                "The query carried a client cookie, but the response has no "
                "server cookie. The server does not implement cookies, or "
                "something on the path removed the option; a client that "
                "expects a cookie discards such a response.",
                "RFC 7873 §5.3", RCX_SEV_NOTE, RCX_GROUP_SECURITY,
                CAUSES("Server without cookie support",
                       "Middlebox stripping EDNS options"),
                STEPS("Check whether the server supports DNS cookies",
                      "Check middleboxes on the path")),
        PROBLEM(RCX_ANOM_CLIENT_COOKIE_MISMATCH,
                "anomaly.client_cookie_mismatch", "Client cookie mismatch",
                "Response's client cookie differs from the query's",
                "The client cookie in the response is not the one the "
                "query sent. The client must discard the response: it may "
                "be spoofed, or a proxy or server mangles the option.",
                "RFC 7873 §5.3", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                CAUSES("Spoofed response", "Proxy rewriting cookies",
                       "Response paired with the wrong query"),
                STEPS("Check proxies on the path",
                      "Check for spoofed responses from other sources")),
        PROBLEM(RCX_ANOM_BADCOOKIE_WITHOUT_COOKIE,
                "anomaly.badcookie_without_cookie", "BADCOOKIE without cookie",
                "BADCOOKIE with no server cookie to retry with",
                "The response is BADCOOKIE but carries no server cookie, so "
                "the client has nothing to retry with. A BADCOOKIE response "
                "must include a COOKIE option with a fresh server cookie.",
                "RFC 7873 §5.2.3", RCX_SEV_WARN, RCX_GROUP_SECURITY,
                CAUSES("Buggy server cookie implementation",
                       "Middlebox stripping EDNS options"),
                STEPS(STEP_WIRE_SENDER, "Check middleboxes on the path")),
        PROBLEM(RCX_ANOM_EDNS_DROPPED, "anomaly.edns_dropped", "EDNS dropped",
                "Query had EDNS, response has none",
                "The query carried an OPT record but the response does not. "
                "The server does not implement EDNS, or something on the "
                "path removed it; the client then falls back to plain DNS "
                "with 512-octet UDP messages.",
                "RFC 6891 §6.1.1, §7", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Server without EDNS support",
                       "Firewall or proxy that strips OPT records"),
                STEPS("Check whether the server supports EDNS (dig "
                      "+edns=0)",
                      "Check firewalls and proxies on the path")),
        PROBLEM(RCX_ANOM_EXTENDED_RCODE_UNKNOWN,
                "anomaly.extended_rcode_unknown", "Unknown response code",
                "Effective response code has no assigned meaning",
                "The effective response code is unassigned, reserved for "
                "private use or reserved, so it has no standard meaning.",
                "RFC 6895 §2.3", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                CAUSES("Buggy or experimental server",
                       "Garbage in the OPT extended-RCODE byte"),
                STEPS(STEP_WIRE_SENDER)),
        PROBLEM(RCX_ANOM_LLMNR_NXDOMAIN, "anomaly.llmnr_nxdomain",
                "LLMNR NXDOMAIN", "LLMNR responder answered NXDOMAIN",
                "An LLMNR response carries RCODE 3 (NXDOMAIN). LLMNR "
                "responders answer only for names they are authoritative "
                "for and must stay silent otherwise; a name error from a "
                "bystander can race the answer of the host that owns the "
                "name.",
                "RFC 4795 §2.1.1", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                CAUSES("LLMNR responder built on a unicast DNS server",
                       "Host that is not the owner of the name answering"),
                STEPS("Identify the responder by the source address and "
                      "fix or turn off its LLMNR service")),
        PROBLEM(RCX_ANOM_MDNS_RCODE, "anomaly.mdns_rcode", "mDNS RCODE",
                "mDNS response with a non-zero RCODE",
                "A multicast DNS response carries a non-zero response "
                "code. mDNS messages must carry RCODE 0, and receivers "
                "silently ignore any other, so the records in this "
                "response are lost to every receiver.",
                "RFC 6762 §18.11", RCX_SEV_WARN, RCX_GROUP_PROTOCOL,
                CAUSES("Responder that applies unicast DNS rules to "
                       "multicast queries",
                       "Unicast DNS server listening on the mDNS port"),
                STEPS("Identify the responder by the source address and "
                      "fix its mDNS implementation")),

/* ---- Observations across messages -------------------------------------- */
#define OBSERVATION(s, k, mn, ti, ex, ref, sev, grp, ca, st)                   \
	[s] = {                                                                \
	        .kind = RCX_KIND_OBSERVATION,                                  \
	        .first = (s)-S_OBS_UNANSWERED,                                 \
	        .last = (s)-S_OBS_UNANSWERED,                                  \
	        .key = k,                                                      \
	        .mnemonic = mn,                                                \
	        .title = ti,                                                   \
	        .explanation = ex,                                             \
	        ca,                                                            \
	        st,                                                            \
	        .reference = ref,                                              \
	        .severity = sev,                                               \
	        .group = grp,                                                  \
	}
        OBSERVATION(
                S_OBS_UNANSWERED, "transaction.unanswered", "Unanswered",
                "Query got no response",
                "No response to the query was seen within the timeout. The "
                "query or its response was lost, the server did not answer, "
                "or the response took a path the capture did not see. "
                "Clients retry and then give up, which users see as a slow "
                "or failed lookup.",
                "RFC 1035 §4.2.1, §7.2", RCX_SEV_ERROR, RCX_GROUP_PROTOCOL,
                CAUSES("Server down, overloaded or rate-limiting responses",
                       "Firewall dropping queries or responses",
                       "Responses routed past the capture point"),
                STEPS("Query the server directly from the client's network "
                      "(dig @server name)",
                      "Check the server's logs and load at that time",
                      "Capture at the server as well, to see whether the "
                      "queries arrive")),
        OBSERVATION(
                S_OBS_ICMP, "transaction.icmp", "ICMP error",
                "ICMP error instead of a DNS response",
                "An ICMP or ICMPv6 error quoting the query came back instead "
                "of a DNS response. Port unreachable means that nothing "
                "listens on the server's port; other codes mean that a "
                "host, router or filter on the path rejected the packet. UDP "
                "passes these errors to the client (RFC 1122 §4.1.3.3), "
                "which usually tries its next server.",
                "RFC 1122 §4.1.3.3, RFC 4443 §3.1", RCX_SEV_ERROR,
                RCX_GROUP_PROTOCOL,
                CAUSES("DNS service not running or not listening on that "
                       "address",
                       "Firewall rejecting the query with an ICMP error",
                       "Wrong server address configured on the client"),
                STEPS("Check that the server listens on that address and "
                      "port (ss -lunp on the server)",
                      "Check firewall rules on the path",
                      "Check the server addresses configured on the "
                      "client")),
        OBSERVATION(
                S_OBS_SLOW, "transaction.slow", "Slow responses",
                "Server responds slowly",
                "The time from query to response, measured at the capture "
                "point, is high for a large share of this server's answers. "
                "For a resolver it includes its own queries to "
                "authoritative servers on cache misses. Slow answers delay "
                "every lookup and make clients retry or time out.",
                "RFC 1035 §7.2", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Cache misses that need slow authoritative servers",
                       "Overloaded server or congested path",
                       "Packet loss causing retries upstream"),
                STEPS("Compare the response time of cached and uncached "
                      "names",
                      "Check the server's load and its own upstream "
                      "response times",
                      "Check the path for packet loss")),
        OBSERVATION(
                S_OBS_INCONSISTENT, "transaction.inconsistent",
                "Inconsistent answers",
                "Same question, different answers from one address",
                "Responses from one server address to the same question "
                "(name, type, class) carried different answer data. This is "
                "expected for records that rotate by design and for a short "
                "time after a change; otherwise it shows that the servers "
                "behind that address, such as anycast instances, serve "
                "different versions of the zone.",
                "RFC 1996 §1.1", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Anycast or load-balanced instances with different "
                       "zone versions",
                       "Zone change not yet on every server",
                       "Records that vary by design (load balancing, "
                       "answers by client location)"),
                STEPS("Ask which instance answers with the NSID option "
                      "(dig +nsid)",
                      "Compare the SOA serial of every instance",
                      "Check NOTIFY and zone transfers from the primary")),
        OBSERVATION(
                S_OBS_FRAGMENTED, "transport.ip_fragmented", "IP fragments",
                "DNS message split into IP fragments",
                "The DNS message was larger than the path allowed and "
                "travelled in IP fragments. Firewalls and NATs often drop "
                "fragments, and a lost fragment loses the whole message: "
                "the client waits for a timeout instead of getting a "
                "truncated answer it could retry over TCP.",
                "RFC 8900 §3, RFC 9715 §3", RCX_SEV_NOTE, RCX_GROUP_PROTOCOL,
                CAUSES("Large responses (DNSSEC, many records) with a large "
                       "EDNS UDP buffer size",
                       "Path MTU smaller than the response"),
                STEPS("Limit the EDNS UDP buffer size of servers and "
                      "resolvers so responses fit the path MTU (RFC 9715: "
                      "1400 octets or less)",
                      "Check that TCP port 53 is open, so truncated "
                      "answers can be retried over TCP")),
        OBSERVATION(
                S_OBS_DAMAGED, "capture.damaged", "Damaged capture",
                "Capture file damaged or cut short",
                "Part of the capture could not be read: the file ends in "
                "the middle of a record, a record is corrupt, or packets "
                "were cut to the snapshot length when captured. The "
                "analysis covers what could be read, so counts can be lower "
                "than what really happened.",
                "IETF draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng",
                RCX_SEV_WARN, RCX_GROUP_MALFORMED,
                CAUSES("Capture stopped abruptly or copied while still "
                       "being written",
                       "Snapshot length smaller than the packets",
                       "File damaged in transfer"),
                STEPS("Capture again with the full snapshot length "
                      "(tcpdump -s 0)",
                      "Check the file with capinfos",
                      "Transfer the file again")),
};

/* The entries that depend on where the value was found, or NULL. */
static const rcx_entry *context_entry(uint32_t code, rcx_code_context ctx)
{
	switch (code) {
	case 4:
		return ctx == RCX_CTX_NOTIFY ? &table[S_RCODE_4_NOTIFY] : NULL;
	case 9:
		if (ctx == RCX_CTX_TSIG || ctx == RCX_CTX_TKEY)
			return &table[S_RCODE_9_TSIG];
		return ctx == RCX_CTX_NOTIFY ? &table[S_RCODE_9_NOTIFY] : NULL;
	case 16:
		if (ctx == RCX_CTX_TKEY)
			return &table[S_RCODE_16_TKEY];
		return &table[ctx == RCX_CTX_TSIG ? S_RCODE_16_TSIG
		                                  : S_RCODE_16];
	case 17:
		return ctx == RCX_CTX_TKEY ? &table[S_RCODE_17_TKEY] : NULL;
	case 18:
		return ctx == RCX_CTX_TKEY ? &table[S_RCODE_18_TKEY] : NULL;
	default:
		return NULL;
	}
}

const rcx_entry *rcx_rcode_entry(uint32_t code, rcx_code_context ctx)
{
	const rcx_entry *in_context = context_entry(code, ctx);

	if (in_context)
		return in_context;
	if (code <= 11)
		return &table[S_RCODE_0 + code];
	if (code <= 15)
		return &table[S_RCODE_12_15];
	if (code <= 23)
		return &table[S_RCODE_17 + (code - 17)];
	if (code <= 3840)
		return &table[S_RCODE_24_3840];
	if (code <= 4095)
		return &table[S_RCODE_3841_4095];
	if (code <= 65534)
		return &table[S_RCODE_4096_65534];
	return &table[S_RCODE_65535];
}

const rcx_entry *rcx_formerr_entry(rcx_formerr_evidence evidence)
{
	switch (evidence) {
	case RCX_FORMERR_EDNS:
		return &table[S_RCODE_1_EDNS];
	case RCX_FORMERR_NO_EDNS:
		return &table[S_RCODE_1_NO_EDNS];
	case RCX_FORMERR_MALFORMED_QUERY:
		return &table[S_RCODE_1_MALFORMED_QUERY];
	case RCX_FORMERR_UNKNOWN:
		break;
	}
	return &table[S_RCODE_0 + 1];
}

const rcx_entry *rcx_ede_entry(uint32_t info_code)
{
	if (info_code <= 30)
		return &table[S_EDE_0 + info_code];
	if (info_code <= 49151)
		return &table[S_EDE_UNASSIGNED];
	return &table[S_EDE_PRIVATE];
}

const rcx_entry *rcx_problem_entry(rcx_problem p)
{
	if (p == RCX_OK || (unsigned)p >= RCX_PROBLEM_COUNT)
		return NULL;
	return &table[S_PROB_1 + (p - 1)];
}

size_t rcx_registry_size(void)
{
	return S_COUNT;
}

const rcx_entry *rcx_registry_at(size_t index)
{
	return index < S_COUNT ? &table[index] : NULL;
}

const rcx_entry *rcx_registry_find(const char *key)
{
	if (!key)
		return NULL;
	for (size_t i = 0; i < S_COUNT; i++)
		if (table[i].key && strcmp(table[i].key, key) == 0)
			return &table[i];
	return NULL;
}
