#!/usr/bin/env bash
# Lints the contract a running instance serves with Spectral (spectral:oas + the OWASP ruleset, .spectral.yaml) and
# Redocly (recommended, redocly.yaml). docs/api.md "The contract".
#   src/contract/lint.sh                          the instance on http://localhost:8080
#   src/contract/lint.sh http://localhost:18080   another one
#   src/contract/lint.sh target/openapi.json      a document already fetched
# The linters are installed once in ${LINT_TOOLS:-$HOME/.cache/backoffice-contract-lint} (npm). Exits non-zero
# when either reports an error.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
source="${1:-http://localhost:8080}"
tools="${LINT_TOOLS:-$HOME/.cache/backoffice-contract-lint}"

if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  mkdir -p "$tools"
  (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-fund --no-audit @stoplight/spectral-cli @stoplight/spectral-owasp-ruleset @redocly/cli >/dev/null)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -f "$source" ]; then
  cp "$source" "$work/openapi.json"
else
  curl -sf "$source/q/openapi?format=json" -o "$work/openapi.json"
fi
# the ruleset's extends are resolved from where it lies: next to the installed packages
cp "$repo/.spectral.yaml" "$tools/.spectral.yaml"

status=0
echo "== Spectral (spectral:oas, OWASP)"
(cd "$tools" && npx --no-install spectral lint -r .spectral.yaml "$work/openapi.json") || status=1
echo "== Redocly (recommended)"
(cd "$repo" && "$tools/node_modules/.bin/redocly" lint --config "$repo/redocly.yaml" "$work/openapi.json") || status=1
exit $status
