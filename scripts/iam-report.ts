// `npm run iam:report`: after local runs (the integration and reliability suites, or `npm start`),
// prints per function the granted actions no call used and the calls refused, and exits 1 when a
// grant is unused without a stated reason (local/iam/report.ts) or a call was refused.
// `--reset` (npm run iam:reset) starts a test run; `--gate` (npm run iam:gate) judges that run only,
// and exits 2 saying why when it cannot (npm test runs reset, every vitest project, then the gate).
import { defaultUsageDir } from '../local/iam';
import { formatReport, leastPrivilege, leastPrivilegeGate } from '../local/iam/report';
import { readTestRun, readUsage, resetUsage } from '../local/iam/usage';

const USAGE = `usage: npm run iam:report [-- --dir <folder>] [--reset | --gate]

  Reads what the local stack's IAM enforcement recorded (default: PORTICO_IAM_USAGE_DIR, else
  ${defaultUsageDir}).
  --reset  start a test run: remove earlier runs' files from the folder (npm run iam:reset)
  --gate   judge the run started by --reset, and only if the integration and reliability suites
           recorded their calls in it; else exit 2 saying why (npm run iam:gate, the end of npm test)
  Without either: every run in the folder (the newest template's), e.g. after npm start.`;

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

if (args.includes('--reset')) {
  resetUsage(dir);
  console.log(`iam: usage folder reset for this run (${dir})`);
  process.exit(0);
}

if (args.includes('--gate')) {
  const verdict = leastPrivilegeGate(readTestRun(dir));
  (verdict.code === 0 ? console.log : console.error)(verdict.text);
  process.exit(verdict.code);
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
