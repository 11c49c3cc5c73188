#!/usr/bin/env bash
# Lints the contract with Spectral (spectral:oas + the OWASP ruleset, .spectral.yaml) and Redocly (recommended,
# redocly.yaml). docs/api.md "The contract".
#   src/contract/lint.sh                              the committed contract, src/contract/openapi.yaml
#   src/contract/lint.sh http://localhost:8080        the one a running instance serves
#   src/contract/lint.sh target/openapi.json          a document already fetched
# The linters, at the versions pinned below, are installed once with npm in
# ${LINT_TOOLS:-$HOME/.cache/backoffice-contract-lint}/<versions> and reused from there. Exits non-zero when either
# reports an error (warnings are listed, and do not fail).
set -euo pipefail

SPECTRAL_CLI=6.16.3
SPECTRAL_OWASP=2.0.1
REDOCLY_CLI=2.77.0

repo="$(cd "$(dirname "$0")/../.." && pwd)"
source="${1:-$repo/src/contract/openapi.yaml}"
tools="${LINT_TOOLS:-$HOME/.cache/backoffice-contract-lint}/spectral-$SPECTRAL_CLI-owasp-$SPECTRAL_OWASP-redocly-$REDOCLY_CLI"

if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  echo "== Installing the linters in $tools (once)"
  mkdir -p "$tools"
  (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-fund --no-audit --save-exact "@stoplight/spectral-cli@$SPECTRAL_CLI" \
      "@stoplight/spectral-owasp-ruleset@$SPECTRAL_OWASP" "@redocly/cli@$REDOCLY_CLI" >/dev/null)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -f "$source" ]; then
  document="$work/openapi.${source##*.}"
  cp "$source" "$document"
else
  document="$work/openapi.json"
  curl -sf "$source/q/openapi?format=json" -o "$document"
fi
# the ruleset's extends are resolved from where it lies: next to the installed packages
cp "$repo/.spectral.yaml" "$tools/.spectral.yaml"

status=0
echo "== Spectral $SPECTRAL_CLI (spectral:oas, OWASP $SPECTRAL_OWASP)"
(cd "$tools" && node_modules/.bin/spectral lint --fail-severity error -r .spectral.yaml "$document") || status=1
echo "== Redocly $REDOCLY_CLI (recommended)"
(cd "$repo" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint --config "$repo/redocly.yaml" "$document") || status=1
exit $status
