# Sourced by scripts/build and scripts/test: the Debian packages verimeter needs, installed when
# missing (apt-get as root, or through sudo).
VERIMETER_APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config clang
  libsodium-dev nlohmann-json3-dev libsqlite3-dev libboost-dev libcli11-dev libspdlog-dev libfmt-dev
  libpcre2-dev libgmp-dev libtomlplusplus-dev libsimdjson-dev libpq-dev libssl-dev libjemalloc-dev
  golang-go golang-golang-x-mod-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm
)

verimeter_install_deps() {
  local missing=()
  for p in "${VERIMETER_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # node/npm may come from outside Debian's packages: accept any working node >= 18.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local filtered=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
    missing=("${filtered[@]}")
  fi
  ((${#missing[@]} == 0)) && return 0
  echo "scripts: installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
