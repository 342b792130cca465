// Assertions on the typed client's sign-in helpers, shared by their unit and integration tests.
import { expect } from 'vitest';
import { SignInError, type StaffStep } from '../../client/src/index';

/** The SignInError a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<SignInError> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(SignInError);
  return outcome as SignInError;
}

/** The staff step, asserted to be of `kind`. */
export function expectStep<K extends StaffStep['kind']>(
  step: StaffStep,
  kind: K,
): Extract<StaffStep, { kind: K }> {
  expect(step.kind).toBe(kind);
  return step as Extract<StaffStep, { kind: K }>;
}
