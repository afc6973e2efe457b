from dlt.sources.rest_api import register_auth, register_paginator  # noqa: F401
