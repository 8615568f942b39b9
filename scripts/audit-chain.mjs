// The audit log's hash chain, recomputed in Node independently of the database's trigger
// (migration 0011, lotse_audit_chain): used by `npm run audit:verify` (scripts/audit-verify.mjs)
// and by the tests. Each entry's hash is the SHA-256 (hex) of these lines joined by "\n":
//   prev_hash, id, at (UTC, 'YYYY-MM-DDTHH:MM:SS.ffffffZ'), actor_kind, actor_id, action,
//   application_id or '', document_id or '', data (jsonb's text)
// The first entry's prev_hash is 64 zeros; ids run 1..N without gaps.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/**
 * Selects the entries after id $1 in chain order (by the bigint column, not the text shown), $2
 * at a time, with `at` and `data` as the trigger hashed them (the same to_char, jsonb's text).
 */
export const AUDIT_ROWS_SQL = `SELECT id::text AS id,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  actor_kind, actor_id, action,
  application_id::text AS application_id, document_id::text AS document_id,
  data::text AS data, prev_hash, hash
FROM audit_log WHERE audit_log.id > $1 ORDER BY audit_log.id LIMIT $2`;

/**
 * @typedef {{ id: string | number | bigint; at: string; actor_kind: string; actor_id: string; action: string;
 *   application_id: string | null; document_id: string | null; data: string; prev_hash: string; hash: string }} AuditRow
 * @typedef {{ id: string; problem: "gap" | "prev-hash" | "hash"; message: string }} ChainBreak
 * @typedef {{ ok: true; entries: number } | ({ ok: false; entries: number } & ChainBreak)} ChainResult
 */

/** The hash an entry must have, given the previous entry's hash (its own prev_hash is checked separately). */
export function entryHash(/** @type {AuditRow} */ row, /** @type {string} */ prevHash) {
  const text = [prevHash, String(row.id), row.at, row.actor_kind, row.actor_id, row.action, row.application_id ?? "", row.document_id ?? "", row.data].join("\n");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Checks entries one by one, in id order (so a large log can be read in pages). */
export function chainVerifier() {
  let expectedId = 1n;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  /** @type {ChainBreak | null} */
  let broken = null;
  return {
    /** Checks the next entry; returns the first break (and keeps returning it), or null. */
    push(/** @type {AuditRow} */ row) {
      if (broken) return broken;
      const id = BigInt(row.id);
      const name = String(row.id);
      if (id !== expectedId) {
        const missing = id > expectedId ? (id - 1n === expectedId ? `${expectedId}` : `${expectedId}–${id - 1n}`) : null;
        broken = {
          id: name,
          problem: "gap",
          message: !missing
            ? `entry ${name} is out of order (expected entry ${expectedId})`
            : expectedId === 1n
              ? `the log starts at entry ${name}: entry ${missing} is missing`
              : `entry ${name} follows entry ${expectedId - 1n}: entry ${missing} is missing`,
        };
        return broken;
      }
      if (row.prev_hash !== prevHash) {
        broken = { id: name, problem: "prev-hash", message: `entry ${name} does not point to the hash of entry ${id - 1n}` };
        return broken;
      }
      if (entryHash(row, prevHash) !== row.hash) {
        broken = { id: name, problem: "hash", message: `entry ${name} was changed: its hash does not match its contents` };
        return broken;
      }
      prevHash = row.hash;
      expectedId += 1n;
      entries += 1;
      return null;
    },
    /** @returns {ChainResult} */
    result() {
      return broken ? { ok: false, entries, ...broken } : { ok: true, entries };
    },
  };
}

/** Verifies a whole chain given as rows in id order. */
export function verifyAuditChain(/** @type {Iterable<AuditRow>} */ rows) {
  const verifier = chainVerifier();
  for (const row of rows) if (verifier.push(row)) break;
  return verifier.result();
}

/**
 * Reads the audit log page by page through `query(sql, [afterId, limit])` (any driver) and
 * verifies it.
 * @param {(sql: string, params: [string, number]) => Promise<AuditRow[]>} query
 */
export async function verifyAuditLog(query, pageSize = 1000) {
  const verifier = chainVerifier();
  let after = "0";
  for (;;) {
    const rows = await query(AUDIT_ROWS_SQL, [after, pageSize]);
    for (const row of rows) if (verifier.push(row)) return verifier.result();
    if (rows.length < pageSize) return verifier.result();
    after = String(rows[rows.length - 1]?.id);
  }
}

/** The line the script prints. */
export function describeResult(/** @type {ChainResult} */ result) {
  return result.ok ? `audit log: ${result.entries} entries, chain intact` : `audit log: chain broken at entry ${result.id} (${result.problem}): ${result.message}`;
}
