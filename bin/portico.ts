// The CDK app: one env-agnostic Portico stack (synthesizes offline, no lookups), checked by cdk-nag's
// AwsSolutions pack at synthesis. Context (cdk.json or `-c`): senderEmail, portalOrigins, portalUrl,
// appUrl, stage, alarmEmail, local; see lib/settings.ts and docs/decisions/0002-cdk-deploy-settings.md.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PorticoStack } from '../lib/portico-stack';
import { settingsFrom, stackIdOf } from '../lib/settings';

const app = new App();
const settings = settingsFrom(app);
new PorticoStack(app, stackIdOf(settings), {
  description: `Portico (${settings.stage}): client portal backend (API, table, uploads, domain events, notifications)`,
  settings,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
