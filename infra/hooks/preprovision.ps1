#!/usr/bin/env pwsh
# azd preprovision hook (PowerShell 7+). Same contract as preprovision.sh: makes sure the azd
# environment holds the partner API credentials and the token-signing key, generating each
# value only the first time:
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
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function New-Base64UrlSecret([int] $byteCount) {
    $bytes = [byte[]]::new($byteCount)
    # Instance GetBytes(byte[]): the static Fill(Span<byte>) cannot be called from PowerShell.
    $rng = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    try {
        $rng.GetBytes($bytes)
    }
    finally {
        $rng.Dispose()
    }
    return [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
}

function New-Uuid {
    # Guid.NewGuid() is a random (version 4) UUID.
    return [guid]::NewGuid().ToString()
}

function Get-Sha256Hex([string] $text) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $digest = $sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text))
    }
    finally {
        $sha.Dispose()
    }
    return -join ($digest | ForEach-Object { $_.ToString('x2') })
}

function Set-AzdValue([string] $name, [string] $value) {
    azd env set $name $value | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "azd env set $name failed" }
    [Environment]::SetEnvironmentVariable($name, $value)
}

# Keep the variable's current value, or generate one; store it in the azd environment.
function Confirm-Value([string] $name, [scriptblock] $generate) {
    $value = [Environment]::GetEnvironmentVariable($name)
    if ([string]::IsNullOrEmpty($value)) {
        $value = & $generate
        Write-Host "preprovision: generated $name"
    }
    Set-AzdValue $name $value
    return $value
}

$clientId = Confirm-Value 'RECEIVABLES_CLIENT_ID' { New-Uuid }
$null = Confirm-Value 'RECEIVABLES_PARTNER_ID' { New-Uuid }
$secret = Confirm-Value 'RECEIVABLES_CLIENT_SECRET' { New-Base64UrlSecret 32 }
$signingKey = Confirm-Value 'RECEIVABLES_SIGNING_KEY' { New-Base64UrlSecret 48 }

if ($signingKey.Length -lt 32) {
    throw 'preprovision: RECEIVABLES_SIGNING_KEY must be at least 32 characters'
}

# Derived, so recomputed every time (deterministic, never drifts from the secret).
Set-AzdValue 'RECEIVABLES_CLIENT_SECRET_HASH' ("sha256:" + (Get-Sha256Hex $secret))

Write-Host "preprovision: partner client id $clientId (secret: azd env get-value RECEIVABLES_CLIENT_SECRET)"
