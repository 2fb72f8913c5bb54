# cote_embed_assets(OUT_C OUT_VAR FILES...) turns web assets into a C source holding
# a table {name, content type, bytes, length}. The server serves only what is in that
# table: asset names are never joined into a filesystem path.
function(cote_embed_assets out_c)
  set(files ${ARGN})
  # '|' rather than ';' between files: a ';' would split the shell command.
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${out_c}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_c} "-DFILES=${joined}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    COMMENT "Embedding web assets"
    VERBATIM)
endfunction()
