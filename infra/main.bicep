// Receivables.Functions on Azure: Flex Consumption function app, serverless Cosmos DB,
// Key Vault, Application Insights. Everything authenticates with Entra ID; no keys or
// connection strings are created or stored anywhere.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds a unique token for resource names.')
param environmentName string

@minLength(1)
@description('Region for all resources. Must offer the Flex Consumption plan.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the principal running the deployment (azd sets AZURE_PRINCIPAL_ID). Gets Cosmos DB data access for local debugging. Leave empty to skip.')
param principalId string = ''

@minLength(36)
@maxLength(36)
@description('Client id (UUID) of the partner API client. Generated once by the preprovision hook.')
param partnerClientId string

@minLength(36)
@maxLength(36)
@description('Partner id (UUID) the client acts for. Generated once by the preprovision hook.')
param partnerId string

@secure()
@minLength(71)
@maxLength(71)
@description('"sha256:" + lowercase hex SHA-256 of the partner client secret. Computed by the preprovision hook; the secret itself never reaches Azure.')
param partnerClientSecretHash string

@secure()
@minLength(32)
@description('HMAC-SHA256 token-signing key. Generated once by the preprovision hook so it stays stable across provisions.')
param authSigningKey string

@description('Browser origins whose pages may call the API, such as Monite\'s drop-in UI (CORS): comma-separated exact origins (https://app.example.com), no *. Empty: none.')
param corsAllowedOrigins string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
// Blob container holding the deployment package that azd uploads (Flex Consumption "one deploy").
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
// The issued documents' PDFs: private, written once per revision, read only through short-lived user-delegation SAS links.
var pdfContainerName = 'receivable-pdfs'
var cosmosDatabaseName = 'receivables'

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The app's only identity: storage, Cosmos DB, Key Vault references and App Insights all use it.
module apiIdentity './app/identity.bicep' = {
  name: 'apiIdentity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

// Flex Consumption plan (FC1, Linux): pay per execution, scales to zero when idle.
module appServicePlan './app/plan.bicep' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

// Functions host storage and deployment packages; reached only with Entra ID.
module storage './app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
      pdfContainerName
    ]
    // Drafts' previews (pdf_link on a draft) are throwaway: deleted a day after they were written.
    expiringBlobPrefixes: [
      '${pdfContainerName}/previews/'
    ]
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module cosmos './app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    databaseName: cosmosDatabaseName
    location: location
    tags: tags
  }
}

module keyVault './app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    authSigningKey: authSigningKey
    partnerClientSecretHash: partnerClientSecretHash
  }
}

// All role assignments (Azure RBAC and Cosmos DB data-plane RBAC) in one place.
module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    cosmosAccountName: cosmos.outputs.accountName
    identityPrincipalId: apiIdentity.outputs.principalId
    deployerPrincipalId: principalId
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    pdfContainerName: pdfContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    signingKeyUri: keyVault.outputs.signingKeyUri
    clientHashUri: keyVault.outputs.clientHashUri
    partnerClientId: partnerClientId
    partnerId: partnerId
    corsAllowedOrigins: corsAllowedOrigins
  }
  // Roles first, so the app's first start can already read Key Vault, storage and Cosmos DB.
  dependsOn: [
    rbac
  ]
}

// Read by azd (service discovery, `azd env get-values`) and by docs/azure.md.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output RESOURCE_GROUP string = rg.name
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output RECEIVABLES_API_BASE_URL string = '${api.outputs.uri}/v1'
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
