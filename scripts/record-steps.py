"""scripts/dlt-diff.ts --steps: real dlt 1.26.0 on one Python file (its `config`, processing steps and all).

  /opt/dlt-venv/bin/python scripts/record-steps.py CASE.py

The file is imported as a module (its functions keep it as their globals, as dlt sees them) and its `config` run
by the oracle's `run(config, full=True)` (../shared/tools/dlt-oracle/oracle.py): one JSON object on stdout, as
`oracle.py run --full` prints it.
"""
import importlib.util, json, os, shutil, sys

ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/tools/dlt-oracle/oracle.py")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main():
    oracle = load("oracle", ORACLE)  # first: it isolates dlt from ~/.dlt and telemetry before dlt is imported
    case = load("case", os.path.abspath(sys.argv[1]))
    os.chdir(oracle._TMP)
    try:
        res = oracle.run(case.config, True)
    finally:
        os.chdir("/")
        shutil.rmtree(oracle._TMP, ignore_errors=True)
    print(json.dumps(res, indent=2, default=str))


if __name__ == "__main__":
    main()
