// A stack's outputs as the portal config an SPA loads (the PortalConfig type of @portico/client).
import { cognitoEndpoint, type PortalConfig } from '../../client/src/portal-config';
import { requireOutput, type StackOutputs, type StackTarget } from '../stack-outputs';

/**
 * The portal config of a stack. The Cognito endpoint is the region's on AWS; locally it is the
 * local identity service, which only the local stack's outputs name.
 */
export function portalConfigFrom(outputs: StackOutputs, target: StackTarget): PortalConfig {
  const get = (key: string) => requireOutput(outputs, key, target);
  const region = get('Region');
  return {
    apiUrl: get('ApiUrl'),
    region,
    identity: {
      endpoint: target.local ? get('LocalIdentityEndpoint') : cognitoEndpoint(region),
      staff: { userPoolId: get('StaffUserPoolId'), clientId: get('StaffClientId') },
      contact: { userPoolId: get('ContactUserPoolId'), clientId: get('ContactClientId') },
    },
  };
}
