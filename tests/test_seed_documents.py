"""One test per seed document: what it names must be in its named graph.

A failure names what is missing, the graph it belongs in and the file to add it to.
"""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, ask
from jwc_graph.base.namespaces import ID

# seed file -> (data file, graph, [(entity IRI, a name the source uses for it)])
EXPECTED = {
    "000_ca0c81ca1fb9a128.txt": (
        "data/000-global-initiative-about.trig",
        "source/gi-about",
        [
            ("initiative/global-initiative", "Global Initiative on Justice With Children"),
            ("initiative/gi-global-milestone", "Global Milestone"),
            ("initiative/gi-community-of-practitioners", "Community of Practitioners"),
            ("event/gi-launch-2019", "Launch of the Global Initiative"),
            ("event/wc-2018", "World Congress"),
            ("event/wc-2021", "World Congress"),
            ("series/world-congress", "World Congress on Justice With Children"),
            ("place/palais-des-nations", "Palais des Nations"),
            ("place/unesco-house", "UNESCO House"),
            ("instrument/crc-convention", "Convention of the Right of the child"),
            ("goal/sdg-16", "SDG16"),
            ("priority/community-empowerment", "Community Empowerment"),
            ("priority/ending-child-detention", "Ending Child Detention"),
            ("priority/digital-justice", "Digital Justice for Children"),
            ("priority/justice-in-crises", "Justice in Times of Crises"),
            ("priority/neuroscience", "Neuroscience and Child Justice"),
            ("priority/world-congress", "World Congress on Justice With Children"),
        ],
    ),
    "001_c53beda7dd869f4c.txt": (
        "data/001-tdh-world-congress.trig",
        "source/tdh-world-congress",
        [
            ("org/tdh", "Tdh"),
            ("org/pri", "Penal Reform International"),
            ("org/iayfjm", "AIMJF"),
            ("org/un-latin-american-institute", "UN Latin American Institute on Crimes and Drugs"),
            ("series/world-congress", "World Congress on Justice for Children"),
            ("event/wc-2009", "2009"),
            ("event/wc-2015", "2015"),
            ("event/wc-2018", "2018"),
            ("event/wc-2021", "World Congress on Justice With Children 2021"),
            ("event/prep-merida", "North America"),
            ("event/prep-buenos-aires", "Latin America"),
            ("event/prep-costa-rica", "Central America"),
            ("event/prep-thailand", "Asia"),
            ("event/prep-kenya", "Africa"),
            ("place/lima", "Lima"),
            ("place/merida", "Merida"),
            ("place/buenos-aires", "Buenos Aires"),
            ("person/cedric-foussard", "Cedric FOUSSARD"),
            ("initiative/global-initiative", "Global Initiative on Justice WITH Children"),
        ],
    ),
    "002_8e60f8a0d942edc0.txt": (
        "data/002-global-forum.trig",
        "source/global-forum",
        [
            ("org/ngo-panel", "NGO Panel"),
            ("org/dci", "Defence for Children International"),
            ("org/tdh", "Terre des hommes"),
            ("org/srsg-vac", "Special Representative of the Secretary-General on Violence against Children"),
            ("event/global-forum", "Global Forum"),
            ("event/hlpf-2023", "High-Level Political Forum"),
            ("event/wc-2025", "2025"),
            ("publication/global-study", "UN Global Study on Children Deprived of Liberty"),
            ("commitment/global-forum-roadmap", "roadmap"),
            ("goal/sdg-16", "SDG 16"),
        ],
    ),
    "003_884ab8e145fcb7b3.txt": (
        "data/003-crin-juvenile-justice.trig",
        "source/crin-juvenile-justice",
        [
            ("org/cjag", "Child Justice Advocacy Group"),
            ("org/tdh", "Tdh"),
            ("org/pri", "PRI"),
            ("org/dci", "DCI"),
            ("org/crin", "CRIN"),
            ("org/omct", "OMCT"),
            ("org/iayfjm", "AIMJF"),
            ("org/vivere", "Vivere"),
            ("org/bice", "BICE"),
            ("org/shoruq", "Shoruq"),
            ("org/ipjj", "Inter Agency Panel on Juvenile Justice"),
            ("org/ecosoc", "ECOSOC"),
            ("partnership/crin-shoruq", "Shoruq"),
            ("initiative/dheisheh-legal-clinic", "Dheisheh Refugee Camp"),
            ("event/wc-2018", "World Congress on Justice for Children"),
            ("instrument/ecosoc-1997-30", "1997/30"),
            ("publication/global-study", "Global Study on Children Deprived of Liberty"),
        ],
    ),
    "004_ce8d08c06492f088.txt": (
        "data/004-ipjj-members.trig",
        "source/ipjj-members",
        [
            ("org/ipjj", "IPJJ"),
            ("org/crc", "Committee on the Rights of the Child"),
            ("org/crin", "Child Rights International Network"),
            ("org/dci", "Defence for Children International"),
            ("org/dpko", "DPKO"),
            ("org/iayfjm", "IAYFJM"),
            ("org/ijjo", "IJJO"),
            ("org/ohchr", "OHCHR"),
            ("org/omct", "World Organisation Against Torture"),
            ("org/pri", "Penal Reform International"),
            ("org/tdh", "Terre des hommes - child relief"),
            ("org/undp", "UNDP"),
            ("org/unicef", "UNICEF"),
            ("org/unodc", "UNODC"),
            ("org/sos-torture-network", "SOS-Torture Network"),
            ("org/unodc-cjru", "CJRU"),
            ("initiative/no-kids-behind-bars", "No Kids Behind Bars!"),
            ("initiative/crin-inhuman-sentencing", "inhuman sentencing"),
            ("instrument/crc-convention", "UN Convention on the Rights of the Child"),
            ("instrument/gc-10", "General Comment No.10"),
            ("series/iayfjm-world-congress", "World Congress"),
            ("series/ijjo-international-conference", "International Conference"),
            ("award/jjwb-award", "Juvenile Justice without Borders"),
            ("person/edmond-kaiser", "Edmond Kaiser"),
        ],
    ),
}

# seed file -> (coalition, role, expected members) stated by that seed
MEMBERSHIPS = {
    "002_8e60f8a0d942edc0.txt": ("org/ngo-panel", "role-co-chair", {"dci", "tdh"}),
    "003_884ab8e145fcb7b3.txt": (
        "org/cjag",
        "role-member",
        {"tdh", "pri", "dci", "crin", "omct", "iayfjm", "vivere", "bice"},
    ),
    "004_ce8d08c06492f088.txt": (
        "org/ipjj",
        "role-founding-member",
        {"crc", "crin", "dci", "dpko", "iayfjm", "ijjo", "ohchr", "omct", "pri", "tdh", "undp", "unicef", "unodc"},
    ),
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_entities_are_in_their_source_graph(store, seed):
    data_file, graph, entities = EXPECTED[seed]
    missing = []
    for iri, name in entities:
        q = f"""ASK {{ GRAPH <{ID}{graph}> {{
                  <{ID}{iri}> a ?type ; skos:prefLabel|skos:altLabel ?label .
                  FILTER (CONTAINS(LCASE(STR(?label)), LCASE({json.dumps(name)}))) }} }}"""
        if not ask(store, q):
            missing.append(f"  <{ID}{iri}> with a type and a name containing {name!r}")
    assert not missing, (
        f"seed {seed} names these, but graph <{ID}{graph}> does not have them:\n"
        + "\n".join(missing)
        + f"\nAdd them to {data_file} and run `make test`."
    )


@pytest.mark.parametrize("seed", sorted(MEMBERSHIPS))
def test_seed_memberships_are_in_their_source_graph(store, seed):
    coalition, role, members = MEMBERSHIPS[seed]
    graph, data_file = EXPECTED[seed][1], EXPECTED[seed][0]
    rows = store.query(f"""SELECT ?m WHERE {{ GRAPH <{ID}{graph}> {{
        ?ms <http://www.w3.org/ns/org#organization> <{ID}{coalition}> ;
            <http://www.w3.org/ns/org#member> ?m ;
            <http://www.w3.org/ns/org#role> <https://w3id.org/jwc/vocab/{role}> }} }}""")
    found = {r["m"].value.rsplit("/", 1)[-1] for r in rows}
    assert found == members, (
        f"seed {seed}: members of {coalition} with role {role} should be {sorted(members)}, "
        f"the graph has {sorted(found)}. Fix the org:Membership records in {data_file}."
    )


def test_every_seed_has_a_graph_and_a_catalogue_record(store):
    rows = store.query("""SELECT ?src ?file WHERE { GRAPH <https://w3id.org/jwc/id/graph/catalogue> {
        ?src a <https://w3id.org/jwc/ontology#Source> ; <https://w3id.org/jwc/ontology#seedFile> ?file } }""")
    catalogued = {r["file"].value: r["src"].value for r in rows}
    assert set(catalogued) == set(EXPECTED), "every seed document needs one jwc:Source record in data/sources.trig"
    for seed, (_, graph, _) in EXPECTED.items():
        assert catalogued[seed] == f"{ID}{graph}", f"{seed} is catalogued as {catalogued[seed]}, expected {ID}{graph}"
    if SEEDS.is_dir():
        on_disk = {p.name for p in SEEDS.glob("*.txt")}
        assert set(EXPECTED) == on_disk, f"seeds on disk {sorted(on_disk)} differ from those this test knows"
