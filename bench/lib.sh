# lib.sh: what the benchmark scripts share (sourced from the repository root).

# bench_setup SCRIPT: installs cote's build dependencies and the peer tools
# (omindex, GNU time), defaults $corpus to bench/data/corpus-$size, and
# generates it with ../shared/bench/make-corpus.py (or $COTE_SHARED) when it
# holds no .txt file.
bench_setup() {
    local shared=${COTE_SHARED:-../shared}
    corpus=${corpus:-bench/data/corpus-$size}
    corpus=${corpus%/}
    # shellcheck source=scripts/deps.sh
    . scripts/deps.sh
    # shellcheck disable=SC2086 # a list of package names
    cote_install_deps $COTE_BUILD_DEPS xapian-omega python3 time
    if ! compgen -G "$corpus/*.txt" >/dev/null; then
        echo "$1: generating a $size corpus into $corpus" >&2
        python3 "$shared/bench/make-corpus.py" --size "$size" --out "$corpus" >&2
    fi
}

# bench_commit: the short commit, "+dirty" when the tree differs from it
# (the results files aside: they change with every run).
bench_commit() {
    local commit
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null; then
        commit="$commit+dirty"
    fi
    echo "$commit"
}
