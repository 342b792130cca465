// The local stack's IAM: every AWS call a function makes is checked against that function's role in
// the synthesized template and refused as AWS would refuse it; every check is recorded for the
// least-privilege report. Functions are named by the AsyncLocalStorage context their invoker opens.
import { AsyncLocalStorage } from 'node:async_hooks';
import { accessRequests, presignedPostRequests } from './calls';
import { type AccessRequest, evaluate } from './policy';
import type { FunctionPolicy } from './template';
import { LOCAL_ACCOUNT } from './template';
import type { UsageRecorder } from './usage';

const current = new AsyncLocalStorage<{ fn: string }>();

/** Runs one invocation as the named function (its construct id in the template, e.g. `CasesRoutes`). */
export const invokeAs = <T>(fn: string, work: () => T): T => current.run({ fn }, work);

/** The function whose invocation is running here, if any (infrastructure calls run as none). */
export const currentFunction = (): string | undefined => current.getStore()?.fn;

/** Shaped like the error AWS returns for a call the role does not allow. */
export class AccessDeniedException extends Error {
  override readonly name = 'AccessDeniedException';
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 403 };
  constructor(
    readonly principal: string,
    readonly request: AccessRequest,
    reason: string,
  ) {
    super(
      `User: ${principal} is not authorized to perform: ${request.action} on resource: ${request.resource} ${reason}`,
    );
  }
}

export interface Enforcer {
  /** Checks the requests as the current function; throws AccessDeniedException on the first refused one. */
  check(requests: AccessRequest[]): void;
  /** Refusals so far (each also thrown to its caller). */
  readonly denials: { fn: string; action: string; resource: string }[];
}

export function enforcer(policies: Record<string, FunctionPolicy>, usage: UsageRecorder): Enforcer {
  const denials: Enforcer['denials'] = [];
  return {
    denials,
    check(requests) {
      const fn = currentFunction();
      if (!fn) return; // the stack itself (seed, stream poller, upgrades), not a function
      const policy = policies[fn];
      for (const request of requests) {
        const { decision, unevaluated } = policy
          ? evaluate(policy.statements, request)
          : { decision: 'implicitDeny' as const, unevaluated: [] };
        usage.record({
          fn,
          action: request.action,
          resource: request.resource,
          allowed: decision === 'allow',
          unevaluated,
        });
        if (decision === 'allow') continue;
        const principal = `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${policy?.roleName ?? `${fn}-not-in-template`}/${fn}`;
        denials.push({ fn, action: request.action, resource: request.resource });
        throw new AccessDeniedException(
          principal,
          request,
          decision === 'explicitDeny'
            ? 'with an explicit deny in an identity-based policy'
            : `because no identity-based policy allows the ${request.action} action`,
        );
      }
    },
  };
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      mw: (
        next: (args: unknown) => Promise<unknown>,
        context: Record<string, unknown>,
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; priority: 'high'; name: string },
    ): void;
    identify?(): string[];
  };
}

const MIDDLEWARE = 'porticoLocalIam';

/**
 * The check of the running stack. Clients are module singletons and keep their middleware for the
 * life of the process, so the middleware asks for the check in force at call time (a later stack
 * in the same process replaces it; none: nothing is checked).
 */
let activeCheck: Enforcer['check'] | undefined;
export function activate(check: Enforcer['check'] | undefined): void {
  activeCheck = check;
}
export const isActive = (check: Enforcer['check']) => activeCheck === check;

export const isSdkClient = (value: unknown): value is MiddlewareClient =>
  typeof (value as MiddlewareClient | undefined)?.middlewareStack?.add === 'function';

/**
 * Adds the check to a client's middleware stack, first in the initialize step: before retries and
 * signing (a refusal is not retried), and before a presigner stops the chain (a presigned GET is
 * checked as the GetObject it allows). Adding it twice to one client is a no-op.
 */
export function guardClient(client: MiddlewareClient): void {
  if (client.middlewareStack.identify?.().some((m) => m.startsWith(MIDDLEWARE))) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      activeCheck?.(accessRequests(String(context.clientName), String(context.commandName), input));
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: MIDDLEWARE },
  );
}

/** The check of a presigned POST (signed with no SDK command, so no middleware sees it). */
export const checkPresignedPost = (post: { bucket: string; key: string; fields: Record<string, string> }) =>
  activeCheck?.(presignedPostRequests(post.bucket, post.key, post.fields));
