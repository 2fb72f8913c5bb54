# T050: the relevance cases of ../shared/eval/queries.tsv, through the binary.
# Every case must pass (the cases are examples of what researchers type; other
# phrasings of the same needs are checked by T030 and T040). Skipped (77) when
# ../shared is not beside the repository.
set -u
: "${COTE:?}" "${COTE_SOURCE_DIR:?}" "${COTE_TEST_TMP:?}"
EVAL=$COTE_SOURCE_DIR/../shared/eval
if [ ! -f "$EVAL/run-eval.py" ]; then
    echo "skipped: no $EVAL/run-eval.py"
    exit 77
fi
rm -rf "$COTE_TEST_TMP" && mkdir -p "$COTE_TEST_TMP"
"$COTE" index --db "$COTE_TEST_TMP/db" "$COTE_SOURCE_DIR/corpus" || exit 1
python3 "$EVAL/run-eval.py" --verbose --cote "$COTE" --db "$COTE_TEST_TMP/db" "$EVAL/queries.tsv"
