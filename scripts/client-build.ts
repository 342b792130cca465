// `npm run client:build`: builds client/dist (see client/build.ts).
import { relative, resolve } from 'node:path';
import { buildClient } from '../client/build';

const root = resolve(import.meta.dirname, '..');
console.log(`built ${relative(root, buildClient(root))}`);
