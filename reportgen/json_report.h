/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON report: one document with every aggregate, for programs and for
 * building findings elsewhere. Its schema is docs/json-schema.md; the
 * document carries "schema_version" and any incompatible change raises it.
 */
#ifndef RCREPORT_JSON_REPORT_H
#define RCREPORT_JSON_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "aggregate.h"

#define RG_JSON_SCHEMA_VERSION 1

/* The whole document as a JSON tree (caller unrefs). agg must be finished.
 */
JsonNode *rg_json_report_build(const rg_aggregate *agg);

/* Write the document, pretty-printed, to out. Returns false on a write
 * error. */
bool rg_json_report_write(const rg_aggregate *agg, FILE *out);

#endif
