// The SES configuration set notify and digests send with: it publishes each mail's bounces and
// complaints to the account's default EventBridge bus (the only bus SES publishes to), where the
// MailFeedbackToNotify rule (functions/events/rules.ts) hands them to notify.
import { Stack } from 'aws-cdk-lib';
import { CfnConfigurationSet, CfnConfigurationSetEventDestination } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export class MailFeedback extends Construct {
  /** CloudFormation names it (stage-safe: staging and prod in one account never collide). */
  readonly configurationSet: CfnConfigurationSet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.configurationSet = new CfnConfigurationSet(this, 'ConfigurationSet', {
      // Our own suppression per address (docs/decisions/0020) says when and why; SES's account-level
      // list stays on as the backstop for anything sent without this set.
      reputationOptions: { reputationMetricsEnabled: true },
    });
    new CfnConfigurationSetEventDestination(this, 'BouncesAndComplaints', {
      configurationSetName: this.configurationSet.ref,
      eventDestination: {
        enabled: true,
        matchingEventTypes: ['BOUNCE', 'COMPLAINT'],
        eventBridgeDestination: {
          eventBusArn: Stack.of(this).formatArn({
            service: 'events',
            resource: 'event-bus',
            resourceName: 'default',
          }),
        },
      },
    });
  }

  /** The configuration set's ARN (ses:SendEmail authorizes it as a resource of the call). */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.ref,
    });
  }
}
