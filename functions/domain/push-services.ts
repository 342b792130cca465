// The push services web push may POST to by default, apart from ./push.ts: config.ts reads them for
// every function's PUSH_SERVICES default, and push.ts builds its view schemas at load (decision 0048).

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
