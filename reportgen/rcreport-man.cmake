# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the rcreport(1) man page from the template and what
# "rcreport --help" prints, so that the page and the help cannot disagree.
#   cmake -DRCREPORT=path/to/rcreport -DTEMPLATE=rcreport.1.in
#         -DOUTPUT=rcreport.1 -DVERSION=x.y.z -P rcreport-man.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var RCREPORT TEMPLATE OUTPUT VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "rcreport-man.cmake: -D${var}=... is required")
  endif()
endforeach()

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 ${RCREPORT} --help
  OUTPUT_VARIABLE help
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${RCREPORT} --help failed (${status})")
endif()

# Text for troff: backslashes and hyphens escaped, and no line starting
# with a control character.
function(troff_text out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# CMake lists split on ';' and treat brackets specially: protect them while
# the help is handled line by line.
string(ASCII 1 semicolon)
string(ASCII 2 open_bracket)
string(ASCII 3 close_bracket)
string(REPLACE ";" "${semicolon}" help "${help}")
string(REPLACE "[" "${open_bracket}" help "${help}")
string(REPLACE "]" "${close_bracket}" help "${help}")
string(REPLACE "\n" ";" lines "${help}")

set(name "")
set(synopsis "")
set(options "")
set(notes "")
set(section "")
foreach(line IN LISTS lines)
  string(REPLACE "${semicolon}" ";" line "${line}")
  string(REPLACE "${open_bracket}" "[" line "${line}")
  string(REPLACE "${close_bracket}" "]" line "${line}")
  if(line MATCHES "^Usage:$")
    set(section usage)
  elseif(line MATCHES "^[A-Za-z ]+ Options:$")
    set(section options)
  elseif(line STREQUAL "")
    if(section STREQUAL "options")
      set(section notes)
    endif()
  elseif(section STREQUAL "usage" AND line MATCHES "^  ([^ ]+) (.*)$")
    # "  rcreport [OPTION…] CAPTURE..."
    set(command "${CMAKE_MATCH_1}")
    set(arguments "${CMAKE_MATCH_2}")
    troff_text(command_t "${command}")
    # GLib prints "OPTION…" only in a UTF-8 locale, "OPTION?" otherwise.
    string(REGEX REPLACE "OPTION(\\?|…)" "OPTION..." arguments "${arguments}")
    troff_text(arguments_t "${arguments}")
    string(REGEX REPLACE "([A-Z][A-Z_]+)" "\\\\fI\\1\\\\fR" arguments_t
           "${arguments_t}")
    set(synopsis ".B ${command_t}\n${arguments_t}")
  elseif(section STREQUAL "usage")
    # the summary after the usage line: "Explain what it does."
    if(NOT line MATCHES "^([A-Z])(.*)\\.$" OR NOT synopsis)
      message(FATAL_ERROR "rcreport --help: unexpected usage line '${line}'")
    endif()
    string(TOLOWER "${CMAKE_MATCH_1}" first)
    troff_text(summary_t "${first}${CMAKE_MATCH_2}")
    set(name "${command_t} \\- ${summary_t}")
  elseif(section STREQUAL "options")
    # "  -f, --format=FORMAT       Output: ..." or "  --top=N   Items ..."
    if(NOT line MATCHES "^  (-[^ ,], )?(--[^ =]+)(=[^ ]+)?  +(.*)$")
      message(FATAL_ERROR "rcreport --help: unexpected option line '${line}'")
    endif()
    set(short "${CMAKE_MATCH_1}")
    set(long "${CMAKE_MATCH_2}")
    set(argument "${CMAKE_MATCH_3}")
    set(text "${CMAKE_MATCH_4}")
    troff_text(long_t "${long}")
    set(item "\\fB${long_t}\\fR")
    if(short)
      string(REGEX REPLACE ", $" "" short "${short}")
      troff_text(short_t "${short}")
      set(item "\\fB${short_t}\\fR, ${item}")
    endif()
    if(argument)
      string(SUBSTRING "${argument}" 1 -1 argument)
      troff_text(argument_t "${argument}")
      set(item "${item}=\\fI${argument_t}\\fR")
    endif()
    troff_text(text_t "${text}")
    string(APPEND options ".TP\n${item}\n${text_t}\n")
  elseif(section STREQUAL "notes")
    troff_text(note_t "${line}")
    string(APPEND notes ".PP\n${note_t}\n")
  endif()
endforeach()

if(NOT name OR NOT options)
  message(FATAL_ERROR "rcreport --help printed no usage line or no options")
endif()

file(READ "${TEMPLATE}" page)
string(REPLACE "@VERSION@" "${VERSION}" page "${page}")
string(REPLACE "@NAME@" "${name}" page "${page}")
string(REPLACE "@SYNOPSIS@" "${synopsis}" page "${page}")
string(REPLACE "@OPTIONS@\n" "${options}" page "${page}")
string(REPLACE "@HELP_NOTES@\n" "${notes}" page "${page}")
file(WRITE "${OUTPUT}" "${page}")
