"""Full-data work on the table's own engine (polars, DuckDB, pandas, Spark) through narwhals."""
