// Key Vault (RBAC mode) holding the two auth secrets the app reads through Key Vault references.
param name string
param location string = resourceGroup().location
param tags object = {}

@secure()
param authSigningKey string

@secure()
param partnerClientSecretHash string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true // Azure RBAC instead of access policies
    enableSoftDelete: true
    softDeleteRetentionInDays: 7 // shortest allowed; `azd down --purge` removes it at once
    // Purge protection stays off so `azd down --purge` can fully remove the vault.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'auth-signing-key'
  properties: {
    value: authSigningKey
    contentType: 'text/plain'
  }
}

resource clientSecretHash 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'partner-client-secret-hash'
  properties: {
    value: partnerClientSecretHash
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless URIs: the app always resolves the current version of each secret.
output signingKeyUri string = signingKey.properties.secretUri
output clientHashUri string = clientSecretHash.properties.secretUri
