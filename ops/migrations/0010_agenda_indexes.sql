-- Indexes for the agenda at national scale (measured with the benchmarks' national dataset,
-- 50,000 contracts, 500,000 tariff lines, 12,500 investigations):
-- tariff lines below a floor are found from the (few) floors instead of every line in the
-- window, and the investigations the agenda shows (open, with an open plan, or with an
-- unresolved critical finding) are a partial index instead of a scan of every body, with
-- what the agenda reads of them (it parses a body only when its version is new to it).
CREATE INDEX tariff_line_product_idx
  ON contracts.tariff_line (product_category, product_code, index_year);
CREATE INDEX investigation_agenda_idx
  ON supervision.investigation (provider_id) INCLUDE (id, version, updated_at)
  WHERE status <> 'concluded'
     OR jsonb_path_exists(body, '$.plans[*] ? (@.closed == false)')
     OR jsonb_path_exists(body, '$.findings[*] ? (@.severity == "critical" && @.resolved == false)');
