-- Nothing reads raw events by type alone any more: health and the dashboards count from
-- EventDaily (docs/decisions/0013-health.md). Keeping the index cost about a third of the
-- time of every events API batch (bench/ingest.bench.ts).
-- DropIndex
DROP INDEX "Event_type_occurredAt_idx";
