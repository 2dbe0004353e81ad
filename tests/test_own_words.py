"""Data in our own words: no literal in data/ or ontology/ repeats twelve consecutive words of a source.

What the graph holds from a source are its facts and figures, not its sentences (issue 15). A literal may
quote a source only briefly: fewer than twelve words in a row (the words a source uses for a figure or a
commitment go in `jwc:asStated`). There is no exception list: every literal of every RDF file under data/
(data/submissions/ included) and ontology/ is checked, but for web addresses (`xsd:anyURI`, a source's
`schema:url`): an address is copied exactly, as a citation must be, and a page's address often spells out
its title, which the page repeats.

How text is compared: it is lower-cased and cut into words at every character that is not a letter or a
digit (`words`); each run of 12 consecutive words, joined by single spaces, is a shingle, and its SHA-256
hex digest is what is compared (`shingles`). A literal fails when one of its shingles' hashes is in
tests/fixtures/source-shingles.txt, and the failure names the file, the subject, the property and the words.

The fixture holds hashes only, never the sources' text, so the check runs on a clean clone (CI) where the
seed documents (../shared/seeds/*.txt beside the repository, `conftest.SEEDS`) are absent. Its format: one
lower-case hex SHA-256 per line, sorted; blank lines and lines starting with `#` are ignored. The order does
not matter to the check, and hashes from any number of sources can share the file.

Making the fixture:

- the seed documents: `.venv/bin/python -m pytest tests/test_own_words.py --update-golden` adds the hashes of
  every ../shared/seeds/*.txt to the file, keeping every hash already there (those of other sources), and
  writes it sorted (the hashes of a seed's earlier text stay; they can only make the check stricter).
  Without that option, `test_the_fixture_holds_every_seed` fails when a seed's hashes are missing, so the
  fixture cannot go stale.
- a newly cited public page: save the text of the page (or the excerpt the project read) to a file, then
  `.venv/bin/python tests/test_own_words.py page.txt [more.txt ...]` adds the hashes of its shingles the same
  way, or call `add_to_fixture(shingles(text))` from Python. Commit the fixture, never the text.

When two branches both add hashes, resolve a conflict in the fixture by keeping the lines of both and sorting
them again (`sort -u`; comment lines first).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import REPO, SEEDS
from jwc_graph.rdf.files import parse_file
from jwc_graph.rdf.formats import for_path

#: How many consecutive words a literal may not share with a source.
WINDOW = 12
FIXTURE = REPO / "tests" / "fixtures" / "source-shingles.txt"
#: The folders whose RDF files are checked, relative to the project's root.
CHECKED = ("data", "ontology")
HEADER = [
    "# SHA-256 (hex) of every 12-word window of the source texts the project has read, one per line, sorted.",
    "# Text is lower-cased and cut into words at every character that is not a letter or digit; a window is",
    "# 12 consecutive words joined by single spaces. Never the text itself. See tests/test_own_words.py.",
]
SEEDS_NOTE = "# seeds:"
ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
HEX = re.compile(r"[0-9a-f]{64}")
UPDATE = "run `.venv/bin/python -m pytest tests/test_own_words.py --update-golden` and commit the fixture"


def words(text: str) -> list[str]:
    """The text lower-cased and cut into words at every character that is not a letter or a digit."""
    return re.findall(r"[^\W_]+", text.lower())


def window_hash(window: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(window).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """The SHA-256 hex digests of every run of WINDOW consecutive words of `text` (none if it is shorter)."""
    ws = words(text)
    return {window_hash(ws[i : i + WINDOW]) for i in range(len(ws) - WINDOW + 1)}


def read_fixture(path: Path = FIXTURE) -> tuple[list[str], set[str]]:
    """The fixture's comment lines and its hashes; a line that is neither is an error naming the line."""
    comments, hashes = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            comments.append(line)
        elif HEX.fullmatch(line):
            hashes.add(line)
        else:
            raise ValueError(f"{path.name}:{number}: not a lower-case hex SHA-256 nor a # comment: {line[:80]!r}")
    return comments, hashes


def add_to_fixture(new: set[str], note: str | None = None, path: Path = FIXTURE) -> int:
    """Add hashes to the fixture, keeping those already there; comments first, then every hash sorted.

    `note`, a comment line, replaces an earlier comment that starts with the same words before its colon.
    Returns how many hashes were new.
    """
    comments, hashes = read_fixture(path) if path.is_file() else (list(HEADER), set())
    if note:
        key = note.split(":", 1)[0] + ":"
        comments = [c for c in comments if not c.startswith(key)] + [note]
    added = len(new - hashes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*comments, *sorted(hashes | new)]) + "\n", encoding="utf-8")
    return added


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def literals(root: Path) -> Iterator[tuple[str, ox.Quad]]:
    """(file relative to `root`, quad) for every quad with a literal object in the RDF files under CHECKED."""
    for folder in CHECKED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and for_path(path) is not None:
                display = path.relative_to(root).as_posix()
                for quad in parse_file(path, "data", display).quads:
                    if isinstance(quad.object, ox.Literal):
                        yield display, quad


def shared_runs(text: str, hashes: set[str]) -> list[str]:
    """The runs of words `text` shares with a source: overlapping matching windows joined into one run."""
    ws = words(text)
    hits = [i for i in range(len(ws) - WINDOW + 1) if window_hash(ws[i : i + WINDOW]) in hashes]
    runs: list[list[int]] = []
    for i in hits:
        if runs and i <= runs[-1][1]:
            runs[-1][1] = i + WINDOW
        else:
            runs.append([i, i + WINDOW])
    return [" ".join(ws[a:b]) for a, b in runs]


def copied_literals(root: Path, hashes: set[str]) -> tuple[int, list[str]]:
    """How many literals were checked, and one line for each that shares WINDOW or more words with a source."""
    checked, problems = 0, []
    for display, quad in literals(root):
        if quad.object.datatype == ANY_URI:
            continue  # a web address, copied exactly (see the module's docstring)
        checked += 1
        for run in shared_runs(quad.object.value, hashes):
            problems.append(
                f"{display}: {quad.subject} {quad.predicate} shares {len(run.split())} consecutive words "
                f'with a source: "{run}"'
            )
    return checked, problems


def test_the_fixture_holds_every_seed(request):
    """The fixture has the hashes of every seed document, so it cannot go stale; --update-golden adds them."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent (a clean clone): the fixture is checked where the seeds are")
    texts = seed_texts()
    assert texts, f"no seed documents in {SEEDS}"
    expected = set().union(*(shingles(t) for t in texts.values()))
    if request.config.getoption("--update-golden"):
        note = f"{SEEDS_NOTE} ../shared/seeds/*.txt, {len(texts)} documents, {len(expected)} windows"
        add_to_fixture(expected, note)
    assert FIXTURE.is_file(), "tests/fixtures/source-shingles.txt is missing: " + UPDATE
    _comments, hashes = read_fixture()
    stale = {name: len(shingles(text) - hashes) for name, text in texts.items() if shingles(text) - hashes}
    assert not stale, f"the fixture lacks windows of these seeds {stale}: " + UPDATE


def test_no_literal_repeats_twelve_words_of_a_source():
    _comments, hashes = read_fixture()
    assert hashes, "tests/fixtures/source-shingles.txt holds no hashes: " + UPDATE
    checked, problems = copied_literals(REPO, hashes)
    assert checked > 100, f"only {checked} literals found under {', '.join(CHECKED)}/: is the check reading them?"
    assert not problems, (
        f"{len(problems)} literals repeat {WINDOW} or more consecutive words of a source. Say what the source "
        f"states in your own words (a quote of fewer than {WINDOW} words may go in jwc:asStated):\n"
        + "\n".join(problems)
    )


SOURCE = (
    "The Riverside Juvenile Court Project trains volunteer mentors, visits detention centres every month "
    "and publishes a yearly report on how many children wait for trial."
)


def _project(root: Path, literal: str) -> Path:
    (root / "ontology").mkdir(parents=True)
    (root / "data" / "submissions").mkdir(parents=True)
    trig = root / "data" / "submissions" / "sample.trig"
    trig.write_text(
        "<https://w3id.org/jwc/id/source/sample> {\n"
        f"  <https://w3id.org/jwc/id/org/sample> <http://purl.org/dc/terms/description> {literal} .\n"
        "}\n",
        encoding="utf-8",
    )
    return trig


def test_the_check_catches_twelve_words_of_a_source_in_any_case_and_punctuation(tmp_path):
    copied = '"Our partner TRAINS volunteer-mentors; visits detention centres, every month, and publishes a YEARLY report."@en'
    _project(tmp_path, copied)
    checked, problems = copied_literals(tmp_path, shingles(SOURCE))
    assert checked == 1 and len(problems) == 1, problems
    assert problems[0].startswith("data/submissions/sample.trig: <https://w3id.org/jwc/id/org/sample> ")
    assert '13 consecutive words with a source: "trains volunteer mentors visits detention centres every' in problems[0]


def test_eleven_words_of_a_source_pass(tmp_path):
    _project(
        tmp_path, '"It trains volunteer mentors, visits detention centres every month and publishes a newsletter."@en'
    )
    assert copied_literals(tmp_path, shingles(SOURCE)) == (1, [])


def test_a_web_address_that_spells_out_a_pages_title_passes(tmp_path):
    """A source's schema:url is copied exactly; its words may be the page's title, which the page repeats."""
    slug = "-".join(words(SOURCE)[:14])
    _project(tmp_path, f'"https://example.org/{slug}/"^^<http://www.w3.org/2001/XMLSchema#anyURI>')
    assert copied_literals(tmp_path, shingles(SOURCE)) == (0, [])


def test_the_committed_fixture_catches_twelve_words_of_each_seed(tmp_path):
    """Twelve words from the middle of each seed, put in a literal, fail the check against the committed fixture."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent (a clean clone): no seed text to copy from")
    _comments, hashes = read_fixture()
    for name, text in seed_texts().items():
        ws = words(text)
        middle = len(ws) // 2
        piece = " ".join(ws[middle : middle + WINDOW]).upper()
        root = tmp_path / name
        _project(root, f'"Copied: {piece}."@en')
        _checked, problems = copied_literals(root, hashes)
        assert len(problems) == 1 and piece.lower() in problems[0], f"{name}: {problems}"


def test_the_fixture_is_well_formed():
    """Only hashes and comments, so that a stray line of text cannot slip into the repository."""
    comments, hashes = read_fixture()
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == len(comments) + len(hashes), "the fixture repeats a hash: keep one of each"


if __name__ == "__main__":
    # .venv/bin/python tests/test_own_words.py page.txt [...]: add the shingles of these texts to the fixture.
    if len(sys.argv) < 2:
        sys.exit("usage: python tests/test_own_words.py TEXT_FILE [TEXT_FILE ...]")
    for name in sys.argv[1:]:
        text = Path(name).read_text(encoding="utf-8")
        print(f"{name}: {len(shingles(text))} windows, {add_to_fixture(shingles(text))} new")
