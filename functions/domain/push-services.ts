// The push services a notify function may POST to by default: a constant of its own, so the
// configuration every Lambda reads does not build the push module's schemas.

/**
 * The push services of the browsers in use: FCM (Chrome, Edge on Android, Opera), Mozilla
 * autopush (Firefox), WNS (Edge on Windows), Apple (Safari). A `*.` pattern matches subdomains only.
 */
export const DEFAULT_PUSH_SERVICES = [
  'fcm.googleapis.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
] as const;
