# cote_add_test(NAME SOURCES f.c... LIBS lib... LABELS l...)
#   builds a test executable and registers it with ctest under the given labels.
# cote_add_script_test(NAME SCRIPT path LABELS l...)
#   registers a shell test; it gets COTE (the binary), SHARED and the source dir in its environment.
function(cote_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}"
    ENVIRONMENT "COTE_SOURCE_DIR=${PROJECT_SOURCE_DIR};COTE_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp")
endfunction()

function(cote_add_script_test name)
  cmake_parse_arguments(T "" "SCRIPT" "LABELS" ${ARGN})
  add_test(NAME ${name} COMMAND bash ${T_SCRIPT})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 600
    ENVIRONMENT "COTE=$<TARGET_FILE:cote>;COTE_SOURCE_DIR=${PROJECT_SOURCE_DIR};COTE_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp/${name}")
endfunction()
