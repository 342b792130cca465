// The single table in AWS, built from the one layout in functions/store/keys.ts (key names, sparse
// GSIs, TTL, stream view) that the local stack builds from too; key shapes live there, not here.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableLayout } from '../functions/store/keys';

export class PorticoTable extends Table {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      partitionKey: { name: tableLayout.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableLayout.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableLayout.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The publisher reads only NewImage; old images are kept because changing the view type
      // later means replacing the stream (and its consumers' positions).
      stream: StreamViewType[tableLayout.streamViewType],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, k] of Object.entries(tableLayout.indexes)) {
      this.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: k.partitionKey, type: AttributeType.STRING },
        sortKey: { name: k.sortKey, type: AttributeType.STRING },
      });
    }
  }
}
