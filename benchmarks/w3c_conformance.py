"""Count the W3C SPARQL 1.1 query-evaluation tests jwc passes and pyoxigraph alone passes (the figures behind
tests/test_w3c_evaluation.py, which asserts that the first set holds the second).

    .venv/bin/python benchmarks/w3c_conformance.py              # jwc as it is used now
    .venv/bin/python benchmarks/w3c_conformance.py --old-usage  # as `jwc query Q.rq --data D --data G` was used
    PYTHONPATH=/work/main/src .venv/bin/python benchmarks/w3c_conformance.py --old-usage   # another checkout's jwc

Now: the test's data is the default graph (`--default-graph`), its graph data named graphs (`--data`), and the
query's base IRI its file's. --old-usage: every file given with --data (so each became a named graph and the
default graph their union) and no base IRI, the only way before `--default-graph` and `--base`.
The suite is read from the committed copy, tests/vendor/w3c-sparql11 (173 tests; its README says where from), or
from the checkout of w3c/rdf-tests JWC_W3C_RDF_TESTS names (219 tests at the commit tests/vendor/w3c-rdf-tests names).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import w3c_suite as suite
from jwc_graph.api import open_graph


def run_old_usage(case: suite.EvaluationTest) -> suite.Outcome:
    """jwc used as before: every file a named graph, no base IRI (an empty store when the test has no files)."""
    files = [*case.data, *case.graph_data]
    text = case.query.read_text(encoding="utf-8")
    if files:
        answer = open_graph(files=files).query(text)
    else:
        import pyoxigraph as ox

        from jwc_graph.sparql import query

        answer = query.run(ox.Store(), text)
    if answer.form == "ask":
        return suite.Outcome("boolean", boolean=answer.boolean)
    if answer.form == "construct":
        return suite.Outcome("graph", triples=answer.triples)
    return suite.Outcome("solutions", rows=[{k: v for k, v in r.items() if v is not None} for r in answer.terms()])


def attempt(run, case) -> str | None:
    try:
        return suite.difference(
            suite.expected(case.result), run(case), suite.top_level_order(case.query.read_text(encoding="utf-8"))
        )
    except Exception as err:
        return f"{type(err).__name__}: {getattr(err, 'message', err)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old-usage", action="store_true", help="run jwc as `--data` for every file, no base IRI")
    parser.add_argument("--list", action="store_true", help="list each test either of them fails, with why")
    args = parser.parse_args()
    if not suite.present():
        sys.exit(suite.MISSING)
    jwc_run = run_old_usage if args.old_usage else suite.run_jwc
    cases = suite.evaluation_tests()
    raw_fails, jwc_fails = {}, {}
    for case in cases:
        raw, jwc = attempt(suite.run_raw, case), attempt(jwc_run, case)
        if raw:
            raw_fails[case.id] = raw
        if jwc:
            jwc_fails[case.id] = jwc
    print(f"{len(cases)} QueryEvaluationTests of {', '.join(suite.EVALUATION)}")
    print(f"pyoxigraph alone passes {len(cases) - len(raw_fails)}")
    print(f"jwc{' (old usage)' if args.old_usage else ''} passes {len(cases) - len(jwc_fails)}")
    only_raw = sorted(set(jwc_fails) - set(raw_fails))
    print(f"passed by pyoxigraph but not by jwc: {len(only_raw)}")
    if args.list:
        for test_id in sorted(set(raw_fails) | set(jwc_fails)):
            for who, fails in (("raw", raw_fails), ("jwc", jwc_fails)):
                if test_id in fails:
                    print(f"  {test_id} [{who}] {fails[test_id].splitlines()[0]}")


if __name__ == "__main__":
    main()
