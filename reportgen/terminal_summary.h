/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The terminal summary: capture facts, the response-code distribution and
 * the top problems in plain words, with the frames to look at.
 */
#ifndef RCREPORT_TERMINAL_SUMMARY_H
#define RCREPORT_TERMINAL_SUMMARY_H

#include <stdio.h>

#include "aggregate.h"

/* Write the summary of a finished aggregate to out. */
void rg_terminal_summary(const rg_aggregate *agg, FILE *out);

#endif
