"""dlt 1.26's verdict on whole Python files, for scripts/dlt-diff-python.ts: reads one file path per line on
stdin, imports each file as a module up to where it would run a pipeline (the caller cuts it there), calls
its `@dlt.source`/`@dlt.resource` functions without arguments (dlt's caller may pass some: a TypeError is
not a verdict), and writes one JSON line per file: {"valid": bool, "error": "<type>: <first line>" | null}.
A missing secret (`ConfigFieldMissingException`), an environment variable the file reads (`os.environ[...]`)
and a module of the user's own (`import settings`) are valid: the file is right, they are not here. With
`--fake-secrets`, `dlt.secrets[...]` and `dlt.config[...]` give a stand-in value instead (a download's
loading snippet then builds the source); each file runs in its own folder (it may open files beside it).

  PYTHONPATH=<pendulum 3 wheel, unzipped> /opt/dlt-venv/bin/python scripts/import-python-files.py < paths.txt
"""
import importlib.util, json, os, sys, tempfile

os.environ.setdefault("RUNTIME__LOG_LEVEL", "CRITICAL")
os.chdir(tempfile.mkdtemp())  # dlt reads ./.dlt/*.toml: none here
from dlt.common.configuration.exceptions import ConfigFieldMissingException

if "--fake-secrets" in sys.argv:
    from dlt.common.configuration.accessors import _ConfigAccessor, _SecretsAccessor

    _SecretsAccessor.__getitem__ = lambda self, k: f"stand-in-{k}"
    _ConfigAccessor.__getitem__ = lambda self, k: f"stand-in-{k}"

for n, line in enumerate(sys.stdin):
    path = line.strip()
    name = f"restplay_case_{n}"
    os.chdir(os.path.dirname(os.path.abspath(path)))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dlt's decorators look their module up
        spec.loader.exec_module(module)
        for v in list(vars(module).values()):
            if callable(v) and getattr(v, "__module__", None) == name and hasattr(v, "__wrapped__"):
                try:
                    v()
                except TypeError:
                    pass
        out = {"valid": True, "error": None}
    except ConfigFieldMissingException:
        out = {"valid": True, "error": None}
    except ModuleNotFoundError as e:
        ours = (e.name or "").split(".")[0] not in ("dlt",)
        out = {"valid": ours, "error": None if ours else f"ModuleNotFoundError: {e}"}
    except KeyError as e:  # os.environ["NAME"] of a variable not set here
        env = len(e.args) == 1 and isinstance(e.args[0], str) and e.args[0].isupper()
        out = {"valid": env, "error": None if env else f"KeyError: {e}"}
    except Exception as e:  # dlt's (or Python's) own verdict, whatever it raises
        out = {"valid": False, "error": f"{type(e).__name__}: {str(e).splitlines()[0][:300] if str(e) else ''}"}
    print(json.dumps(out), flush=True)
