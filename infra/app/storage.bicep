// Storage of the Functions host (timer locks, host state) and of the deployment package that azd uploads. A local
// module (not the registry's avm/res/storage/storage-account) so the template compiles without the public Bicep
// registry. Only Entra ID reaches it: no account keys, no SAS, no anonymous blobs. Who may use it is in rbac.bicep.
@minLength(3)
@maxLength(24)
param name string
param location string = resourceGroup().location
param tags object = {}

@description('Private blob containers to create.')
param containerNames string[] = []

@description('Blob name prefixes (container/path/) whose blobs are deleted one day after they were last written.')
param expiringBlobPrefixes string[] = []

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS' // host state and packages are reproducible; geo-redundancy is not worth paying for
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false // no account keys (nor SAS signed with them): identity-based access only
    defaultToOAuthAuthentication: true // the portal uses Entra ID too
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled' // Flex Consumption without a virtual network reaches storage over its public endpoint
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true // a second layer of platform encryption at rest; fixed at creation
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        queue: {
          enabled: true
        }
        table: {
          enabled: true
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

output name string = account.name
output resourceId string = account.id

// Throwaway blobs (drafts' PDF previews) do not pile up: the platform deletes them a day after their last write.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (!empty(expiringBlobPrefixes)) {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-throwaway-blobs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: expiringBlobPrefixes
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
}
