// `npm run openapi`: writes docs/openapi.json from the route table.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPENAPI_PATH, porticoDocument, renderOpenApi } from './openapi/portico';

const document = porticoDocument();
writeFileSync(resolve(import.meta.dirname, '..', OPENAPI_PATH), renderOpenApi(document));
const operations = Object.values(document.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(
  `wrote ${OPENAPI_PATH}: ${operations} operations on ${Object.keys(document.paths ?? {}).length} paths`,
);
