# cote_embed_assets(OUT_C FILES...) turns web assets into a C source holding
# a table {name, content type, bytes, length} named cote_assets (see web/assets.h).
# The server serves only what is in that table: asset names are never joined
# into a filesystem path.
# cote_embed_table(OUT_C TABLE HEADER FILES...) does the same for another table
# (data files the indexer needs, so the binary never looks for them on disk).
function(cote_embed_assets out_c)
  cote_embed_table(${out_c} cote_assets assets.h ${ARGN})
endfunction()

function(cote_embed_table out_c table header)
  set(files ${ARGN})
  # '|' rather than ';' between files: a ';' would split the shell command.
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${out_c}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_c} -DTABLE=${table} -DHEADER=${header} "-DFILES=${joined}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    COMMENT "Embedding ${table}"
    VERBATIM)
endfunction()
