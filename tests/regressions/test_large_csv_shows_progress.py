"""`jwc validate` of a 1M-row CSV ran over 75 s and 4.5 GB showing nothing. Submissions past 2,000 records are
now validated in batches (memory bounded by the batch), with "validated N of M records" on stderr."""

from __future__ import annotations

import csv

import pytest

from conftest import run_jwc

pytestmark = pytest.mark.slow


def test_a_csv_of_several_batches_reports_progress_and_still_finds_a_duplicate_across_batches(built, tmp_path):
    path = tmp_path / "many.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "slug",
                "name",
                "language",
                "type",
                "acronyms",
                "other_names",
                "description",
                "founded",
                "country",
                "themes",
            ]
        )
        for i in range(4100):
            w.writerow(["", f"Progress Test Organisation {i}", "en", "NGO", "", "", "A test.", "2009", "", ""])
        w.writerow(["late-duplicate", "Progress Test Organisation 3", "en", "NGO", "", "", "", "", "", ""])
    proc = run_jwc("validate", str(path), cwd=built.root)
    err, out = proc.stderr.decode(), proc.stdout.decode()
    assert "validated 2,000 of 4,101 records" in err and "validated 4,101 of 4,101 records" in err
    assert "jo:late-duplicate" in out and "progress-test-organisation-3" in out, "a duplicate two batches apart"
