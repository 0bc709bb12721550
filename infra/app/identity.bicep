// The user-assigned managed identity the function app runs as. A local module (not the registry's
// avm/res/managed-identity/user-assigned-identity) so the template compiles without the public Bicep registry.
@minLength(3)
@maxLength(128)
param name string
param location string = resourceGroup().location
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output resourceId string = identity.id
@description('Object id: what role assignments name.')
output principalId string = identity.properties.principalId
@description('Application id: what the app hands to DefaultAzureCredential and the Functions host.')
output clientId string = identity.properties.clientId
