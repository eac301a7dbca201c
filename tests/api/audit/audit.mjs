// Runs the graphql-http server audit (the GraphQL over HTTP spec's conformance checks) against
// a running socialaudit service and fails when any MUST or SHOULD is not met.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL-OF-/graphql');
  process.exit(2);
}

const results = await auditServer({ url });
let failed = 0;
for (const result of results) {
  const required = result.name.startsWith('MUST') || result.name.startsWith('SHOULD');
  const mark = result.status === 'ok' ? 'ok  ' : required ? 'FAIL' : 'note';
  if (result.status !== 'ok' && required) failed += 1;
  const reason = result.status === 'ok' ? '' : ` -- ${result.reason}`;
  console.log(`${mark} ${result.id} ${result.name}${reason}`);
}
const counted = (level) => results.filter((r) => r.name.startsWith(level));
const passed = (level) => counted(level).filter((r) => r.status === 'ok').length;
console.log(
  `\nMUST ${passed('MUST')}/${counted('MUST').length}, ` +
    `SHOULD ${passed('SHOULD')}/${counted('SHOULD').length}, ` +
    `MAY ${passed('MAY')}/${counted('MAY').length}`,
);
process.exit(failed ? 1 : 0);
