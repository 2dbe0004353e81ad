"""`jwc synth`: a realistic, shape-conforming synthetic graph of about N triples, for scale tests and benchmarks.

The TriG text is written directly (no RDF library in the loop) so that a million triples stream out in
seconds, byte-identical for a seed. Every IRI is minted under https://w3id.org/jwc/id/<kind>/synth-...,
so synthetic data never collides with curated data, and every source graph is catalogued.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..base.atomic import atomic_open
from ..base.namespaces import CATALOGUE_GRAPH, PREFIXES

USED_PREFIXES = (
    "jwc",
    "voc",
    "src",
    "jo",
    "jm",
    "jpa",
    "ji",
    "je",
    "js",
    "jc",
    "jout",
    "jr",
    "jpr",
    "jt",
    "jg",
    "jl",
    "jpub",
    "jaw",
    "jpl",
    "jp",
    "jf",
    "jgap",
    "xsd",
    "skos",
    "dcterms",
    "org",
    "schema",
    "time",
)

REGIONS = [
    "Africa",
    "Asia",
    "Europe",
    "Latin America",
    "Middle East and North Africa",
    "North America",
    "Pacific",
    "Caribbean",
    "Central Asia",
    "South Asia",
]
# (city, country, region index)
CITIES = [
    ("Nairobi", "Kenya", 0),
    ("Mombasa", "Kenya", 0),
    ("Kampala", "Uganda", 0),
    ("Dakar", "Senegal", 0),
    ("Accra", "Ghana", 0),
    ("Lagos", "Nigeria", 0),
    ("Abuja", "Nigeria", 0),
    ("Addis Ababa", "Ethiopia", 0),
    ("Johannesburg", "South Africa", 0),
    ("Cape Town", "South Africa", 0),
    ("Lusaka", "Zambia", 0),
    ("Bamako", "Mali", 0),
    ("Kigali", "Rwanda", 0),
    ("Dar es Salaam", "Tanzania", 0),
    ("Bangkok", "Thailand", 1),
    ("Chiang Mai", "Thailand", 1),
    ("Manila", "Philippines", 1),
    ("Jakarta", "Indonesia", 1),
    ("Hanoi", "Viet Nam", 1),
    ("Phnom Penh", "Cambodia", 1),
    ("Tokyo", "Japan", 1),
    ("Seoul", "Republic of Korea", 1),
    ("Kuala Lumpur", "Malaysia", 1),
    ("Geneva", "Switzerland", 2),
    ("Lausanne", "Switzerland", 2),
    ("Paris", "France", 2),
    ("Lyon", "France", 2),
    ("Brussels", "Belgium", 2),
    ("Vienna", "Austria", 2),
    ("Berlin", "Germany", 2),
    ("Madrid", "Spain", 2),
    ("Barcelona", "Spain", 2),
    ("Rome", "Italy", 2),
    ("Lisbon", "Portugal", 2),
    ("London", "United Kingdom", 2),
    ("Dublin", "Ireland", 2),
    ("Oslo", "Norway", 2),
    ("Stockholm", "Sweden", 2),
    ("Warsaw", "Poland", 2),
    ("Bucharest", "Romania", 2),
    ("The Hague", "Netherlands", 2),
    ("Strasbourg", "France", 2),
    ("Lima", "Peru", 3),
    ("Bogotá", "Colombia", 3),
    ("Medellín", "Colombia", 3),
    ("Buenos Aires", "Argentina", 3),
    ("Santiago", "Chile", 3),
    ("São Paulo", "Brazil", 3),
    ("Brasília", "Brazil", 3),
    ("Quito", "Ecuador", 3),
    ("La Paz", "Bolivia", 3),
    ("San José", "Costa Rica", 3),
    ("Guatemala City", "Guatemala", 3),
    ("Montevideo", "Uruguay", 3),
    ("Beirut", "Lebanon", 4),
    ("Amman", "Jordan", 4),
    ("Tunis", "Tunisia", 4),
    ("Cairo", "Egypt", 4),
    ("Rabat", "Morocco", 4),
    ("Ramallah", "State of Palestine", 4),
    ("Mérida", "Mexico", 5),
    ("Mexico City", "Mexico", 5),
    ("Montreal", "Canada", 5),
    ("Ottawa", "Canada", 5),
    ("New York", "United States", 5),
    ("Washington", "United States", 5),
    ("Suva", "Fiji", 6),
    ("Port Moresby", "Papua New Guinea", 6),
    ("Apia", "Samoa", 6),
    ("Kingston", "Jamaica", 7),
    ("Port of Spain", "Trinidad and Tobago", 7),
    ("Santo Domingo", "Dominican Republic", 7),
    ("Almaty", "Kazakhstan", 8),
    ("Bishkek", "Kyrgyzstan", 8),
    ("Tashkent", "Uzbekistan", 8),
    ("Dhaka", "Bangladesh", 9),
    ("Kathmandu", "Nepal", 9),
    ("New Delhi", "India", 9),
    ("Colombo", "Sri Lanka", 9),
    ("Islamabad", "Pakistan", 9),
]
VENUES = [
    "Palais des Congrès",
    "International Conference Centre",
    "Convention Centre",
    "University Aula Magna",
    "Palace of Justice",
    "UN House",
    "Parliament House",
    "Cultural Centre",
]
# (slug, label, broader slug): a three-level hierarchy for skos:broader* paths.
THEMES = [
    ("child-justice", "child justice", None),
    ("access-to-justice", "access to justice", "child-justice"),
    ("legal-aid", "legal aid and representation", "access-to-justice"),
    ("child-friendly-procedures", "child-friendly justice procedures", "access-to-justice"),
    ("child-participation", "child participation", "access-to-justice"),
    ("deprivation-of-liberty", "deprivation of liberty", "child-justice"),
    ("alternatives-to-detention", "alternatives to detention", "deprivation-of-liberty"),
    ("conditions-of-detention", "conditions of detention", "deprivation-of-liberty"),
    ("pre-trial-detention", "pre-trial detention", "deprivation-of-liberty"),
    ("restorative-justice", "restorative justice", "child-justice"),
    ("diversion", "diversion from judicial proceedings", "restorative-justice"),
    ("mediation", "victim-offender mediation", "restorative-justice"),
    ("crime-prevention", "crime prevention", "child-justice"),
    ("violence-prevention", "prevention of violence against children", "crime-prevention"),
    ("violent-extremism", "disengagement from violent extremism", "crime-prevention"),
    ("sentencing", "sentencing of children", "child-justice"),
    ("minimum-age", "minimum age of criminal responsibility", "sentencing"),
    ("inhuman-sentencing", "inhuman sentencing", "sentencing"),
    ("child-protection-systems", "child protection systems", "child-justice"),
    ("victims-and-witnesses", "child victims and witnesses", "child-protection-systems"),
    ("street-children", "children in street situations", "child-protection-systems"),
    ("justice-in-crises", "justice in times of crises", "child-justice"),
    ("armed-conflict", "children associated with armed forces", "justice-in-crises"),
    ("migrant-children", "migrant and refugee children", "justice-in-crises"),
    ("digital-justice", "digital justice for children", "child-justice"),
]
# (slug, label, notation, broader slug): goals and targets, three levels deep.
GOALS = [
    ("sdgs", "Sustainable Development Goals", None, None),
    ("sdg-4", "Sustainable Development Goal 4: quality education", "4", "sdgs"),
    ("sdg-5", "Sustainable Development Goal 5: gender equality", "5", "sdgs"),
    ("sdg-8", "Sustainable Development Goal 8: decent work", "8", "sdgs"),
    ("sdg-10", "Sustainable Development Goal 10: reduced inequalities", "10", "sdgs"),
    ("sdg-16", "Sustainable Development Goal 16: peace, justice and strong institutions", "16", "sdgs"),
    ("sdg-17", "Sustainable Development Goal 17: partnerships for the goals", "17", "sdgs"),
    ("target-4-7", "SDG target 4.7: education for human rights", "4.7", "sdg-4"),
    ("target-5-2", "SDG target 5.2: eliminate violence against women and girls", "5.2", "sdg-5"),
    ("target-8-7", "SDG target 8.7: end child labour", "8.7", "sdg-8"),
    ("target-10-2", "SDG target 10.2: social inclusion of all", "10.2", "sdg-10"),
    ("target-16-2", "SDG target 16.2: end abuse, exploitation and violence against children", "16.2", "sdg-16"),
    ("target-16-3", "SDG target 16.3: equal access to justice for all", "16.3", "sdg-16"),
    ("target-16-9", "SDG target 16.9: legal identity for all", "16.9", "sdg-16"),
    ("target-16-a", "SDG target 16.a: strengthen national institutions", "16.a", "sdg-16"),
    ("target-17-17", "SDG target 17.17: effective partnerships", "17.17", "sdg-17"),
]
# org kind -> (class, weight, name templates); {c} country, {r} region, {t} theme, {s} surname, {x} city.
ORG_KINDS = {
    "ngo": (
        "jwc:NGO",
        40,
        [
            "Children's Legal Centre of {c}",
            "{c} Coalition for Children's Rights",
            "Defence of Children {x}",
            "Friends of {t} in {c}",
            "{x} Youth Justice Initiative",
            "Association for {t}, {c}",
            "Save the Children of {x}",
            "Child Rights Watch {c}",
            "{c} Institute for Juvenile Justice",
            "Centre for {t} ({x})",
        ],
    ),
    "foundation": ("jwc:Foundation", 8, ["{s} Foundation for Children", "{s} Foundation", "{x} Children's Trust"]),
    "association": (
        "jwc:ProfessionalAssociation",
        8,
        [
            "{c} Association of Youth and Family Judges",
            "Association of Juvenile Lawyers of {c}",
            "{r} Association of Child Psychologists",
            "{x} Bar Association, Children's Section",
        ],
    ),
    "observatory": ("jwc:Observatory", 3, ["{r} Observatory on Juvenile Justice", "{c} Observatory of {t}"]),
    "un-agency": ("jwc:UNAgency", 5, ["United Nations Fund for Children in {r}", "UN Programme on {t} for {r}"]),
    "un-department": (
        "jwc:UNDepartment",
        2,
        ["UN Office for {t} ({r})", "Department of Child Protection, {r} Mission"],
    ),
    "un-institute": ("jwc:UNInstitute", 2, ["{r} Institute for Crime Prevention and Child Justice"]),
    "treaty-body": ("jwc:TreatyBody", 1, ["Committee on {t} of the {r} Charter"]),
    "igo": (
        "jwc:IntergovernmentalOrganisation",
        3,
        ["{r} Council of States", "{r} Union", "Commonwealth of {r} Nations"],
    ),
    "network": (
        "jwc:Network",
        6,
        [
            "{r} Network of Child Rights Defenders",
            "{t} Network {c}",
            "Network of Juvenile Justice Practitioners in {c}",
        ],
    ),
    "organisation": ("org:Organization", 4, ["{x} Social Services for Youth", "{s} and Partners for {t}"]),
}
FIXED_KINDS = ["igo", "un-agency", "treaty-body", "igo", "un-agency", "un-institute", "ngo", "network"]
KIND_WORDS = {
    "ngo": "non-governmental organisation",
    "foundation": "foundation",
    "association": "association",
    "observatory": "observatory",
    "un-agency": "United Nations agency",
    "un-department": "UN office",
    "un-institute": "UN institute",
    "treaty-body": "committee of independent experts",
    "igo": "intergovernmental organisation",
    "network": "network",
    "organisation": "organisation",
}
SURNAMES = [
    "Okafor",
    "Mendes",
    "Lindqvist",
    "Haddad",
    "Nguyen",
    "Kowalski",
    "Moreau",
    "Achebe",
    "Silva",
    "Tanaka",
    "Dubois",
    "Rahman",
    "Ferreira",
    "Novak",
    "Osei",
    "Garcia",
    "Müller",
    "Petrov",
    "Ibrahim",
    "Kim",
    "Rossi",
    "Mbeki",
    "Santos",
    "Jensen",
    "Hassan",
    "Costa",
    "Yilmaz",
    "Wanjiru",
    "Quispe",
]
FIRST_NAMES = [
    "Amina",
    "Carlos",
    "Ingrid",
    "Youssef",
    "Linh",
    "Marta",
    "Jean",
    "Chinwe",
    "Ana",
    "Kenji",
    "Claire",
    "Farid",
    "Lucía",
    "Tomas",
    "Abena",
    "Diego",
    "Sofia",
    "Ivan",
    "Fatima",
    "Min-jun",
]
SERIES_TOPICS = [
    "Justice for Children",
    "Juvenile Justice",
    "Child-Friendly Justice",
    "Restorative Justice for Children",
    "Children Deprived of Liberty",
    "Justice With Children",
    "Youth and Family Justice",
]
VERBS = ["Reduce", "End", "Promote", "Strengthen", "Monitor", "Support", "Develop", "Guarantee", "Expand", "Review"]
AIMS = [
    "the use of detention for children",
    "access to legal aid for every child",
    "diversion programmes at national level",
    "child-friendly procedures in courts",
    "data collection on children in conflict with the law",
    "specialised training for judges and police",
    "restorative justice practices",
    "the participation of children",
    "independent monitoring of places of detention",
    "alternatives to pre-trial detention",
    "national action plans on juvenile justice",
    "the minimum age of criminal responsibility at 14 or above",
]
STATUS = {
    "held": "voc:status-held",
    "planned": "voc:status-planned",
    "prep": "voc:status-in-preparation",
    "ongoing": "voc:status-ongoing",
}
LAST_YEAR = 2024


def esc(text: str) -> str:
    """A Turtle string literal body: backslashes and quotes escaped (generated text has no newlines)."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def en(text: str) -> str:
    return f'"{esc(text)}"@en'


def plain(text: str) -> str:
    return f'"{esc(text)}"'


def gyear(y: int) -> str:
    return f'"{y}"^^xsd:gYear'


def slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(p for p in out.split("-") if p)


def acronym(name: str) -> str:
    """Initials of the capitalised words (at least two letters), as sources abbreviate names."""
    initials = "".join(w[0] for w in name.replace(",", " ").split() if w[0].isupper() and w[0].isascii())
    return initials if len(initials) >= 2 else "".join(ch for ch in name.upper() if "A" <= ch <= "Z")[:4]


# Acronyms of real organisations that synthetic ones must never take (the shapes keep acronyms unique).
RESERVED_ACRONYMS = {
    "AIMJF",
    "BICE",
    "CJAG",
    "CRC",
    "CRIN",
    "DCI",
    "DPKO",
    "ECOSOC",
    "IAYFJM",
    "IJJO",
    "IPJJ",
    "OHCHR",
    "OMCT",
    "PRI",
    "SRSG",
    "TDH",
    "UNDP",
    "UNESCO",
    "UNHCR",
    "UNICEF",
    "UNODC",
    "UN",
    "WHO",
}


class Synth:
    """One synthetic world for (triples, seed): pools of organisations and places, written source by source."""

    def __init__(self, triples: int, seed: int):
        self.told: set[str] = set()  # the events the source being written has dated
        self.rng = random.Random(seed)
        self.seed = seed
        self.target = triples
        self.sources = max(3, min(1000, round(triples / 4000)))
        self.defined: set[str] = set()  # CURIEs typed in some graph already
        self.counters: dict[str, int] = {}
        self.events: list[tuple[str, str, str, int]] = []  # (iri, class, label, year) of held congresses
        self.instruments: list[str] = []
        self.total = 0
        self.acronyms: set[str] = set(RESERVED_ACRONYMS)
        self.lines: list[str] = []
        self.n = 0  # triples in the current graph
        self.cities = [(f"jpl:synth-{slug(c)}", c, f"jpl:synth-{slug(k)}", k, r) for c, k, r in CITIES]
        self.orgs = self._org_pool(max(len(FIXED_KINDS), triples // 60))

    # ---------------------------------------------------------------- writing

    def unique_acronym(self, name: str) -> str:
        """The name's acronym, qualified with a number when another organisation already has it."""
        base = acr = acronym(name)
        n = 1
        while acr in self.acronyms:
            n += 1
            acr = f"{base}-{n}"
        self.acronyms.add(acr)
        return acr

    def next(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    def block(self, subject: str, pairs: list[tuple[str, str]], extra: int = 0) -> None:
        """One subject with its predicate-object pairs; `extra` counts triples inside nested blank nodes."""
        body = " ;\n        ".join(f"{p} {o}" for p, o in pairs)
        self.lines.append(f"    {subject} {body} .\n")
        self.n += len(pairs) + extra

    # ---------------------------------------------------------------- pools and lazy definitions

    def _org_pool(self, size: int) -> list[tuple[str, str, str, int]]:
        """(kind, name, acronym, city index) for each pool organisation; names and acronyms are unique."""
        rng, names, pool = self.rng, set(), []
        kinds = list(ORG_KINDS)
        weights = [ORG_KINDS[k][1] for k in kinds]
        for i in range(size):
            kind = FIXED_KINDS[i] if i < len(FIXED_KINDS) else rng.choices(kinds, weights)[0]
            city = rng.randrange(len(self.cities))
            _, cname, _, country, region = self.cities[city]
            name = rng.choice(ORG_KINDS[kind][2]).format(
                c=country, r=REGIONS[region], x=cname, t=rng.choice(THEMES)[1], s=rng.choice(SURNAMES)
            )
            name = name[0].upper() + name[1:]
            if name in names:
                name = f"{name} ({cname})" if f"{name} ({cname})" not in names else f"{name} {i}"
            names.add(name)
            pool.append((kind, name, self.unique_acronym(name), city))
        return pool

    def pick_org(self) -> int:
        """A pool index, skewed so that some organisations belong to many coalitions (as in the field)."""
        return int(len(self.orgs) * self.rng.random() ** 1.5)

    def org(self, i: int) -> str:
        """The CURIE of pool organisation i, described in full the first time any graph mentions it."""
        iri = f"jo:synth-org-{i}"
        kind, name, acr, city = self.orgs[i]
        cls = ORG_KINDS[kind][0]
        if iri in self.defined:
            if self.rng.random() < 0.25:  # sources restate who they talk about
                self.block(iri, [("a", cls), ("skos:prefLabel", en(name))])
            return iri
        self.defined.add(iri)
        rng = self.rng
        _, cname, _, country, _ = self.cities[city]
        theme = self.theme()
        pairs = [
            ("a", cls),
            ("skos:prefLabel", en(name)),
            ("skos:altLabel", plain(acr)),
            (
                "dcterms:description",
                en(f"A {KIND_WORDS[kind]} based in {cname}, {country}, working on {THEMES_BY_SLUG[theme][1]}."),
            ),
        ]
        if kind != "network":
            pairs.append(("schema:foundingDate", gyear(rng.randint(1946, 2020))))
        pairs += [("jwc:country", self.country(city)), ("jwc:theme", f"jt:synth-{theme}")]
        if kind in ("ngo", "association", "foundation") and rng.random() < 0.3 and i != 0:
            pairs.append(("jwc:consultativeStatusWith", self.org(0)))
        if self.instruments and rng.random() < 0.2:
            pairs.append(("jwc:guidedBy", rng.choice(self.instruments)))
        self.block(iri, pairs)
        return iri

    def country(self, city: int) -> str:
        _, _, iri, name, _region = self.cities[city]
        if iri not in self.defined:
            self.defined.add(iri)
            self.block(iri, [("a", "schema:Country"), ("skos:prefLabel", en(name))])
        return iri

    def city(self, city: int) -> str:
        iri, name, _, _, _ = self.cities[city]
        if iri not in self.defined:
            self.defined.add(iri)
            self.block(
                iri,
                [("a", "schema:City"), ("skos:prefLabel", en(name)), ("schema:containedInPlace", self.country(city))],
            )
        return iri

    def region(self, r: int) -> str:
        iri = f"jpl:synth-{slug(REGIONS[r])}"
        if iri not in self.defined:
            self.defined.add(iri)
            self.block(iri, [("a", "jwc:Region"), ("skos:prefLabel", en(REGIONS[r]))])
        return iri

    def theme(self) -> str:
        """A theme slug (defined with its broader chain on first use)."""
        slug_ = self.rng.choice(THEMES)[0]
        self._define_theme(slug_)
        return slug_

    def _define_theme(self, s: str) -> None:
        iri = f"jt:synth-{s}"
        if iri in self.defined:
            return
        self.defined.add(iri)
        if "jt:synth-themes" not in self.defined:
            self.defined.add("jt:synth-themes")
            self.block(
                "jt:synth-themes",
                [("a", "skos:ConceptScheme"), ("skos:prefLabel", en("Themes of child justice (synthetic)"))],
            )
        _, label, parent = THEMES_BY_SLUG[s]
        pairs = [("a", "jwc:Theme"), ("skos:inScheme", "jt:synth-themes"), ("skos:prefLabel", en(label))]
        if parent:
            self._define_theme(parent)
            pairs.append(("skos:broader", f"jt:synth-{parent}"))
        self.block(iri, pairs)

    def goal(self) -> str:
        s = self.rng.choice(GOALS[7:] if self.rng.random() < 0.7 else GOALS[1:7])[0]
        self._define_goal(s)
        return f"jg:synth-{s}"

    def _define_goal(self, s: str) -> None:
        iri = f"jg:synth-{s}"
        if iri in self.defined:
            return
        self.defined.add(iri)
        _, label, notation, parent = GOALS_BY_SLUG[s]
        pairs = [("a", "jwc:Goal"), ("skos:prefLabel", en(label))]
        if notation:
            pairs.append(("skos:notation", plain(notation)))
        if parent:
            self._define_goal(parent)
            pairs.append(("skos:broader", f"jg:synth-{parent}"))
        self.block(iri, pairs)

    def interval(self, start: int | str, end: int | None = None, ongoing: bool = False) -> tuple[str, int]:
        """An OWL-Time interval as nested blank nodes, and the number of triples it holds; `start` is a year,
        or a "YYYY-MM" year and month."""
        kind = "inXSDgYearMonth" if isinstance(start, str) and "-" in start else "inXSDgYear"
        dt = "gYearMonth" if kind == "inXSDgYearMonth" else "gYear"
        text = f'[ a time:Interval ; time:hasBeginning [ a time:Instant ; time:{kind} "{start}"^^xsd:{dt} ]'
        count = 4
        if end:
            text += f' ; time:hasEnd [ a time:Instant ; time:inXSDgYear "{end}"^^xsd:gYear ]'
            count += 3
        if ongoing:
            text += " ; jwc:ongoing true"
            count += 1
        return text + " ]", count

    def figure(self, of: str, measure: str, value: int, lower: bool, words: str) -> None:
        self.block(
            f"jf:synth-{self.next('figure')}",
            [
                ("a", "jwc:Figure"),
                ("jwc:figureOf", of),
                ("jwc:measure", f"voc:measure-{measure}"),
                ("jwc:value", str(value)),
                ("jwc:bound", "voc:bound-lower" if lower else "voc:bound-exact"),
                ("jwc:asStated", plain(words)),
            ],
        )

    def gap(self, about: str, prop: str, note: str) -> None:
        self.block(
            f"jgap:synth-{self.next('gap')}",
            [("a", "jwc:Gap"), ("jwc:gapIn", about), ("jwc:missingProperty", prop), ("skos:note", en(note))],
        )

    def person(self, pairs: list[tuple[str, str]]) -> str:
        iri = f"jp:synth-{self.next('person')}"
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
        self.block(iri, [("a", "schema:Person"), ("skos:prefLabel", plain(name)), *pairs])
        self.defined.add(iri)
        return iri

    # ---------------------------------------------------------------- what a source document tells

    def coalition(self, room: int) -> None:
        """A coalition or panel, its members with roles and periods, a members figure and any gap."""
        rng = self.rng
        k = self.next("coalition")
        iri = f"jo:synth-coalition-{k}"
        cls = "jwc:Panel" if rng.random() < 0.25 else "jwc:Coalition"
        region = rng.randrange(len(REGIONS))
        theme = self.theme()
        topic = THEMES_BY_SLUG[theme][1]
        name = f"{REGIONS[region]} {'Panel' if cls == 'jwc:Panel' else 'Coalition'} on {topic.capitalize()} {k}"
        founded = rng.randint(1990, 2020)
        self.block(
            iri,
            [
                ("a", cls),
                ("skos:prefLabel", en(name)),
                ("skos:altLabel", plain(self.unique_acronym(name))),
                (
                    "dcterms:description",
                    en(f"A group of organisations working together on {topic} in {REGIONS[region]}."),
                ),
                ("schema:foundingDate", gyear(founded)),
                ("jwc:theme", f"jt:synth-{theme}"),
                ("jwc:region", self.region(region)),
            ],
        )
        self.defined.add(iri)
        size = max(2, min(rng.randint(4, 18), room // 9, len(self.orgs) // 2))
        members = []
        while len(members) < size:
            i = self.pick_org()
            if i not in members:
                members.append(i)
        for pos, i in enumerate(members):
            member = self.org(i)
            role = (
                "voc:role-co-chair"
                if pos < (1 + (size > 10))
                else ("voc:role-founding-member" if rng.random() < 0.3 else "voc:role-member")
            )
            pairs = [("a", "org:Membership"), ("org:member", member), ("org:organization", iri), ("org:role", role)]
            extra = 0
            if rng.random() < 0.5:
                start = founded if role == "voc:role-founding-member" else rng.randint(founded, LAST_YEAR)
                end = rng.randint(start, LAST_YEAR) if rng.random() < 0.15 else None
                text, extra = self.interval(start, end, ongoing=end is None)
                pairs.append(("org:memberDuring", text))
            self.block(f"jm:synth-{self.next('membership')}", pairs, extra)
        if rng.random() < 0.8:
            hidden = rng.choice([0, 0, 0, 1, 2])
            self.figure(iri, "members", size + hidden, False, f"a {cls[4:].lower()} of {size + hidden} organisations")
            if hidden:
                self.gap(
                    iri, "org:member", f"The source says the group has {size + hidden} members but names only {size}."
                )
        if rng.random() < 0.3:
            n = rng.randint(20, 190)
            self.figure(iri, "countries-present", n, True, f"members present in over {n} countries")

    def partnership(self, room: int) -> None:
        rng = self.rng
        k = self.next("partnership")
        partners = sorted({self.pick_org() for _ in range(rng.randint(2, 4))})
        while len(partners) < 2:
            partners = sorted({*partners, self.pick_org()})
        iris = [self.org(i) for i in partners]
        names = [self.orgs[i][2] for i in partners]
        year, month = rng.randint(2000, LAST_YEAR), rng.randint(1, 12)
        project = f"ji:synth-project-{self.next('project')}"
        theme = self.theme()
        city = rng.randrange(len(self.cities))
        period, extra = self.interval(f"{year}-{month:02d}", ongoing=rng.random() < 0.7)
        self.block(
            f"jpa:synth-{k}",
            [
                ("a", "jwc:Partnership"),
                ("skos:prefLabel", en(f"{' and '.join(names)} partnership {k}")),
                ("jwc:during", period),
                ("jwc:hasProject", project),
            ],
            extra=extra,
        )
        self.defined.add(f"jpa:synth-{k}")
        for partner in iris:
            self.block(
                f"jm:synth-{self.next('membership')}",
                [
                    ("a", "org:Membership"),
                    ("org:member", partner),
                    ("org:organization", f"jpa:synth-{k}"),
                    ("org:role", "voc:role-partner"),
                ],
            )
        label = THEMES_BY_SLUG[theme][1]
        self.block(
            project,
            [
                ("a", "jwc:Project"),
                ("skos:prefLabel", en(f"{label.capitalize()} project in {self.cities[city][1]}")),
                (
                    "dcterms:description",
                    en(f"A project of {' and '.join(names)} on {label} in {self.cities[city][1]}."),
                ),
                ("jwc:runBy", " , ".join(iris[:2])),
                ("jwc:during", period),
                ("schema:location", self.city(city)),
                ("jwc:country", self.country(city)),
                ("jwc:theme", f"jt:synth-{theme}"),
                ("jwc:status", STATUS["ongoing"]),
            ],
            extra=1 + extra,
        )
        self.defined.add(project)

    def initiative(self, room: int) -> None:
        """A programme run by organisations, with components, objectives, a priorities list and a launch."""
        rng = self.rng
        k = self.next("programme")
        iri = f"ji:synth-programme-{k}"
        runners = [self.org(self.pick_org()) for _ in range(rng.randint(1, 3))]
        runners = sorted(set(runners), key=runners.index)
        region = rng.randrange(len(REGIONS))
        theme = self.theme()
        label = THEMES_BY_SLUG[theme][1]
        name = f"{REGIONS[region]} Programme on {label.capitalize()} {k}"
        start = rng.randint(2000, LAST_YEAR)
        period, extra = self.interval(start)
        pairs = [
            ("a", "jwc:Programme"),
            ("skos:prefLabel", en(name)),
            ("dcterms:description", en(f"A joint programme on {label} across {REGIONS[region]}.")),
            ("jwc:runBy", " , ".join(runners)),
            ("jwc:during", period),
            ("jwc:scope", "voc:scope-regional"),
            ("jwc:region", self.region(region)),
            ("jwc:theme", f"jt:synth-{theme}"),
            ("jwc:alignedWith", self.goal()),
        ]
        if self.events and rng.random() < 0.3:
            pairs.append(("jwc:grewOutOf", rng.choice(self.events)[0]))
        self.block(iri, pairs, extra=len(runners) - 1 + extra)
        self.defined.add(iri)
        for _ in range(rng.randint(1, 3) if room > 60 else 1):
            kind = rng.choice(["Campaign", "Project", "Programme"])
            sub = f"ji:synth-{kind.lower()}-{self.next(kind.lower())}"
            subtheme = self.theme()
            sp = [
                ("a", f"jwc:{kind}"),
                ("skos:prefLabel", en(f"{THEMES_BY_SLUG[subtheme][1].capitalize()} {kind.lower()} of {name}")),
                ("jwc:partOf", iri),
                ("jwc:theme", f"jt:synth-{subtheme}"),
            ]
            sub_extra = 0
            if kind == "Campaign":
                period, sub_extra = self.interval(rng.randint(start, LAST_YEAR))
                sp += [("jwc:scope", rng.choice(["voc:scope-national", "voc:scope-global"])), ("jwc:during", period)]
            if rng.random() < 0.4:
                sp.append(("jwc:runBy", self.org(self.pick_org())))
            self.block(sub, sp, extra=sub_extra)
            self.defined.add(sub)
        for pos in range(1, rng.randint(2, 5)):
            cp = [
                ("a", "jwc:Objective"),
                ("jwc:aimOf", iri),
                ("jwc:position", str(pos)),
                ("jwc:statement", en(f"{rng.choice(VERBS)} {rng.choice(AIMS)}.")),
            ]
            if rng.random() < 0.5:
                cp.append(("jwc:alignedWith", self.goal()))
            self.block(f"jc:synth-{self.next('commitment')}", cp)
        if rng.random() < 0.4 and room > 80:
            scheme = f"jpr:synth-list-{k}"
            self.block(scheme, [("a", "skos:ConceptScheme"), ("skos:prefLabel", en(f"Key priorities of {name}"))])
            rooted = rng.choice(self.events)[0] if self.events else None
            for pos in range(1, rng.randint(3, 7)):
                t = self.theme()
                pp = [
                    ("a", "jwc:Priority"),
                    ("skos:inScheme", scheme),
                    ("skos:notation", plain(str(pos))),
                    ("skos:prefLabel", en(THEMES_BY_SLUG[t][1].capitalize())),
                    ("jwc:priorityOf", iri),
                    ("jwc:theme", f"jt:synth-{t}"),
                ]
                if rooted:
                    pp.append(("jwc:rootedIn", rooted))
                self.block(f"jpr:synth-{k}-{pos}", pp)
        if rng.random() < 0.3:
            city = rng.randrange(len(self.cities))
            self.block(
                f"je:synth-launch-{k}",
                [
                    ("a", "jwc:Launch"),
                    ("skos:prefLabel", en(f"Launch of the {name}")),
                    ("jwc:launched", iri),
                    ("schema:startDate", gyear(start)),
                    ("schema:location", self.city(city)),
                    ("jwc:status", STATUS["held"]),
                ],
            )
            self.defined.add(f"je:synth-launch-{k}")

    def series(self, room: int) -> None:
        """An event series and its editions: congresses with places, dates, organisers, figures, outcomes,
        commitments and preparatory meetings, or conferences and forums."""
        rng = self.rng
        k = self.next("series")
        iri = f"js:synth-{k}"
        style = rng.choice(["world", "world", "regional", "conference", "forum"])
        region = rng.randrange(len(REGIONS))
        topic = rng.choice(SERIES_TOPICS)
        organisers = sorted({self.pick_org() for _ in range(rng.randint(1, 3))})
        orgs = [self.org(i) for i in organisers]
        name, cls = {
            "world": (f"World Congress on {topic} ({k})", "jwc:WorldCongress"),
            "regional": (f"{REGIONS[region]} Congress on {topic} ({k})", "jwc:Congress"),
            "conference": (f"Annual Conference of the {self.orgs[organisers[0]][1]}", "jwc:Conference"),
            "forum": (f"Global Forum on {topic} ({k})", "jwc:Forum"),
        }[style]
        every = {"world": 3, "regional": 2, "conference": 1, "forum": 2}[style]
        first = rng.randint(1995, 2018)
        self.block(
            iri,
            [
                ("a", "jwc:EventSeries"),
                ("skos:prefLabel", en(name)),
                (
                    "dcterms:description",
                    en(f"A series of meetings on {topic.lower()} held every {every} year{'s' if every > 1 else ''}."),
                ),
                ("schema:organizer", " , ".join(orgs)),
                ("schema:startDate", gyear(first)),
                ("jwc:frequency", f'"P{every}Y"^^xsd:duration'),
                ("jwc:theme", f"jt:synth-{self.theme()}"),
            ],
            extra=len(orgs) - 1,
        )
        self.defined.add(iri)
        editions = max(1, min(rng.randint(2, 6), room // 45))
        for e in range(editions):
            year = first + e * every
            city = rng.randrange(len(self.cities))
            ev = f"je:synth-{self.next('event')}"
            held = year <= LAST_YEAR
            place = self.city(city)
            if rng.random() < 0.3:
                venue = f"jpl:synth-venue-{self.next('venue')}"
                self.block(
                    venue,
                    [
                        ("a", "jwc:Venue"),
                        ("skos:prefLabel", en(f"{rng.choice(VENUES)}, {self.cities[city][1]}")),
                        ("schema:containedInPlace", place),
                    ],
                )
                self.defined.add(venue)
                place = venue
            label = f"{name.split(' (')[0]} {year}"
            month = rng.randint(1, 12)
            date = rng.choice(
                [
                    gyear(year),
                    f'"{year}-{month:02d}"^^xsd:gYearMonth',
                    f'"{year}-{month:02d}-{rng.randint(1, 28):02d}"^^xsd:date',
                ]
            )
            pairs = [
                ("a", cls),
                ("skos:prefLabel", en(label)),
                ("jwc:inSeries", iri),
                ("schema:startDate", date),
                ("schema:location", place),
                ("jwc:country", self.country(city)),
                ("schema:organizer", " , ".join(orgs)),
                ("jwc:status", STATUS["held"] if held else STATUS["planned"]),
            ]
            if rng.random() < 0.5:
                pairs.append(("schema:duration", f'"P{rng.randint(2, 5)}D"^^xsd:duration'))
            if rng.random() < 0.4:
                pairs.append(("dcterms:title", en(f"{rng.choice(VERBS)} {rng.choice(AIMS)}")))
            if rng.random() < 0.4:
                pairs.append(("jwc:partner", self.org(self.pick_org())))
            self.block(ev, pairs, extra=len(orgs) - 1)
            self.defined.add(ev)
            if not held:
                continue
            self.events.append((ev, cls, label, year))
            self.told.add(ev)
            people = rng.randint(80, 1500)
            self.figure(ev, "participants", people, rng.random() < 0.6, f"over {people} participants")
            if cls in ("jwc:WorldCongress", "jwc:Congress"):
                n = rng.randint(10, 120)
                self.figure(ev, "countries-represented", n, rng.random() < 0.5, f"from {n} countries")
                for pos in range(1, rng.randint(1, 3)):
                    self.block(
                        f"jout:synth-{self.next('outcome')}",
                        [
                            ("a", "jwc:Outcome"),
                            ("jwc:outcomeOf", ev),
                            ("jwc:position", str(pos)),
                            (
                                "jwc:statement",
                                en(f"Participants agreed to {rng.choice(VERBS).lower()} {rng.choice(AIMS)}."),
                            ),
                        ],
                    )
                for _ in range(rng.randint(0, 3)):
                    who = self.org(self.pick_org())
                    self.block(
                        f"jc:synth-{self.next('commitment')}",
                        [
                            ("a", rng.choice(["jwc:Commitment", "jwc:Commitment", "jwc:Roadmap"])),
                            ("jwc:committedBy", who),
                            ("jwc:madeAt", ev),
                            ("jwc:alignedWith", self.goal()),
                            ("jwc:statement", en(f"{rng.choice(VERBS)} {rng.choice(AIMS)} by {year + 5}.")),
                            ("jwc:theme", f"jt:synth-{self.theme()}"),
                        ],
                    )
        last = f"je:synth-{self.counters['event']}"
        if cls in ("jwc:WorldCongress", "jwc:Congress") and room > 150:
            self.person([("jwc:inChargeOf", last)])
            for _ in range(rng.randint(2, 5)):
                self.preparatory(last, name.split(" (")[0], first + (editions - 1) * every)
        if rng.random() < 0.2:
            award = f"jaw:synth-{self.next('award')}"
            self.block(
                award, [("a", "jwc:Award"), ("skos:prefLabel", en(f"{topic} Award {k}")), ("jwc:awardedAt", iri)]
            )
            self.defined.add(award)
            self.block(orgs[0], [("jwc:confers", award)])

    def preparatory(self, congress: str, series_name: str, year: int) -> None:
        """A national or regional meeting preparing `congress` (held in `year`), dated no later than it."""
        rng = self.rng
        city = rng.randrange(len(self.cities))
        _iri, cname, _, _, region = self.cities[city]
        national = rng.random() < 0.4
        ev = f"je:synth-prep-{self.next('prep')}"
        pairs = [
            ("a", "jwc:PreparatoryMeeting"),
            (
                "skos:prefLabel",
                en(f"{'National' if national else 'Regional'} preparatory meeting for the {series_name}, {cname}"),
            ),
            ("jwc:preparesFor", congress),
            ("jwc:scope", "voc:scope-national" if national else "voc:scope-regional"),
            ("jwc:country", self.country(city)),
        ]
        if not national:
            pairs.append(("jwc:region", self.region(region)))
        dated = rng.random() < 0.6 and year - 2 <= LAST_YEAR
        if dated:
            pairs += [
                ("schema:startDate", gyear(min(LAST_YEAR, year - rng.randint(0, 2)))),
                ("schema:location", self.city(city)),
                ("jwc:status", STATUS["held"]),
            ]
        else:
            pairs.append(("jwc:status", STATUS["prep"]))
        if rng.random() < 0.3:
            pairs.append(("jwc:supportedBy", self.org(self.pick_org())))
        self.block(ev, pairs)
        self.defined.add(ev)
        if not dated:
            self.gap(ev, "schema:startDate", "The source says the meeting is being arranged but gives no date.")

    def rereport(self, room: int) -> None:
        """An earlier congress as this source tells it: same event, other figures (both are kept)."""
        rng = self.rng
        ev, cls, label, year = rng.choice(self.events)
        pairs = [("a", cls), ("skos:prefLabel", en(label))]
        if ev not in self.told:  # one date per source: a source that already dated the event does not again
            pairs.append(("schema:startDate", f'"{year}-{rng.randint(1, 12):02d}"^^xsd:gYearMonth'))
            self.told.add(ev)
        self.block(ev, pairs)
        people = rng.randint(80, 1500)
        self.figure(ev, "participants", people, True, f"more than {people} experts")
        if rng.random() < 0.5:
            self.figure(ev, "workshops", rng.randint(5, 40), False, "workshops")

    def instruments_(self, room: int) -> None:
        """A convention, a protocol, a general comment, recommendations and a publication."""
        rng = self.rng
        k = self.next("instrument")
        theme = self.theme()
        label = THEMES_BY_SLUG[theme][1]
        body = self.org(
            rng.choice([2, *(i for i in range(min(40, len(self.orgs))) if self.orgs[i][0] == "treaty-body")])
        )
        igo = self.org(0)
        conv, prot, gc = f"jl:synth-convention-{k}", f"jl:synth-protocol-{k}", f"jl:synth-comment-{k}"
        year = rng.randint(1980, 2015)
        self.block(
            conv,
            [
                ("a", "jwc:Convention"),
                ("skos:prefLabel", en(f"Convention on {label.capitalize()} {k}")),
                ("jwc:adoptedBy", igo),
                ("jwc:monitoredBy", body),
                ("dcterms:date", gyear(year)),
            ],
        )
        self.block(
            prot,
            [
                ("a", "jwc:OptionalProtocol"),
                ("skos:prefLabel", en(f"Optional Protocol to the Convention on {label} {k}")),
                ("jwc:protocolTo", conv),
                ("jwc:monitoredBy", body),
                ("dcterms:date", gyear(year + 5)),
            ],
        )
        self.block(
            gc,
            [
                ("a", "jwc:GeneralComment"),
                ("skos:prefLabel", en(f"General Comment No. {k}: {label}")),
                ("jwc:adoptedBy", body),
                ("jwc:interprets", conv),
                ("dcterms:date", gyear(year + 10)),
                ("jwc:theme", f"jt:synth-{theme}"),
            ],
        )
        self.defined.update((conv, prot, gc))
        self.instruments += [conv, prot, gc]
        for _ in range(rng.randint(1, 4)):
            self.block(
                f"jr:synth-{self.next('recommendation')}",
                [
                    ("a", "jwc:Recommendation"),
                    ("skos:prefLabel", en(f"{rng.choice(VERBS)} {rng.choice(AIMS)}")),
                    ("jwc:recommendationOf", gc),
                    ("jwc:theme", f"jt:synth-{self.theme()}"),
                ],
            )
        publisher = self.org(self.pick_org())
        pub = f"jpub:synth-{self.next('publication')}"
        self.block(
            pub,
            [
                ("a", "jwc:Publication"),
                ("skos:prefLabel", en(f"Global Report on {label.capitalize()} {k}")),
                ("schema:publisher", publisher),
                ("dcterms:date", gyear(rng.randint(2000, LAST_YEAR))),
                ("schema:inLanguage", plain(rng.choice(["en", "fr", "es"]))),
                ("jwc:theme", f"jt:synth-{theme}"),
            ],
        )
        self.defined.add(pub)
        self.block(publisher, [("jwc:publishes", pub)])

    def profiles(self, room: int) -> None:
        """Organisations a source describes, with a regional unit of a UN agency now and then."""
        rng = self.rng
        for _ in range(max(1, min(rng.randint(2, 6), room // 10))):
            i = self.pick_org()
            iri = self.org(i)
            kind, name, acr, city = self.orgs[i]
            if kind == "un-agency" and rng.random() < 0.5:
                region = rng.randrange(len(REGIONS))
                k = self.next("unit")
                unit = f"jo:synth-unit-{k}"
                self.block(
                    unit,
                    [
                        ("a", "org:OrganizationalUnit"),
                        ("skos:prefLabel", en(f"{acr} Regional Office for {REGIONS[region]} ({k})")),
                        ("org:unitOf", iri),
                        ("jwc:region", self.region(region)),
                    ],
                )
                self.defined.add(unit)
            elif rng.random() < 0.3:
                founder = self.person([("dcterms:description", en(f"Founder of the {name}."))])
                self.block(iri, [("schema:founder", founder)])
            else:
                self.block(
                    iri,
                    [
                        ("a", ORG_KINDS[kind][0]),
                        ("skos:prefLabel", en(name)),
                        ("skos:note", en(f"Described in this source as active in {self.cities[city][3]}.")),
                    ],
                )

    # ---------------------------------------------------------------- the whole output

    UNITS = (
        ("coalition", 4),
        ("partnership", 2),
        ("initiative", 3),
        ("series", 3),
        ("rereport", 1),
        ("instruments_", 1),
        ("profiles", 2),
    )

    def chunks(self) -> Iterator[str]:
        """The TriG text, one chunk per named graph, the catalogue last."""
        yield (
            f"# Synthetic jwc-graph data: `jwc synth --triples {self.target} --seed {self.seed}`. Not real facts.\n"
            + "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in USED_PREFIXES)
            + "\n"
        )
        catalogue = []
        names, weights = zip(*self.UNITS)
        data_target = self.target - 6 * self.sources
        for s in range(1, self.sources + 1):
            budget = (data_target - self.total) / (self.sources - s + 1)
            self.lines, self.n, self.told = [], 0, set()
            first_org = self.org(self.pick_org())
            while self.n < budget:
                unit = self.rng.choices(names, weights)[0]
                if unit == "rereport" and not self.events:
                    continue
                getattr(self, unit)(int(budget - self.n))
            graph = f"src:synth-{s:04d}"
            yield f"{graph} {{\n" + "".join(self.lines) + "}\n\n"
            self.total += self.n
            catalogue.append((graph, first_org))
        self.lines, self.n = [], 0
        for s, (graph, publisher) in enumerate(catalogue, 1):
            topic = THEMES[(s * 7 + self.seed) % len(THEMES)][1]
            self.block(
                graph,
                [
                    ("a", "jwc:Source"),
                    ("dcterms:title", en(f"Synthetic report {s}: {topic}")),
                    ("schema:url", f'"https://example.org/jwc-synth/{self.seed}/{s}"^^xsd:anyURI'),
                    ("jwc:retrievedOn", f'"2024-{1 + s % 12:02d}-{1 + s % 28:02d}"^^xsd:date'),
                    ("jwc:publisherNamed", publisher),
                    ("skos:note", en("Generated by jwc synth for scale tests; not a real document.")),
                ],
            )
        self.total += self.n
        yield f"<{CATALOGUE_GRAPH}> {{\n" + "".join(self.lines) + "}\n"


THEMES_BY_SLUG = {t[0]: t for t in THEMES}
GOALS_BY_SLUG = {g[0]: g for g in GOALS}


def iter_trig(triples: int, seed: int = 1) -> Iterator[str]:
    """The synthetic graph as TriG text chunks (one per named graph), for streaming to a file."""
    return Synth(triples, seed).chunks()


def write_trig(out: BinaryIO, triples: int, seed: int = 1) -> int:
    """Stream the synthetic graph to a binary file; returns the number of triples written."""
    synth = Synth(triples, seed)
    for chunk in synth.chunks():
        out.write(chunk.encode("utf-8"))
    return synth.total


def write_file(path: Path, triples: int, seed: int = 1) -> int:
    """Stream the synthetic graph to a TriG file, put in place only when complete; returns the triples written."""
    with atomic_open(path) as fh:
        return write_trig(fh, triples, seed=seed)


def generate_trig(triples: int, seed: int = 1) -> bytes:
    """The whole synthetic graph as TriG bytes (about `triples` triples, byte-identical for a seed)."""
    return "".join(iter_trig(triples, seed)).encode("utf-8")
