/* SPDX-License-Identifier: GPL-2.0-or-later */
/* librcodex: parse one DNS message and say what its response code means. */
#ifndef RCODEX_RCODEX_H
#define RCODEX_RCODEX_H

#include "rcodex/diagnosis.h"
#include "rcodex/message.h"
#include "rcodex/name.h"
#include "rcodex/problem.h"
#include "rcodex/registry.h"
#include "rcodex/wire.h"

#define RCODEX_VERSION "0.1.0"

const char *rcx_version(void);

#endif
