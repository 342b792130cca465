// The table CDK deploys and the one the local stack creates must be the same table: every key,
// attribute definition, index (keys and projection), the stream view and the TTL attribute.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PorticoTable } from '../../lib/table';
import { TTL_ATTRIBUTE, tableDefinition } from '../../local/table-definition';

interface KeyElement {
  AttributeName?: string;
  KeyType?: string;
}
interface Gsi {
  IndexName?: string;
  KeySchema?: KeyElement[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

const byName = <T extends { AttributeName?: string }>(list: T[] = []) =>
  [...list].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));
const indexes = (list: Gsi[] = []) =>
  [...list]
    .map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }))
    .sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)));

describe('table definition: CDK and the local stack', () => {
  // Prepare (shared): the AWS table synthesized on its own, and the local CreateTable input.
  const stack = new Stack(new App(), 'TableOnly');
  new PorticoTable(stack, 'Table');
  const [synthesized] = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'));
  const aws = synthesized?.Properties as {
    KeySchema: KeyElement[];
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    GlobalSecondaryIndexes: Gsi[];
    StreamSpecification: { StreamViewType: string };
    TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
    BillingMode: string;
  };
  const local = tableDefinition('portico');

  it('have the same key schema and attribute definitions', () => {
    expect(local.KeySchema).toEqual(aws.KeySchema);
    expect(byName(local.AttributeDefinitions)).toEqual(byName(aws.AttributeDefinitions));
  });

  it('have the same global secondary indexes, keys and projections', () => {
    expect(aws.GlobalSecondaryIndexes.length).toBeGreaterThan(0);
    expect(indexes(local.GlobalSecondaryIndexes)).toEqual(indexes(aws.GlobalSecondaryIndexes));
  });

  it('have the same stream view, TTL attribute and billing mode', () => {
    expect(local.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: aws.StreamSpecification.StreamViewType,
    });
    expect(aws.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(local.BillingMode).toBe(aws.BillingMode);
  });
});
