"""A stub of dlt for tests (written by restplay, not dlt): records the configs the rest_api source receives.

Secrets and config values are markers (`{"$secret": name}`), dlt's classes record their bound arguments,
callables are `{"$callable": true}`. `recorded` lists every config, in call order; `run.py` prints it.
A reference formatted into text (an f-string, `"a" + ref`, `str(ref)`) leaves a mark in the string
(`_Ref.mark`) that `run.py` turns into restplay's `{"$format": [...]}`.
"""
import functools
import inspect

recorded = []
_sources = []
#: The @dlt.source function running now (its name is the section dlt reads its secrets from).
_current = []


class _Ref:
    #: Delimits a reference's mark inside a string: `\x00secret\x01name\x00`.
    MARK, SEP = "\x00", "\x01"

    def __init__(self, kind, name, get=None, param=None):
        #: `get`: read with dlt's `get` (True, or the name of the type given to it), as restplay's `"$get"`.
        #: `param`: injected into a @dlt.source parameter (True, or the decorator's section), as restplay's `"$param"`.
        self.kind, self.name, self.get, self.param = kind, name, get, param

    def mark(self):
        get = "" if self.get is None else self.get
        param = "" if self.param is None else self.param
        return f"{self.MARK}{self.kind}{self.SEP}{self.name}{self.SEP}{get}{self.SEP}{param}{self.MARK}"

    def __format__(self, spec):
        return self.mark()

    def __str__(self):
        return self.mark()

    def __add__(self, other):
        return self.mark() + other if isinstance(other, str) else NotImplemented

    def __radd__(self, other):
        return other + self.mark() if isinstance(other, str) else NotImplemented


class _Values:
    """`dlt.secrets` / `dlt.config`: `[name]`, `.get(name)`, and `.value` as a parameter default."""

    def __init__(self, kind):
        self.kind = kind
        self.value = _Ref(kind, None)

    def __getitem__(self, name):
        return _Ref(self.kind, name)

    def get(self, name, expected_type=None):
        return _Ref(self.kind, name, expected_type.__name__ if isinstance(expected_type, type) else True)


secrets = _Values("secret")
config = _Values("config")


def source(fn=None, name=None, section=None, **_kwargs):
    """`@dlt.source`: parameters defaulting to dlt.secrets.value/dlt.config.value read `sources.<source>.<param>`,
    injected (`"$param"`: dlt looks them up under the module's section, `section=`, and the shorter names too)."""

    def wrap(f):
        source_name = name or f.__name__

        @functools.wraps(f)
        def call(*args, **kwargs):
            wrapper.called = True
            bound = inspect.signature(f).bind_partial(*args, **kwargs)
            for p in inspect.signature(f).parameters.values():
                if p.name in bound.arguments:
                    continue
                if isinstance(p.default, _Ref) and p.default.name is None:
                    bound.arguments[p.name] = _Ref(p.default.kind, f"sources.{source_name}.{p.name}", None, section or True)
                elif p.default is inspect.Parameter.empty:  # dlt resolves it from its config providers
                    bound.arguments[p.name] = _Ref("config", f"sources.{source_name}.{p.name}")
            _current.append(source_name)
            try:
                out = f(*bound.args, **bound.kwargs)
                if inspect.isgenerator(out):
                    out = list(out)
            finally:
                _current.pop()
            return out

        wrapper = call
        wrapper.called = False
        _sources.append(wrapper)
        return wrapper

    return wrap(fn) if callable(fn) else wrap


resource = source


class _Pipeline:
    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def run(self, data, **_kwargs):
        if inspect.isgenerator(data):
            list(data)
        return "load info (stub)"


def pipeline(*args, **kwargs):
    return _Pipeline(**kwargs)
