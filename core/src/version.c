/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "rcodex/rcodex.h"

const char *rcx_version(void)
{
	return RCODEX_VERSION;
}
