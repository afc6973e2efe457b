"""Runs each Python file given on the command line against the stub dlt package and prints, per file, the
configs rest_api_source/rest_api_resources received as JSON (markers for references, classes and code)."""
import contextlib
import inspect
import io
import json
import os
import runpy
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dlt  # noqa: E402
import dlt.sources  # noqa: E402,F401 - before os.environ is replaced (it finds the generated classes)
from dlt.common.recorded import Recorded  # noqa: E402


def _format(text):
    """A string with references' marks in it (an f-string of references): restplay's `{"$format": [...]}`."""
    pieces = text.split(dlt._Ref.MARK)
    parts = []
    for i, piece in enumerate(pieces):
        if i % 2:
            kind, name, get, param = piece.split(dlt._Ref.SEP)
            parts.append(_ref(kind, name, _flag(get), _flag(param)))
        elif piece:
            parts.append(piece)
    return {"$format": parts}


def _flag(text):
    """A mark's `get`/`param` field: none, True or a name."""
    return None if text == "" else True if text == "True" else text


def _ref(kind, name, get, param=None):
    if name is None:  # dlt.secrets.value not injected (a plain function's default): the placeholder, code to restplay
        return {"$python": True}
    return {f"${kind}": name, **({} if get is None else {"$get": get}), **({} if param is None else {"$param": param})}


def plain(v):
    if isinstance(v, dlt._Ref):
        return _ref(v.kind, v.name, v.get, v.param)
    if isinstance(v, str) and dlt._Ref.MARK in v:
        return _format(v)
    if isinstance(v, Recorded):
        given = {k: plain(x) for k, x in v._given.items()}
        return {"$class": type(v).__name__, "kind": v._kind, "type": v._type, "given": given}
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return {"$python": True}


def _unset(name, default):
    """An unset variable, as the playground has none: a default that is a value, else a secret of that name."""
    # Without a default (or None) Python gives None where it is not set: restplay reads it as dlt's get.
    return default if default not in (None, "") else dlt._Ref("secret", name, True if default is None else None)


class _Environ(dict):
    """os.environ / os.getenv as restplay reads them: a secret of that name, or the default Python falls back to."""

    def __getitem__(self, name):
        return dlt._Ref("secret", name)

    def get(self, name, default=None):
        return _unset(name, default)


def _getenv(name, default=None):
    return _unset(name, default)


def _call_functions(namespace):
    """Nothing recorded: call the file's own functions that need no arguments, as its user would."""
    for fn in list(namespace.values()):
        if inspect.isfunction(fn) and fn.__module__ == "__main__" and not dlt.recorded:
            if all(p.default is not inspect.Parameter.empty for p in inspect.signature(fn).parameters.values()):
                fn()


results = []
for path in sys.argv[1:]:
    dlt.recorded.clear()
    dlt._sources.clear()
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # as `python path` does: the user's modules beside it
    real_environ, real_getenv = os.environ, os.getenv
    os.environ, os.getenv = _Environ(), _getenv
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the pipeline's own prints
            namespace = runpy.run_path(path, run_name="__main__")
            for fn in list(dlt._sources):
                if not fn.called:
                    fn()
            _call_functions(namespace)
        configs = [{"config": plain(c["config"]), "source": c["source"]} for c in dlt.recorded]
        results.append({"file": path, "configs": configs})
    except BaseException as e:  # noqa: BLE001 - reported to the test
        results.append({"file": path, "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()[-600:]})
    finally:
        os.environ, os.getenv = real_environ, real_getenv
        sys.path.pop(0)
print(json.dumps(results))
