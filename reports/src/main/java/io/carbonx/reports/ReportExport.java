package io.carbonx.reports;

import java.nio.file.Path;

/**
 * Writes a report's table as a Parquet file, for a regulator's warehouse: the analytic store does it
 * ({@link io.carbonx.reports.store.StoreSql#exportParquet(Table, String)}); without the store reports are CSV and
 * JSON only.
 */
@FunctionalInterface
public interface ReportExport
{
    /**
     * @param name names the file, e.g. {@code market-2026-12-07}.
     * @return a temporary file the caller deletes once sent.
     */
    Path parquet(Table table, String name);
}
