#!/bin/sh
# azd preprovision hook (POSIX sh). Makes sure the azd environment holds the partner API
# credentials and the token-signing key, generating each value only the first time:
#
#   RECEIVABLES_CLIENT_ID           partner client id (UUID v4)
#   RECEIVABLES_PARTNER_ID          partner id (UUID v4)
#   RECEIVABLES_CLIENT_SECRET       client secret, 32 random bytes, base64url (stays on this machine)
#   RECEIVABLES_CLIENT_SECRET_HASH  "sha256:" + lowercase hex SHA-256 of the secret (goes to Key Vault)
#   RECEIVABLES_SIGNING_KEY         token-signing key, 48 random bytes, base64url (goes to Key Vault)
#
# Idempotent: a value already present (in the azd environment, or in the process environment,
# e.g. CI variables/secrets set by `azd pipeline config`) is kept, never rotated. To rotate one,
# run `azd env set NAME ""` and provision again.
set -eu

if ! command -v openssl >/dev/null 2>&1; then
  echo "preprovision: openssl is required to generate credentials" >&2
  exit 1
fi

# URL-safe base64 of N random bytes, without padding or newlines.
random_base64url() {
  openssl rand -base64 "$1" | tr -d '\n=' | tr '+/' '-_'
}

# RFC 4122 version-4 UUID from 16 random bytes.
random_uuid() {
  h=$(openssl rand -hex 16)
  variant=$(printf '%x' $(( (0x$(printf '%s' "$h" | cut -c17) & 3) | 8 )))
  printf '%s-%s-4%s-%s%s-%s\n' \
    "$(printf '%s' "$h" | cut -c1-8)" \
    "$(printf '%s' "$h" | cut -c9-12)" \
    "$(printf '%s' "$h" | cut -c14-16)" \
    "$variant" \
    "$(printf '%s' "$h" | cut -c18-20)" \
    "$(printf '%s' "$h" | cut -c21-32)"
}

# Lowercase hex SHA-256 of stdin.
sha256_hex() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 | cut -d' ' -f1
  else
    openssl dgst -sha256 -r | cut -d' ' -f1
  fi
}

# Current value of variable $1 (empty when unset).
current() {
  eval "printf '%s' \"\${$1:-}\""
}

# ensure NAME GENERATOR...: keep NAME's value or generate one, then store it in the azd env.
ensure() {
  name=$1
  shift
  value=$(current "$name")
  if [ -z "$value" ]; then
    value=$("$@")
    echo "preprovision: generated $name"
  fi
  azd env set "$name" "$value" >/dev/null
  eval "$name=\$value"
}

ensure RECEIVABLES_CLIENT_ID random_uuid
ensure RECEIVABLES_PARTNER_ID random_uuid
ensure RECEIVABLES_CLIENT_SECRET random_base64url 32
ensure RECEIVABLES_SIGNING_KEY random_base64url 48

if [ "${#RECEIVABLES_SIGNING_KEY}" -lt 32 ]; then
  echo "preprovision: RECEIVABLES_SIGNING_KEY must be at least 32 characters" >&2
  exit 1
fi

# Derived, so recomputed every time (deterministic, never drifts from the secret).
hash="sha256:$(printf '%s' "$RECEIVABLES_CLIENT_SECRET" | sha256_hex)"
azd env set RECEIVABLES_CLIENT_SECRET_HASH "$hash" >/dev/null

echo "preprovision: partner client id $RECEIVABLES_CLIENT_ID (secret: azd env get-value RECEIVABLES_CLIENT_SECRET)"
