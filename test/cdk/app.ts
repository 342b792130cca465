// Builds the Portico app the way bin/portico.ts does, with cdk.json's context (feature flags) so
// the tests see the template `cdk synth` produces. Bundling is skipped unless asked for.
import { readFileSync } from 'node:fs';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { PorticoStack } from '../../lib/portico-stack';
import { settingsFrom, stackIdOf } from '../../lib/settings';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

export interface TestAppOptions {
  /** Run esbuild for every function (slow); default: skip bundling. */
  bundling?: boolean;
  context?: Record<string, unknown>;
}

export function porticoApp(options: TestAppOptions = {}) {
  const app = new App({
    context: {
      ...cdkJson.context,
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      // The placeholder defaults are refused without it; tests that pass settings keep it on too.
      local: true,
      ...options.context,
    },
  });
  const settings = settingsFrom(app);
  const stack = new PorticoStack(app, stackIdOf(settings), { settings });
  return { app, stack };
}

/** Synthesize once and return the stack and its template. */
export function synthPortico(options: TestAppOptions = {}) {
  const { app, stack } = porticoApp(options);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id of a construct's CloudFormation resource (an L2's default child). */
export function logicalId(construct: IConstruct): string {
  const cfn = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(cfn.logicalId) as string;
}

export const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
export const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

/** A CloudFormation resource as the template holds it. */
export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
