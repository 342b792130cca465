// Wraps a Lambda entry: middy, and the invocation context (function name, correlation id) around
// the call, so every log line and every event or delivery record written inside carries them.
// A wrapper rather than a middy middleware: AsyncLocalStorage.run must enclose the call, which
// middy's before/after hooks cannot do.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { withInvocation } from './correlation';

export function observed<E, R>(
  fn: string,
  correlationOf: (event: E, context: Context) => string | undefined,
  handler: (event: E, context: Context) => Promise<R>,
) {
  return middy<E, R>().handler((event: E, context: Context) => {
    const correlationId = correlationOf(event, context);
    const invocation = {
      fn,
      ...(correlationId ? { correlationId } : {}),
      ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}),
    };
    return withInvocation(invocation, () => handler(event, context));
  });
}
