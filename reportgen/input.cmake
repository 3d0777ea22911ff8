# SPDX-License-Identifier: GPL-2.0-or-later
# Input stages of rcreport: capture reading (wiretap), link/IP/UDP/TCP
# decoding (link layers and tunnels unwrapped), IP fragment and TCP stream
# reassembly.
add_library(rcreport_input STATIC
  ${CMAKE_CURRENT_SOURCE_DIR}/capture_reader.c
  ${CMAKE_CURRENT_SOURCE_DIR}/input_stream.c
  ${CMAKE_CURRENT_SOURCE_DIR}/packet_decode.c
  ${CMAKE_CURRENT_SOURCE_DIR}/encapsulation.c
  ${CMAKE_CURRENT_SOURCE_DIR}/ip_reassembly.c
  ${CMAKE_CURRENT_SOURCE_DIR}/tcp_reassembly.c)
target_include_directories(rcreport_input PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}
  ${Wireshark_INCLUDE_DIR})
# libgcrypt (a wiretap dependency) hashes the captures for the report.
pkg_check_modules(GCRYPT REQUIRED IMPORTED_TARGET libgcrypt)
target_link_libraries(rcreport_input PUBLIC wiretap wsutil PkgConfig::GLIB
  PkgConfig::GCRYPT)
