# T025: every subcommand has a complete --help, and the manual page
# (docs/cote.1, installed with the binary) documents every subcommand and,
# for all but serve (whose page points to its --help), every option.
. "$(dirname "$0")/lib.sh"
MAN=$COTE_SOURCE_DIR/docs/cote.1
expect_exit 0 "cote --help" "$COTE" --help
cmds=$(sed -n '/^Commands:/,/^$/p' "$TMP/out" | awk 'NF && $1 != "Commands:" {print $1}')
[ -n "$cmds" ] && ok "cote --help lists commands: $(echo $cmds)" || fail "cote --help lists commands"
for c in $cmds; do
    expect_exit 0 "cote $c --help" "$COTE" "$c" --help
    cp "$TMP/out" "$TMP/help-$c"
    expect_grep "... starts with its usage" "^Usage: cote $c" "$TMP/help-$c"
    expect_grep "... states its exit status" "Exit status" "$TMP/help-$c"
    if grep -q "^\.BI \"cote $c " "$MAN"; then ok "cote.1 documents cote $c"; else fail "cote.1 documents cote $c"; fi
    [ "$c" = serve ] && continue
    for opt in $(grep -o -- '--[a-z][a-z-]*' "$TMP/help-$c" | sort -u); do
        [ "$opt" = --help ] && continue
        man_opt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        if grep -q -- "$man_opt" "$MAN"; then ok "cote.1 documents cote $c $opt"; else fail "cote.1 documents cote $c $opt"; fi
    done
done
if command -v groff >/dev/null; then
    if groff -man -Tutf8 -ww -z "$MAN" 2>"$TMP/groff"; then
        if [ -s "$TMP/groff" ]; then fail "cote.1 renders without warnings" "$(head -5 "$TMP/groff")"; else ok "cote.1 renders without warnings"; fi
    else
        fail "cote.1 renders" "$(head -5 "$TMP/groff")"
    fi
fi
finish
