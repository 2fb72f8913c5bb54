# deps.sh: the Debian 12 packages cote needs, installed when missing (sourced
# by setup.sh, test.sh and .ci/run). Runs apt-get through sudo when not root.
COTE_BUILD_DEPS="build-essential cmake pkg-config libxapian-dev libicu-dev libmicrohttpd-dev libjansson-dev libhunspell-dev libpoppler-glib-dev hunspell-fr-comprehensive libgoogle-perftools-dev libzstd-dev"
COTE_TEST_DEPS="python3 curl xapian-tools chromium clang libclang-rt-14-dev"

cote_install_deps() {
    local missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "cote: installing$missing" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}
