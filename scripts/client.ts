// `npm run client` (or after `npm run openapi`): writes client/src/schema.d.ts from docs/openapi.json.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CLIENT_TYPES_PATH, renderClientTypes } from '../client/generate';

const root = resolve(import.meta.dirname, '..');
writeFileSync(resolve(root, CLIENT_TYPES_PATH), await renderClientTypes(root));
console.log(`wrote ${CLIENT_TYPES_PATH}`);
