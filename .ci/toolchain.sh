# Sourced by .ci/run, .ci/test and .ci/dev: installs what a fresh Debian machine lacks
# (redis-server, chromium, firefox-esr, openssl; node >= 22.18 from npm; pnpm), puts it on PATH and
# installs the workspace's dependencies.
set -euo pipefail
VENEER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VENEER_ROOT
cd "$VENEER_ROOT"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
# redis-cli starts the Redis Cluster of tests/integration/redis-cluster.test.ts.
command -v redis-cli >/dev/null || missing+=(redis-tools)
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v openssl >/dev/null || missing+=(openssl)
# Tests render text into images (OCR) with this font.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "toolchain: installing ${missing[*]} from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_ok() {
  command -v node >/dev/null && node -e '
    const [a, b] = process.versions.node.split(".").map(Number);
    process.exit(a > 22 || (a === 22 && b >= 18) ? 0 : 1)'
}
local_node="$VENEER_ROOT/.tools/node/node_modules/node-linux-$( [ "$(uname -m)" = aarch64 ] && echo arm64 || echo x64 )/bin"
if [ -x "$local_node/node" ]; then export PATH="$local_node:$PATH"; fi
if ! node_ok; then
  echo "toolchain: node $(node --version 2>/dev/null || echo missing) is too old; installing node 24 from npm"
  npm i --silent --no-audit --no-fund --prefix "$VENEER_ROOT/.tools/node" "node-linux-$( [ "$(uname -m)" = aarch64 ] && echo arm64 || echo x64 )@24"
  export PATH="$local_node:$PATH"
fi

PNPM_VERSION=12.21.0
if [ -x "$VENEER_ROOT/.tools/pnpm/node_modules/.bin/pnpm" ]; then export PATH="$VENEER_ROOT/.tools/pnpm/node_modules/.bin:$PATH"; fi
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "toolchain: installing pnpm $PNPM_VERSION"
  npm i --silent --no-audit --no-fund --prefix "$VENEER_ROOT/.tools/pnpm" "pnpm@$PNPM_VERSION"
  export PATH="$VENEER_ROOT/.tools/pnpm/node_modules/.bin:$PATH"
fi

echo "toolchain: node $(node --version), pnpm $(pnpm --version), $(redis-server --version | cut -d' ' -f1-3), $(chromium --version), $(firefox-esr --version)"
pnpm install --frozen-lockfile --reporter=silent
