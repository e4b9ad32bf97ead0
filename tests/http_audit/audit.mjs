// Runs graphql-http's GraphQL-over-HTTP server audits against the URL given as the first argument and
// prints one JSON line: every audit's id, name, status (ok, error for a failed MUST, warn for a failed
// SHOULD, notice for a failed MAY) and, when it failed, the reason. tests/api/test_http_audit.py reads it.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs http://HOST:PORT/graphql");
  process.exit(2);
}
const results = await auditServer({ url, fetchFn: fetch });
const rows = [];
for (const result of results) {
  const row = { id: result.id, name: result.name, status: result.status };
  if (result.status !== "ok") {
    row.reason = result.reason;
    if (result.response) {
      row.responseStatus = result.response.status;
      row.responseBody = (await result.response.text()).slice(0, 300);
    }
  }
  rows.push(row);
}
console.log(JSON.stringify(rows));
