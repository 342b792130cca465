// The local Secrets Manager: the two calls Portico's functions make (GetSecretValue and
// PutSecretValue, AWS JSON 1.1 protocol), so the handlers' SDK calls are the production calls and
// only the endpoint differs. Secrets and their versions persist in .data/secrets.json (written
// atomically). Like the service: PutSecretValue with a request token already used for another
// value answers ResourceExistsException; the same token and value again is accepted (a retry).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFileAtomic } from './journal';
import { listenOn } from './ports';

interface Version {
  id: string;
  value: string;
  createdAt: string;
}
interface StoredSecret {
  arn: string;
  versions: Version[];
  /** The AWSCURRENT version's id. */
  current: string;
}

export interface LocalSecrets {
  endpoint: string;
  /** The ARN of a secret, created with `initial` as its first value when it does not exist yet. */
  ensure(name: string, initial: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startSecrets(opts: { port: number; file: string }): Promise<LocalSecrets> {
  let secrets: Record<string, StoredSecret> = {};
  try {
    secrets = JSON.parse(await readFile(opts.file, 'utf8')) as Record<string, StoredSecret>;
  } catch {
    secrets = {};
  }
  // One write at a time, so two puts never interleave their read-modify-write of the file.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(() => writeFileAtomic(opts.file, JSON.stringify(secrets, null, 1)));
    return saving;
  };
  const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}`;
  const nameOf = (id: string) => (id.startsWith('arn:') ? id.slice(id.lastIndexOf(':') + 1) : id);

  const answer = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, type: string, message: string) =>
    answer(res, 400, { __type: type, message });

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const input = JSON.parse(raw || '{}') as {
      SecretId?: string;
      SecretString?: string;
      ClientRequestToken?: string;
    };
    const secret = secrets[nameOf(input.SecretId ?? '')];
    if (!secret)
      return fail(res, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    if (target === 'secretsmanager.GetSecretValue') {
      const version = secret.versions.find((v) => v.id === secret.current)!;
      return answer(res, 200, {
        ARN: secret.arn,
        Name: nameOf(secret.arn),
        VersionId: version.id,
        SecretString: version.value,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Date.parse(version.createdAt) / 1000,
      });
    }
    if (target === 'secretsmanager.PutSecretValue') {
      if (typeof input.SecretString !== 'string')
        return fail(res, 'InvalidParameterException', 'SecretString is required here.');
      const id = input.ClientRequestToken ?? randomUUID();
      const existing = secret.versions.find((v) => v.id === id);
      if (existing && existing.value !== input.SecretString)
        return fail(
          res,
          'ResourceExistsException',
          'You can’t modify an existing version, you can only create a new version.',
        );
      if (!existing) {
        secret.versions.push({ id, value: input.SecretString, createdAt: new Date().toISOString() });
        secret.current = id;
        await save();
      }
      return answer(res, 200, {
        ARN: secret.arn,
        Name: nameOf(secret.arn),
        VersionId: id,
        VersionStages: ['AWSCURRENT'],
      });
    }
    return fail(res, 'UnknownOperationException', `unsupported: ${target}`);
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      handle(req, res, raw).catch((err: Error) =>
        answer(res, 500, { __type: 'InternalServiceError', message: err.message }),
      );
    });
  });
  await listenOn(server, opts.port);

  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    async ensure(name, initial) {
      if (!secrets[name]) {
        const id = randomUUID();
        secrets[name] = {
          arn: arnOf(name),
          versions: [{ id, value: initial, createdAt: new Date().toISOString() }],
          current: id,
        };
        await save();
      }
      return secrets[name].arn;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
