# Warning flags and symbol visibility, decided once for every target.
set(COTE_C_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual -Wnull-dereference)
set(COTE_CXX_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wformat=2)
if(COTE_WERROR)
  list(APPEND COTE_C_WARNINGS -Werror)
  list(APPEND COTE_CXX_WARNINGS -Werror)
endif()
add_compile_options(
  "$<$<COMPILE_LANGUAGE:C>:${COTE_C_WARNINGS}>"
  "$<$<COMPILE_LANGUAGE:CXX>:${COTE_CXX_WARNINGS}>")
set(CMAKE_C_VISIBILITY_PRESET hidden)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
