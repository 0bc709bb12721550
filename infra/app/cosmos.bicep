// Serverless Cosmos DB for NoSQL: one database, one container, Entra ID only.
param accountName string
param databaseName string
param location string = resourceGroup().location
param tags object = {}

var containerName = 'documents'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      { name: 'EnableServerless' } // billed per request unit consumed; nothing provisioned
    ]
    disableLocalAuth: true // no account keys: data-plane RBAC only
    disableKeyBasedMetadataWriteAccess: true // schema changes only through ARM (this template)
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          '/entity_id'
        ]
        kind: 'Hash'
        version: 2
      }
      // TTL on with no default expiry: only items carrying a `ttl` (idempotency keys) expire.
      defaultTtl: -1
      // Same file the code and the tests use, so the deployed policy cannot drift from them.
      indexingPolicy: loadJsonContent('../../src/Receivables/Store/indexing-policy.json')
    }
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerName string = container.name
