#!/usr/bin/env bash
# Mints a demo bearer token accepted by the docker compose deployment (and only by it):
#   deploy/jwt/mint-token.sh ROLE [UNIT] [SUB]      e.g. deploy/jwt/mint-token.sh agent PAR-01
# Roles: front-office, agent, supervisor, auditor, admin. Needs bash and openssl.
# JWT_PRIVATE_KEY, JWT_ISSUER and JWT_AUDIENCE override the demo key, issuer and audience (the benchmark uses its
# own pair and issuer; a service without MP_JWT_VERIFY_AUDIENCES ignores aud).
set -euo pipefail
role=${1:?usage: mint-token.sh ROLE [UNIT] [SUB]}
unit=${2:-PAR-01}
sub=${3:-demo-$role}
if [ -z "${JWT_PRIVATE_KEY:-}" ]; then "$(dirname "$0")/demo-keys.sh"; fi
key=${JWT_PRIVATE_KEY:-"$(dirname "$0")/demo-private.pem"}
issuer=${JWT_ISSUER:-https://idp.backoffice.demo}
audience=${JWT_AUDIENCE:-https://backoffice.demo/api}
now=$(date +%s)

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","aud":"%s","sub":"%s","groups":["%s"],"unit":"%s","iat":%d,"exp":%d}' \
  "$issuer" "$audience" "$sub" "$role" "$unit" "$now" "$((now + 43200))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
