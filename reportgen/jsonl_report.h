/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON Lines output: one object per transaction, written as each
 * transaction finishes, so that memory stays flat however long the capture
 * is. The keys are documented in docs/json-schema.md ("Transaction object").
 */
#ifndef RCREPORT_JSONL_REPORT_H
#define RCREPORT_JSONL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "transactions.h"

/* Add one transaction object to b (where a value is expected). */
void rg_json_add_transaction(JsonBuilder *b, const rg_transaction *t);

typedef struct rg_jsonl rg_jsonl;

rg_jsonl *rg_jsonl_new(FILE *out);

/* Write t as one line. An rg_transaction_callback (user is the rg_jsonl).
 */
void rg_jsonl_write(const rg_transaction *t, void *jsonl);

/* Lines written so far. */
uint64_t rg_jsonl_count(const rg_jsonl *jsonl);

void rg_jsonl_free(rg_jsonl *jsonl);

#endif
