// The single table: generic key names, two sparse GSIs, TTL, and the stream that carries activity
// entries (domain events) to the bus. Key shapes live in functions/store/keys.ts, not here.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/** The GSIs functions/store/keys.ts may query, each with `<name>PK` / `<name>SK` string keys. */
export const indexNames = ['GSI1', 'GSI2'] as const;

export class PorticoTable extends Table {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The publisher reads only NewImage; old images are kept because changing the view type
      // later means replacing the stream (and its consumers' positions).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const indexName of indexNames) {
      this.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: `${indexName}PK`, type: AttributeType.STRING },
        sortKey: { name: `${indexName}SK`, type: AttributeType.STRING },
      });
    }
  }
}
