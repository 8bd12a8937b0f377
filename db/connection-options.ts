/**
 * What every connection of ours to PostgreSQL is opened with.
 * - Notices (e.g. "relation already exists, skipping") are not ours to print.
 * - No array-type lookup: postgres.js runs it on every new connection, and when the server ends
 *   that connection mid-lookup (a restart, a cut) the error escapes as an unhandled rejection,
 *   which ends a Node process. Our statements send lists as literals and read no arrays back.
 */
export const CONNECTION_OPTIONS = { onnotice: () => {}, fetch_types: false } as const;
