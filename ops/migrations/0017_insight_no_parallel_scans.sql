-- Contract management information reads a municipality's rows of the message tables through
-- their municipality indexes: a few thousand index lookups a call. At national scale the planner
-- would start parallel workers for them, and on a small machine starting the workers costs more
-- than it saves (a municipality's quarter: 60-90 ms p50 with them, 31-34 ms without).
-- So these tables are never scanned in parallel; nothing else changes.
ALTER TABLE insight.message SET (parallel_workers = 0);
ALTER TABLE insight.allocation SET (parallel_workers = 0);
ALTER TABLE insight.care_line SET (parallel_workers = 0);
ALTER TABLE insight.request SET (parallel_workers = 0);
ALTER TABLE insight.claim SET (parallel_workers = 0);
ALTER TABLE insight.claim_line SET (parallel_workers = 0);
ALTER TABLE insight.claim_answer SET (parallel_workers = 0);
ALTER TABLE insight.rejected_line SET (parallel_workers = 0);
