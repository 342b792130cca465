// Evaluates one request (action, resource, condition keys) against a role's policy statements the
// way IAM does for a single identity-based policy set: an explicit Deny wins, then any Allow, else
// the implicit deny. Pure: the template resolver hands it statements with every intrinsic resolved.

/** A policy statement whose actions and resources are plain strings (intrinsics resolved). */
export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** One authorization question, as IAM sees a single API call (or one item of a batch). */
export interface AccessRequest {
  action: string;
  resource: string;
  /** Condition keys the call sets (e.g. ses:FromAddress); an absent key never satisfies a condition. */
  context?: Record<string, string>;
}

export type Decision = 'allow' | 'explicitDeny' | 'implicitDeny';

export interface Evaluation {
  decision: Decision;
  /**
   * Conditions this evaluator cannot decide (an operator or key it does not know). They are treated
   * conservatively: an Allow that carries one grants nothing, a Deny that carries one applies.
   */
  unevaluated: string[];
}

/**
 * IAM's wildcard match: `*` any run of characters, `?` exactly one. Actions compare
 * case-insensitively, resources (ARNs) case-sensitively.
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    const source = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    compiled.set(key, regex);
  }
  return regex.test(value);
}

/** Patterns come from a handful of roles: each is compiled once per process. */
const compiled = new Map<string, RegExp>();

const anyMatch = (patterns: string[], value: string, ignoreCase: boolean) =>
  patterns.some((p) => wildcardMatch(p, value, ignoreCase));

/** Does the statement name this action and resource (ignoring its conditions)? */
export function statementCovers(s: Statement, request: AccessRequest): boolean {
  const action = s.Action
    ? anyMatch(s.Action, request.action, true)
    : s.NotAction
      ? !anyMatch(s.NotAction, request.action, true)
      : false;
  const resource = s.Resource
    ? anyMatch(s.Resource, request.resource, false)
    : s.NotResource
      ? !anyMatch(s.NotResource, request.resource, false)
      : false;
  return action && resource;
}

type ConditionResult = boolean | 'unknown';

/** The string operators the templates use; anything else is reported, not guessed. */
const operators: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a !== e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a),
  StringNotLike: (a, e) => !wildcardMatch(e, a),
};

/** Every operator block must hold (AND); within one key, any listed value may match (OR). */
function conditionHolds(
  condition: NonNullable<Statement['Condition']>,
  context: Record<string, string>,
  unevaluated: string[],
): ConditionResult {
  let result: ConditionResult = true;
  for (const [operator, keys] of Object.entries(condition)) {
    const test = operators[operator];
    for (const [key, expected] of Object.entries(keys)) {
      if (!test) {
        unevaluated.push(`${operator} ${key}`);
        result = result === false ? false : 'unknown';
        continue;
      }
      const actual = context[key];
      const values = Array.isArray(expected) ? expected : [expected];
      const negated = operator.includes('Not');
      // An absent key: a positive operator fails; a negated one holds (IAM's rule without IfExists).
      const holds =
        actual === undefined
          ? negated
          : negated
            ? values.every((v) => test(actual, v))
            : values.some((v) => test(actual, v));
      if (!holds) result = false;
    }
  }
  return result;
}

export function evaluate(statements: readonly Statement[], request: AccessRequest): Evaluation {
  const unevaluated: string[] = [];
  const context = request.context ?? {};
  let allowed = false;
  for (const s of statements) {
    if (!statementCovers(s, request)) continue;
    const holds = s.Condition ? conditionHolds(s.Condition, context, unevaluated) : true;
    if (s.Effect === 'Deny' && holds !== false) return { decision: 'explicitDeny', unevaluated };
    if (s.Effect === 'Allow' && holds === true) allowed = true;
  }
  return { decision: allowed ? 'allow' : 'implicitDeny', unevaluated };
}
