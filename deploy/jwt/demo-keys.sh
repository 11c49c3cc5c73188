#!/usr/bin/env bash
# Creates the demo key pair the docker compose deployment trusts (deploy/jwt/demo-private.pem, demo-public.pem), once:
# the pair is generated on each machine and never committed (.gitignore). Needs openssl.
set -euo pipefail
dir=$(dirname "$0")
if [ ! -f "$dir/demo-private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/demo-private.pem" 2>/dev/null
  openssl pkey -in "$dir/demo-private.pem" -pubout -out "$dir/demo-public.pem"
fi
