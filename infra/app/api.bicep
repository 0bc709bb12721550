// The Receivables.Functions app on the Flex Consumption plan (Linux, .NET 10 isolated worker).
// A raw Microsoft.Web/sites resource, as in the Flex Consumption quickstarts' own module, so
// every security property is visible here.
param name string
param location string = resourceGroup().location
param tags object = {}
param appServicePlanId string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

param storageAccountName string
param deploymentContainerName string

@description('Private blob container of the issued documents\' PDFs, in the same storage account.')
param pdfContainerName string
param applicationInsightsName string
param cosmosEndpoint string
param cosmosDatabaseName string

@description('Versionless Key Vault URI of the token-signing key.')
param signingKeyUri string

@description('Versionless Key Vault URI of the partner client secret hash.')
param clientHashUri string

param partnerClientId string
param partnerId string

@description('Browser origins whose pages may call the API (CORS): comma-separated exact origins (https://app.example.com), empty for none.')
param corsAllowedOrigins string = ''

// The platform answers preflights and allows these origins itself; the app reads the same value (Cors__AllowedOrigins),
// checks it at start and exposes the API's response headers to them.
var corsOrigins = filter(map(split(corsAllowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))

@description('Memory per instance (MB). 2048 is the Flex Consumption default.')
param instanceMemoryMB int = 2048

@description('Upper bound on scale-out; also caps the worst-case bill.')
param maximumInstanceCount int = 100

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// THE app settings of the deployment (the tests read the keys from here). Names are .NET
// configuration keys with "__" as the section separator. Secrets are Key Vault references;
// there are no keys or connection strings. The Cosmos DB key setting is deliberately absent:
// without it the code authenticates to Cosmos DB with Entra ID (DefaultAzureCredential with
// AZURE_CLIENT_ID). The worker-runtime and extension-version settings of other plans are not
// set either: on Flex Consumption the runtime is declared in functionAppConfig.runtime below.
var appSettings = {
  // Functions host storage through the user-assigned identity.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table

  // Telemetry, authenticated with Entra ID (App Insights has local auth disabled).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // DefaultAzureCredential picks the user-assigned identity from this.
  AZURE_CLIENT_ID: identityClientId

  Cosmos__Endpoint: cosmosEndpoint
  Cosmos__Database: cosmosDatabaseName

  // payment_page_url of payment links: the hosted payment pages are served by this app itself, over https.
  PaymentPages__BaseUrl: 'https://${functionApp.properties.defaultHostName}'
  // Pages of these origins may call the API from a browser (siteConfig.cors below has the same list).
  Cors__AllowedOrigins: corsAllowedOrigins
  // The PDFs: written with the identity (Storage Blob Data Owner, rbac.bicep), linked with user-delegation SAS. No key.
  Storage__BlobEndpoint: storageAccount.properties.primaryEndpoints.blob
  Storage__PdfContainer: pdfContainerName
  // How long a PDF link (file_url, original_file_url, current_pdf_url) opens its file.
  Storage__PdfLinkLifetimeSeconds: '3600'

  // The due-date sweep's timer (%Sweep:Schedule%): NCRONTAB with seconds, UTC.
  Sweep__Schedule: '0 5 * * * *'
  // Past this a request is answered 503 with Retry-After instead of waiting on a slow store (well below functionTimeout).
  Api__RequestDeadlineSeconds: '20'

  Auth__SigningKey: '@Microsoft.KeyVault(SecretUri=${signingKeyUri})'
  Auth__TokenLifetimeSeconds: '3600'
  // A token revoked on one instance works on the others for at most this long (one small query per instance per interval).
  Auth__RevocationRefreshSeconds: '10'
  // Wrong client secrets per source address per window before 429, counted per instance (a client id: 10 times as many).
  Auth__FailedAttemptLimit: '10'
  Auth__FailedAttemptWindowSeconds: '60'
  Auth__Clients__0__ClientId: partnerClientId
  Auth__Clients__0__PartnerId: partnerId
  Auth__Clients__0__SecretHash: '@Microsoft.KeyVault(SecretUri=${clientHashUri})'

}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' }) // how `azd deploy` finds the target of service "api"
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId // resolve @Microsoft.KeyVault(...) settings as the user-assigned identity
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Bearer tokens, no cookies: credentials are never allowed.
      cors: {
        allowedOrigins: corsOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // No FTP and no basic-auth (publishing profile) deployments; azd deploys with an Entra token.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
