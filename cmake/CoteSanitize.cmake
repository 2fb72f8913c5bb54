# COTE_SANITIZE=address,undefined turns sanitizers on for every target (compile and link).
if(COTE_SANITIZE)
  set(_san -fsanitize=${COTE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${_san})
  add_link_options(${_san})
  message(STATUS "cote: sanitizers ${COTE_SANITIZE}")
endif()
