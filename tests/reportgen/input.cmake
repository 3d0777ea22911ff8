# SPDX-License-Identifier: GPL-2.0-or-later
# Tests of the rcreport input stages (capture reading and decoding).
if(TARGET rcreport_input)
  add_executable(test_input_dump ${CMAKE_CURRENT_SOURCE_DIR}/test_input_dump.c)
  target_link_libraries(test_input_dump PRIVATE rcreport_input)
  add_executable(test_input_gen_capture ${CMAKE_SOURCE_DIR}/bench/gen_capture.c)


  add_executable(test_input_units ${CMAKE_CURRENT_SOURCE_DIR}/test_input_units.c)
  target_link_libraries(test_input_units PRIVATE rcreport_input)
  add_test(NAME reportgen.input_units COMMAND test_input_units)
  find_program(EDITCAP_EXECUTABLE editcap)
  find_program(TSHARK_EXECUTABLE tshark)

  add_test(NAME reportgen.input_formats
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/test_input.sh
      $<TARGET_FILE:test_input_dump> $<TARGET_FILE:test_input_gen_capture>
      ${EDITCAP_EXECUTABLE} ${TSHARK_EXECUTABLE} ${CMAKE_SOURCE_DIR}/samples)
endif()
