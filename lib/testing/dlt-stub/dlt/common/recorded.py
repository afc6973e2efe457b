"""dlt's classes as the stub records them: the arguments Python bound, by name (defaults not given are left out)."""
import inspect


class Recorded:
    _kind = ""
    _type = None

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls)
        bound = inspect.signature(cls.__init__).bind(self, *args, **kwargs)  # a TypeError as Python raises it
        params = inspect.signature(cls.__init__).parameters
        self._given = {k: v for k, v in bound.arguments.items() if k != "self" and not (v is None and params[k].default is None)}
        return self
