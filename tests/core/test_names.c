/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Name decoding, RFC 1035 §3.1 and §4.1.4. */
#include <glib.h>
#include <string.h>

#include "rcodex/rcodex.h"

static void root_name_is_a_dot(void)
{
	const uint8_t wire[] = {0};
	char text[RCX_NAME_TEXT_MAX];
	g_assert_cmpint(rcx_name_to_text(wire, 1, 0, text, sizeof(text)), ==,
	                RCX_OK);
	g_assert_cmpstr(text, ==, ".");
}

static void compressed_name_follows_backward_pointer(void)
{
	/* "example" at 0, then "www" + pointer to 0 at 9. */
	const uint8_t wire[] = {7, 'e', 'x', 'a', 'm', 'p',  'l', 'e',
	                        0, 3,   'W', 'w', 'W', 0xC0, 0x00};
	char text[RCX_NAME_TEXT_MAX];
	uint32_t next;
	uint8_t flat[RCX_NAME_MAX];
	size_t flat_length;
	g_assert_cmpint(
	        rcx_name_walk(wire, sizeof(wire), 9, &next, flat, &flat_length),
	        ==, RCX_OK);
	g_assert_cmpuint(next, ==, 15);
	g_assert_cmpuint(flat_length, ==, 13);
	g_assert_cmpint(memcmp(flat, "\003www\007example", 13), ==, 0);
	rcx_name_to_text(wire, sizeof(wire), 9, text, sizeof(text));
	g_assert_cmpstr(text, ==, "WwW.example");
	g_assert_true(rcx_name_equal(wire, sizeof(wire), 9, 9));
}

static void names_compare_without_case(void)
{
	const uint8_t wire[] = {1, 'A', 0, 1, 'a', 0, 1, 'b', 0};
	g_assert_true(rcx_name_equal(wire, sizeof(wire), 0, 3));
	g_assert_false(rcx_name_equal(wire, sizeof(wire), 0, 6));
}

/* Hostile octets are escaped so no caller ever prints them raw. */
static void unprintable_dot_and_backslash_are_escaped(void)
{
	const uint8_t wire[] = {6, '<', 0x00, '.', '\\', 0xFF, ' ', 0};
	char text[RCX_NAME_TEXT_MAX];
	rcx_name_to_text(wire, sizeof(wire), 0, text, sizeof(text));
	g_assert_cmpstr(text, ==, "<\\000\\.\\\\\\255\\032");
}

static void malformed_name_text_says_so(void)
{
	const uint8_t wire[] = {0xC0, 0x00};
	char text[RCX_NAME_TEXT_MAX];
	g_assert_cmpint(
	        rcx_name_to_text(wire, sizeof(wire), 0, text, sizeof(text)), ==,
	        RCX_PROB_NAME_BAD_POINTER);
	g_assert_cmpstr(text, ==, "<malformed>");
}

static void longest_legal_name_fits_text_buffer(void)
{
	uint8_t wire[255];
	char text[RCX_NAME_TEXT_MAX];
	size_t pos = 0;
	for (int l = 0; l < 4; l++) {
		uint8_t len = l < 3 ? 63 : 61;
		wire[pos++] = len;
		memset(wire + pos, 0xFF, len);
		pos += len;
	}
	wire[pos++] = 0;
	g_assert_cmpuint(pos, ==, 255);
	g_assert_cmpint(rcx_name_to_text(wire, pos, 0, text, sizeof(text)), ==,
	                RCX_OK);
	g_assert_cmpuint(strlen(text), ==, 250 * 4 + 3);
}

static void small_text_buffer_is_not_overrun(void)
{
	const uint8_t wire[] = {3,   'w', 'w', 'w', 7,   'e', 'x',
	                        'a', 'm', 'p', 'l', 'e', 0};
	char text[8];
	memset(text, 'Z', sizeof(text));
	rcx_name_to_text(wire, sizeof(wire), 0, text, 6);
	g_assert_cmpint(text[5], ==, '\0');
	g_assert_cmpint(text[6], ==, 'Z');
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define T(fn) g_test_add_func("/names/" #fn, fn)
	T(root_name_is_a_dot);
	T(compressed_name_follows_backward_pointer);
	T(names_compare_without_case);
	T(unprintable_dot_and_backslash_are_escaped);
	T(malformed_name_text_says_so);
	T(longest_legal_name_fits_text_buffer);
	T(small_text_buffer_is_not_overrun);
	return g_test_run();
}
