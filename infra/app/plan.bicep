// The Flex Consumption plan (FC1, Linux): billed per execution, scales to zero when idle. A local module (not the
// registry's avm/res/web/serverfarm) so the template compiles without the public Bicep registry.
@minLength(1)
@maxLength(60)
param name string
param location string = resourceGroup().location
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux: Flex Consumption has no Windows workers
    zoneRedundant: false // one zone, as the registry module deployed it
  }
}

output name string = plan.name
output resourceId string = plan.id
