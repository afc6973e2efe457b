from dlt.sources.helpers.rest_client.incremental import incremental

Incremental = incremental
