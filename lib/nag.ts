// Helpers for acknowledging cdk-nag findings. Every acknowledgement carries a reason; the
// finding ids are built here so call sites name the resource, not cdk-nag's string format.
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledge one cdk-nag finding on a construct (and everything below it). */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** How cdk-nag prints `Fn::GetAtt [<resource>, Arn]` inside a finding id: `<LogicalId.Arn>`. */
export function arnRef(resource: IConstruct): string {
  const cfn = resource.node.defaultChild as CfnElement;
  const stack = Stack.of(resource);
  return `<${stack.resolve(cfn.logicalId)}.Arn>`;
}

/** Acknowledge an IAM5 (wildcard) finding for one resource pattern of a policy below `scope`. */
export function acknowledgeWildcard(scope: IConstruct, resource: string, reason: string): void {
  acknowledge(scope, `AwsSolutions-IAM5[Resource::${resource}]`, reason);
}
