"""`from dlt.common.pendulum import pendulum`: dates as the stub needs them (any call gives a fixed date)."""


class _Date:
    def __getattr__(self, _name):
        return lambda *args, **kwargs: self

    def to_iso8601_string(self):
        return "2024-01-01T00:00:00Z"

    def isoformat(self):
        return "2024-01-01T00:00:00+00:00"


class pendulum:  # noqa: N801 - dlt's name
    today = now = yesterday = datetime = parse = staticmethod(lambda *args, **kwargs: _Date())
