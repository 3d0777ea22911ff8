# SPDX-License-Identifier: GPL-2.0-or-later
# The HTML report and its SVG charts.
add_library(rcreport_html STATIC
  ${CMAKE_CURRENT_SOURCE_DIR}/svg_chart.c
  ${CMAKE_CURRENT_SOURCE_DIR}/html_report.c)
target_include_directories(rcreport_html PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(rcreport_html PUBLIC rcodex PkgConfig::LIBXML2
  PkgConfig::GLIB rcreport_analysis m)
