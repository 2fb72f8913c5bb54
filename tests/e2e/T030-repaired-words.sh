# T030: words as printed in the seed documents are found whatever the PDF
# did to them (split by a stray space, cut by a line-end hyphen, glued to a
# footnote number) and however they are typed (accents or not, elided or not).
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
expect_exit 0 "index corpus/" "$COTE" index --db "$DB" "$COTE_SOURCE_DIR/corpus"

# found: QUERY and the seed (first 3 characters of its file name) that must be in the hits
found() {
    local q=$1 seed=$2
    local got=0
    "$COTE" search --db "$DB" --json --limit 20 "$q" >"$TMP/out" 2>"$TMP/err" || got=$?
    if [ "$got" = 0 ] && python3 - "$TMP/out" "$seed" <<'PY'
import json, os, sys
hits = json.load(open(sys.argv[1], encoding="utf-8"))["hits"]
sys.exit(0 if any(os.path.basename(h["file"]).startswith(sys.argv[2]) for h in hits) else 1)
PY
    then ok "'$q' finds seed $seed"; else fail "'$q' finds seed $seed" "exit $got: $(head -c 300 "$TMP/out")"; fi
}

# split by stray spaces in seed 004 (autonomisat ion, Consei l, Préside n t, Secrétai re...)
found autonomisation 004
found "Conseil de sécurité" 004
found "déclaration du Président" 004
found "Secrétaire général de l'Organisation" 004
found "soixante-dix-septième" 004
found "vice-versa" 004
found "intermédiaire" 004
# split in seeds 001 and 002
found renforcement 001
found statistiques 001
found "format Normandie" 002
# line-end hyphens kept as compounds
found "Asie-Pacifique" 001
found "ONU-Habitat" 001
found "Plan-cadre" 004
found "mi-parcours" 004
# glued footnote numbers: 1967 and 2008 are years again
found '"8 août 1967"' 004
found '"15 décembre 2008"' 004
found '"Sud-Est, consacrés"' 004
# accents, case and elision as typed
found "securite regionale" 002
found "SÉCURITÉ" 002
found "l'autonomisation" 004
found "d’autonomisation" 004
found "Association des nations de l’Asie du Sud-Est" 004
# page furniture is out of the text flow: a phrase across a page break is found
found '"triangulaire en 2019, à la demande des gouvernements"' 001

finish
