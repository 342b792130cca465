// Wraps a Lambda entry in the invocation context (function name, correlation id), so every log line
// and every event or delivery record written inside carries them. A plain wrapper: the context's run
// (correlation.ts) must enclose the call. (Until decision 0040 this was a middy handler with no
// middleware: 2.6 KB of every bundle and a timer per invocation for nothing a route or an event used.)
import type { Context } from 'aws-lambda';
import { withInvocation } from './correlation';

export function observed<E, R>(
  fn: string,
  correlationOf: (event: E, context: Context) => string | undefined,
  handler: (event: E, context: Context) => Promise<R>,
) {
  return async (event: E, context: Context): Promise<R> => {
    const correlationId = correlationOf(event, context);
    const invocation = {
      fn,
      ...(correlationId ? { correlationId } : {}),
      ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}),
    };
    return withInvocation(invocation, () => handler(event, context));
  };
}
