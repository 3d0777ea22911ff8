# SPDX-License-Identifier: GPL-2.0-or-later
# Analysis stages of rcreport: transactions, aggregates, outputs, and the
# command line.
add_library(rcreport_analysis STATIC
  ${CMAKE_CURRENT_SOURCE_DIR}/big_table.c
  ${CMAKE_CURRENT_SOURCE_DIR}/transactions.c
  ${CMAKE_CURRENT_SOURCE_DIR}/aggregate.c
  ${CMAKE_CURRENT_SOURCE_DIR}/output_file.c
  ${CMAKE_CURRENT_SOURCE_DIR}/jsonl_report.c
  ${CMAKE_CURRENT_SOURCE_DIR}/json_report.c
  ${CMAKE_CURRENT_SOURCE_DIR}/findings.c
  ${CMAKE_CURRENT_SOURCE_DIR}/summary_lead.c
  ${CMAKE_CURRENT_SOURCE_DIR}/terminal_summary.c
  ${CMAKE_CURRENT_SOURCE_DIR}/markdown_report.c
  ${CMAKE_CURRENT_SOURCE_DIR}/safe_text.c)
target_include_directories(rcreport_analysis PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(rcreport_analysis PUBLIC rcodex PkgConfig::JSONGLIB PkgConfig::GLIB)

if(TARGET rcreport_input)
  add_executable(rcreport ${CMAKE_CURRENT_SOURCE_DIR}/rcreport.c)
  target_link_libraries(rcreport PRIVATE rcreport_analysis rcreport_input PkgConfig::GCRYPT)
  if(TARGET rcreport_html)
    target_link_libraries(rcreport PRIVATE rcreport_html)
    target_compile_definitions(rcreport PRIVATE RCREPORT_WITH_HTML=1)
  endif()
  install(TARGETS rcreport RUNTIME DESTINATION bin COMPONENT rcreport)

  # rcreport(1), written from the template and "rcreport --help".
  set(rcreport_man ${CMAKE_CURRENT_BINARY_DIR}/rcreport.1)
  add_custom_command(OUTPUT ${rcreport_man} ${rcreport_man}.gz
    COMMAND ${CMAKE_COMMAND} -DRCREPORT=$<TARGET_FILE:rcreport>
            -DTEMPLATE=${CMAKE_CURRENT_SOURCE_DIR}/rcreport.1.in
            -DOUTPUT=${rcreport_man} -DVERSION=${PROJECT_VERSION}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/rcreport-man.cmake
    COMMAND gzip -9nf -k ${rcreport_man}
    DEPENDS rcreport ${CMAKE_CURRENT_SOURCE_DIR}/rcreport.1.in
            ${CMAKE_CURRENT_SOURCE_DIR}/rcreport-man.cmake
    COMMENT "Writing the rcreport(1) man page from rcreport --help")
  add_custom_target(rcreport_man_page ALL DEPENDS ${rcreport_man}.gz)
  install(FILES ${rcreport_man}.gz DESTINATION share/man/man1 COMPONENT rcreport)
endif()
