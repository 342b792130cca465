// A local identity service in a process of its own, for the test that kills it with SIGKILL
// (test/unit/identity-local.test.ts): it prints "listening" once it answers.
import { loadSigningKey } from '../../local/auth';
import { startIdentity } from '../../local/identity/server';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

await startIdentity({
  port: Number(env('IDENTITY_PORT')),
  stateFile: env('IDENTITY_STATE'),
  key: await loadSigningKey(env('IDENTITY_KEY')),
  sesEndpoint: 'http://127.0.0.1:1',
  sender: 'no-reply@portico.local',
  mailer: { send: async () => undefined },
});
console.log('listening');
