// `npm run iam:report`: after local runs (the integration and reliability suites, or `npm start`),
// prints per function the granted actions no call used and the calls refused, and exits 1 when a
// grant is unused without a stated reason (local/iam/report.ts) or a call was refused.
import { defaultUsageDir } from '../local/iam';
import { formatReport, leastPrivilege } from '../local/iam/report';
import { readUsage } from '../local/iam/usage';

const USAGE = `usage: npm run iam:report [-- --dir <folder>]

  Reads what the local stack's IAM enforcement recorded (default: PORTICO_IAM_USAGE_DIR, else
  ${defaultUsageDir}). Meaningful after a full run: rm -rf that folder, then
  npm run test:integration && npm run test:reliability && npm run iam:report`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const at = args.indexOf('--dir');
const dir = at >= 0 ? args[at + 1] : (process.env.PORTICO_IAM_USAGE_DIR ?? defaultUsageDir);
if (!dir) {
  console.error(USAGE);
  process.exit(2);
}
const files = readUsage(dir);
if (files.length === 0) {
  console.error(
    `iam:report: nothing recorded in ${dir} (run the suites or npm start with enforcement on first)`,
  );
  process.exit(2);
}
const report = leastPrivilege(files);
console.log(formatReport(report));
process.exit(report.unexplained.length > 0 || report.denied.length > 0 ? 1 : 0);
