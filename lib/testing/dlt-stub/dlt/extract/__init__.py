from dlt.sources import incremental as Incremental  # noqa: F401
