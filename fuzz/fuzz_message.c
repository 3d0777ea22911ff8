/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness over the core: parse, diagnose (alone and with a
 * query), summarise and print every name. The first input octet chooses
 * whether the rest is one message or a query/response pair.
 */
#include <stddef.h>
#include <stdint.h>

#include "rcodex/rcodex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(const rcx_message *msg, const rcx_diagnosis *diag)
{
	char text[RCX_NAME_TEXT_MAX];
	char line[512];

	rcx_diagnosis_summary(diag, msg, line, sizeof(line));
	(void)rcx_diagnosis_tag(diag);
	for (uint16_t i = 0; i < msg->n_questions; i++)
		rcx_name_to_text(msg->wire, msg->length, msg->questions[i].name,
		                 text, sizeof(text));
	for (uint16_t i = 0; i < msg->n_rrs; i++)
		rcx_name_to_text(msg->wire, msg->length, msg->rrs[i].owner,
		                 text, sizeof(text));
	for (uint8_t i = 0; i < diag->chain_length; i++)
		rcx_name_to_text(msg->wire, msg->length, diag->chain_targets[i],
		                 text, sizeof(text));
	for (uint8_t i = 0; i < diag->n_advice; i++)
		(void)diag->advice[i][0];
	if (msg->tsig.present)
		rcx_name_to_text(msg->wire, msg->length, msg->tsig.key_name,
		                 text, sizeof(text));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static rcx_message query, response;
	static rcx_diagnosis diag;

	if (size < 1)
		return 0;
	if ((data[0] & 1) == 0 || size < 3) {
		rcx_message_parse(&response, data + 1, size - 1);
		rcx_diagnose(&diag, &response, NULL);
		exercise(&response, &diag);
		return 0;
	}
	size_t split = 1 + (size - 1) * data[1] / 256;
	rcx_message_parse(&query, data + 1, split - 1);
	rcx_message_parse(&response, data + split, size - split);
	rcx_diagnose(&diag, &query, NULL);
	rcx_diagnose(&diag, &response, &query);
	exercise(&response, &diag);
	return 0;
}
