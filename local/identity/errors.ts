// Errors of the local identity service, named exactly as Cognito names them: the protocol server
// answers `{"__type": "<name>", "message": …}` with HTTP 400, and the SDK raises the same classes
// (UserNotFoundException, NotAuthorizedException, …) as against AWS.
export type CognitoErrorName =
  | 'AliasExistsException'
  | 'CodeMismatchException'
  | 'EnableSoftwareTokenMFAException'
  | 'ExpiredCodeException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'LimitExceededException'
  | 'NotAuthorizedException'
  | 'ResourceNotFoundException'
  | 'TooManyRequestsException'
  | 'UnknownOperationException'
  | 'UnsupportedUserStateException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException';

export class CognitoError extends Error {
  constructor(
    readonly type: CognitoErrorName,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new CognitoError('InvalidParameterException', message);
export const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message);
export const userNotFound = () => new CognitoError('UserNotFoundException', 'User does not exist.');
