"""The public pages added for issue 10 ("The field's record"): each states its facts in its own graph, each is
catalogued with where it comes from, and what they add can be asked: disagreements, closed gaps, places.

A failure names the data file to fix (data/NNN-*.trig) or the catalogue record (data/sources.trig).
"""

from __future__ import annotations

import pytest

from conftest import REPO, ask, select
from jwc_graph.base.namespaces import ID, PREFIXES, VOCAB
from jwc_graph.build import conflicts
from jwc_graph.sparql import catalogue, query

QUERIES = {q.name: q for q in catalogue.load(REPO / "queries")}
CATALOGUE = "https://w3id.org/jwc/id/graph/catalogue"
SEEDS = {"gi-about", "tdh-world-congress", "global-forum", "crin-juvenile-justice", "ipjj-members", "iso-3166"}

# data file -> (source slug, [(entity, property, value)]) : a few key facts each page states. An entity or an
# IRI value is written as its path under https://w3id.org/jwc/id/ (vocab/... under the vocabulary); any other
# value is compared as text (a date, a number, a name).
SOURCES = {
    "data/010-jwc-world-congress.trig": (
        "jwc-world-congress",
        [
            ("event/wc-2021", "schema:location", "place/mexico-city"),
            ("event/wc-2021", "schema:organizer", "org/mexico-supreme-court"),
            ("event/prep-cape-town", "schema:startDate", "2020-03"),
            ("figure/wc-2018-participants-jwc-world-congress", "jwc:value", "1000"),
        ],
    ),
    "data/011-jwc-geneva-2015.trig": (
        "jwc-geneva-2015",
        [
            ("event/wc-2015", "schema:organizer", "org/swiss-fdfa"),
            ("event/wc-2015", "jwc:partner", "org/swiss-foj"),
            ("figure/wc-2015-participants-jwc-geneva-2015", "jwc:value", "800"),
            ("figure/wc-2015-delegates-jwc-geneva-2015", "jwc:value", "900"),
        ],
    ),
    "data/012-dci-world-congress-2015.trig": (
        "dci-world-congress-2015",
        [
            ("event/wc-2015", "schema:startDate", "2015-01-26"),
            ("event/wc-2015", "jwc:hostedBy", "org/swiss-fdfa"),
            ("place/geneva", "schema:containedInPlace", "place/switzerland"),
        ],
    ),
    "data/013-admin-ch-2015-en.trig": (
        "admin-ch-2015-en",
        [
            ("event/wc-2015", "schema:organizer", "org/switzerland-government"),
            ("figure/wc-2015-participants-admin-ch-2015-en", "jwc:value", "900"),
            ("commitment/geneva-declaration-2015", "jwc:madeAt", "event/wc-2015"),
        ],
    ),
    "data/014-admin-ch-2015-fr.trig": (
        "admin-ch-2015-fr",
        [
            ("figure/wc-2015-countries-admin-ch-2015-fr", "jwc:value", "80"),
            ("org/tdh", "skos:altLabel", "Fondation Terres des hommes"),
        ],
    ),
    "data/015-issuu-tdh-spain-geneva-declaration-2015.trig": (
        "issuu-tdh-spain-geneva-declaration-2015",
        [
            ("event/wc-2015", "schema:endDate", "2015-01-30"),
            ("commitment/geneva-declaration-2015", "dcterms:date", "2015-01-30"),
        ],
    ),
    "data/016-svizzeri-geneva-2015.trig": (
        "svizzeri-geneva-2015",
        [
            ("event/wc-2015", "schema:endDate", "2015-01-30"),
        ],
    ),
    "data/017-doczz-geneva-declaration-2015.trig": (
        "doczz-geneva-declaration-2015",
        [
            ("commitment/geneva-declaration-2015", "dcterms:date", "2015-01-30"),
            ("figure/wc-2015-participants-doczz-geneva-declaration-2015", "jwc:value", "900"),
        ],
    ),
    "data/018-pdfslide-geneva-agenda-2015.trig": (
        "pdfslide-geneva-agenda-2015",
        [
            ("event/wc-2015", "schema:location", "place/cicg"),
            ("place/cicg", "schema:containedInPlace", "place/geneva"),
        ],
    ),
    "data/019-netzwerk-kinderrechte-2015.trig": (
        "netzwerk-kinderrechte-2015",
        [
            ("figure/wc-2015-countries-netzwerk-kinderrechte-2015", "jwc:value", "90"),
            ("event/wc-2015", "schema:organizer", "org/swiss-fdfa"),
        ],
    ),
    "data/020-dei-ch-bulletin-2015.trig": (
        "dei-ch-bulletin-2015",
        [
            ("figure/wc-2015-participants-dei-ch-bulletin-2015", "jwc:value", "800"),
            ("event/wc-2015", "schema:location", "place/cicg"),
        ],
    ),
    "data/021-jeunesseetdroit-newsletter-2014.trig": (
        "jeunesseetdroit-newsletter-2014",
        [
            ("event/wc-2015", "jwc:status", "vocab/status-planned"),
        ],
    ),
    "data/022-srsg-lima-declaration.trig": (
        "srsg-lima-declaration",
        [
            ("event/wc-2009", "schema:startDate", "2009-11-04"),
            ("event/wc-2009", "jwc:partner", "org/pucp"),
            ("figure/wc-2009-countries-srsg-lima-declaration", "jwc:value", "63"),
        ],
    ),
    "data/023-crin-lima-declaration.trig": (
        "crin-lima-declaration",
        [
            ("event/wc-2009", "schema:endDate", "2009-11-07"),
            ("commitment/lima-declaration-2009", "jwc:madeAt", "event/wc-2009"),
        ],
    ),
    "data/024-restorativejustice-lima-9686.trig": (
        "restorativejustice-lima-9686",
        [
            ("instrument/guidelines-child-victims", "jwc:adoptedBy", "org/ecosoc"),
            ("event/wc-2009", "skos:altLabel", "I Congreso Mundial Justicia Juvenil Restaurativa"),
        ],
    ),
    "data/025-restorativejustice-lima-12857.trig": (
        "restorativejustice-lima-12857",
        [
            ("recommendation/lima-to-ipjj", "jwc:recommendationOf", "commitment/lima-declaration-2009"),
            ("instrument/ecosoc-2009-26", "jwc:adoptedBy", "org/ecosoc"),
        ],
    ),
    "data/026-tdh-uk-2009-first-congress.trig": (
        "tdh-uk-2009-first-congress",
        [
            ("event/wc-2009", "schema:startDate", "2009-06"),
            ("place/lima", "schema:containedInPlace", "place/peru"),
            ("figure/wc-2009-countries-tdh-uk-2009-first-congress", "jwc:value", "55"),
        ],
    ),
    "data/027-tdh-ch-fr-2009-premier-congres.trig": (
        "tdh-ch-fr-2009-premier-congres",
        [
            ("figure/wc-2009-participants-tdh-ch-fr-2009-premier-congres", "jwc:value", "1000"),
        ],
    ),
    "data/028-tdh-es-proximo-congreso-2021.trig": (
        "tdh-es-proximo-congreso-2021",
        [
            ("event/wc-2018", "schema:location", "place/paris"),
            ("commitment/lima-declaration-2009", "skos:altLabel", "Declaración de Lima"),
        ],
    ),
    "data/029-cath-ch-lima-2009.trig": (
        "cath-ch-lima-2009",
        [
            ("figure/wc-2009-participants-cath-ch-lima-2009", "jwc:value", "700"),
            ("event/wc-2009", "schema:organizer", "org/tdh"),
        ],
    ),
    "data/030-jwc-paris-declaration-2018.trig": (
        "jwc-paris-declaration-2018",
        [
            ("event/wc-2018", "schema:startDate", "2018-05-28"),
            ("figure/wc-2018-participants-jwc-paris-declaration-2018", "jwc:value", "800"),
        ],
    ),
    "data/031-cdl-world-congress-2018.trig": (
        "cdl-world-congress-2018",
        [
            ("event/wc-2018", "jwc:feedsInto", "publication/global-study"),
        ],
    ),
    "data/032-tdh-2018-world-congress-project.trig": (
        "tdh-2018-world-congress-project",
        [
            ("event/wc-2018", "schema:organizer", "org/tdh"),
            ("event/wc-2018", "schema:location", "place/unesco-house"),
        ],
    ),
    "data/033-tdh-2018-final-declaration.trig": (
        "tdh-2018-final-declaration",
        [
            ("figure/wc-2018-participants-tdh-2018-final-declaration", "jwc:value", "917"),
            ("figure/wc-2018-countries-tdh-2018-final-declaration", "jwc:value", "102"),
            ("figure/wc-2018-workshops-tdh-2018-final-declaration", "jwc:value", "26"),
        ],
    ),
    "data/034-tdh-j4c2018-news.trig": (
        "tdh-j4c2018-news",
        [
            ("figure/wc-2018-countries-tdh-j4c2018-news", "jwc:value", "95"),
        ],
    ),
    "data/035-unesco-ifap-2018.trig": (
        "unesco-ifap-2018",
        [
            ("event/wc-2018", "schema:organizer", "org/unesco-ifap"),
            ("org/unesco-ifap", "org:unitOf", "org/unesco"),
        ],
    ),
    "data/036-crin-world-congress-2018.trig": (
        "crin-world-congress-2018",
        [
            ("event/wc-2018", "schema:organizer", "org/iayfjm"),
            ("event/wc-2018", "schema:organizer", "org/pri"),
            ("event/wc-2018", "jwc:partner", "org/jti-belgium"),
        ],
    ),
    "data/037-tdh-ch-fr-2018-project.trig": (
        "tdh-ch-fr-2018-project",
        [
            ("event/wc-2018", "skos:altLabel", "Congrès Mondial sur la Justice pour Enfants 2018"),
        ],
    ),
    "data/038-jwc-online-2021.trig": (
        "jwc-online-2021",
        [
            ("event/wc-2021", "schema:startDate", "2021-11-15"),
            ("event/wc-2021", "schema:endDate", "2021-11-20"),
        ],
    ),
    "data/039-caribbeannewsden-2021.trig": (
        "caribbeannewsden-2021",
        [
            ("event/wc-2021", "jwc:hostedBy", "org/mexico-supreme-court"),
            ("membership/ide-global-initiative-caribbeannewsden-2021", "org:member", "org/ide"),
            ("event/wc-2021", "jwc:supportedBy", "org/unicef"),
        ],
    ),
    "data/040-thecaribbeanalert-2021.trig": (
        "thecaribbeanalert-2021",
        [
            (
                "membership/tdh-global-initiative-thecaribbeanalert-2021",
                "org:organization",
                "initiative/global-initiative",
            ),
            ("event/wc-2021", "schema:organizer", "initiative/global-initiative"),
        ],
    ),
    "data/041-unodc-world-congress-2021.trig": (
        "unodc-world-congress-2021",
        [
            ("event/wc-2021", "schema:organizer", "initiative/global-initiative"),
            ("event/wc-2021", "schema:startDate", "2021-11-15"),
        ],
    ),
    "data/042-gdpakistan-consultation-2021.trig": (
        "gdpakistan-consultation-2021",
        [
            ("event/prep-pakistan-2021", "schema:startDate", "2021-01-14"),
            ("event/prep-pakistan-2021", "schema:organizer", "org/gdp"),
            ("event/wc-2021", "schema:location", "place/mexico-city"),
        ],
    ),
    "data/043-pri-children-2021-declaration.trig": (
        "pri-children-2021-declaration",
        [
            ("figure/wc-2021-participants-pri-children-2021-declaration", "jwc:value", "4800"),
            ("commitment/global-declaration-2021", "jwc:madeAt", "event/wc-2021"),
        ],
    ),
    "data/044-pri-blog-2021-congress.trig": (
        "pri-blog-2021-congress",
        [
            ("event/wc-2021", "jwc:status", "vocab/status-planned"),
            ("org/pri", "jwc:theme", "theme/minimum-age"),
        ],
    ),
    "data/045-tdh-2021-our-difficulties.trig": (
        "tdh-2021-our-difficulties",
        [
            ("event/wc-2021", "schema:organizer", "org/tdh"),
            ("commitment/global-declaration-2021", "jwc:madeAt", "event/wc-2021"),
        ],
    ),
    "data/046-childhub-2021-congress.trig": (
        "childhub-2021-congress",
        [
            ("event/wc-2021", "schema:organizer", "org/tdh"),
        ],
    ),
    "data/047-ibcr-mena-session-2021.trig": (
        "ibcr-mena-session-2021",
        [
            ("event/prep-mena-2021", "jwc:region", "place/mena"),
            ("figure/prep-mena-2021-participants-ibcr-mena-session-2021", "jwc:value", "189"),
        ],
    ),
    "data/048-jwc-european-preparatory-meeting.trig": (
        "jwc-european-preparatory-meeting",
        [
            ("event/prep-europe-2020", "schema:startDate", "2020-06-29"),
            ("event/prep-europe-2020", "jwc:region", "place/europe"),
        ],
    ),
    "data/049-readkong-european-preparatory-summary.trig": (
        "readkong-european-preparatory-summary",
        [
            ("event/prep-europe-2020", "schema:organizer", "org/tdh"),
            ("event/prep-europe-2020", "jwc:supportedBy", "org/baker-mckenzie"),
        ],
    ),
    "data/050-fra-european-preparatory-2020.trig": (
        "fra-european-preparatory-2020",
        [
            ("membership/pri-global-initiative-fra-european-preparatory-2020", "org:member", "org/pri"),
            ("event/prep-europe-2020", "jwc:partner", "org/fra"),
        ],
    ),
    "data/051-jwc-preparatory-meetings.trig": (
        "jwc-preparatory-meetings",
        [
            ("place/beirut", "schema:containedInPlace", "place/lebanon"),
            ("event/prep-singapore", "jwc:preparesFor", "event/wc-2021"),
        ],
    ),
    "data/052-jwc2018-preparatory-meetings.trig": (
        "jwc2018-preparatory-meetings",
        [
            ("event/prep-merida", "schema:startDate", "2019-05-08"),
            ("event/prep-buenos-aires", "schema:organizer", "org/dci"),
            ("event/prep-children-2020", "schema:organizer", "org/colectivo-ave"),
        ],
    ),
    "data/053-jwc2018-north-american-meeting.trig": (
        "jwc2018-north-american-meeting",
        [
            ("event/prep-merida", "schema:organizer", "org/na-working-group"),
            ("membership/jji-na-working-group", "org:member", "org/juvenile-justice-initiative"),
            ("place/merida", "schema:containedInPlace", "place/yucatan"),
        ],
    ),
    "data/054-jwc2018-south-american-meeting.trig": (
        "jwc2018-south-american-meeting",
        [
            ("event/prep-buenos-aires", "schema:location", "place/uba-law-school"),
            ("figure/prep-buenos-aires-participants-jwc2018-south-american-meeting", "jwc:value", "240"),
        ],
    ),
    "data/055-jwc-towards-2024.trig": (
        "jwc-towards-2024",
        [
            ("event/wc-2025", "schema:startDate", "2024"),
            ("event/gi-neurodisability-seminar-2023", "schema:startDate", "2023-05-15"),
        ],
    ),
    "data/056-jwc-en-world-congress.trig": (
        "jwc-en-world-congress",
        [
            ("series/world-congress", "schema:organizer", "initiative/global-initiative"),
        ],
    ),
    "data/057-jwc-memory-2023-news.trig": (
        "jwc-memory-2023-news",
        [
            ("event/wc-2025", "schema:endDate", "2025-06-06"),
            ("event/wc-2025", "schema:location", "place/madrid"),
            ("initiative/global-initiative", "jwc:publishes", "publication/gi-memory-2023"),
        ],
    ),
    "data/058-jwc-preparing-towards-2025.trig": (
        "jwc-preparing-towards-2025",
        [
            ("series/wc-2025-advisory-meetings", "jwc:promotes", "event/wc-2025"),
        ],
    ),
    "data/059-cep-probation-2025.trig": (
        "cep-probation-2025",
        [
            ("event/wc-2025", "schema:location", "place/madrid"),
            ("place/madrid", "schema:containedInPlace", "place/spain"),
            ("figure/wc-2025-online-cep-probation-2025", "jwc:value", "6000"),
        ],
    ),
    "data/060-tdh-spain-v-congreso-2025.trig": (
        "tdh-spain-v-congreso-2025",
        [
            ("event/wc-2025", "schema:organizer", "org/global-campus"),
            ("event/wc-2025", "schema:endDate", "2025-06-04"),
        ],
    ),
    "data/061-diarioelnoticiero-2025.trig": (
        "diarioelnoticiero-2025",
        [
            ("event/wc-2025", "jwc:hostedBy", "org/spain-ministry-youth"),
            ("event/wc-2021", "jwc:country", "place/mexico"),
        ],
    ),
    "data/062-comillas-2025-presentation.trig": (
        "comillas-2025-presentation",
        [
            ("event/wc-2025", "schema:location", "place/comillas"),
        ],
    ),
    "data/063-pri-what-were-doing-2025.trig": (
        "pri-what-were-doing-2025",
        [
            ("event/wc-2025", "schema:organizer", "org/pri"),
            ("commitment/global-declaration-2025", "jwc:madeAt", "event/wc-2025"),
            ("figure/wc-2025-sessions-pri-what-were-doing-2025", "jwc:value", "100"),
        ],
    ),
    "data/064-safefutureshub-2025.trig": (
        "safefutureshub-2025",
        [
            ("event/wc-2025", "schema:organizer", "initiative/global-initiative"),
        ],
    ),
    "data/065-trabajosocial-latin-america.trig": (
        "trabajosocial-latin-america",
        [
            ("place/peru", "schema:containedInPlace", "place/latin-america"),
            ("place/argentina", "schema:containedInPlace", "place/latin-america"),
            ("place/mexico", "schema:containedInPlace", "place/latin-america"),
        ],
    ),
    "data/066-jjimexico-mexico-city.trig": (
        "jjimexico-mexico-city",
        [
            ("place/mexico-city", "schema:containedInPlace", "place/mexico"),
            ("place/mexico-city", "schema:containedInPlace", "place/latin-america"),
        ],
    ),
    "data/067-juvenilejusticepanel-who-we-are.trig": (
        "juvenilejusticepanel-who-we-are",
        [
            (
                "membership/save-the-children-uk-ipjj-juvenilejusticepanel-who-we-are",
                "org:member",
                "org/save-the-children-uk",
            ),
            ("membership/dpko-ipjj-juvenilejusticepanel-who-we-are", "org:organization", "org/ipjj"),
            ("org/ipjj", "skos:altLabel", "IJJP"),
        ],
    ),
    "data/068-iwith-2006-ijjp.trig": (
        "iwith-2006-ijjp",
        [
            ("membership/save-the-children-uk-ipjj-iwith-2006-ijjp", "org:member", "org/save-the-children-uk"),
            ("org/ipjj", "skos:altLabel", "Interagency Juvenil Justice Panel"),
        ],
    ),
    "data/069-ohchr-europe-ipjj-2011.trig": (
        "ohchr-europe-ipjj-2011",
        [
            ("event/ipjj-annual-meeting-2011", "schema:location", "place/brussels"),
            ("figure/ipjj-members-ohchr-europe-ipjj-2011", "jwc:value", "13"),
        ],
    ),
    "data/070-dci-italia-il-panel.trig": (
        "dci-italia-il-panel",
        [
            ("figure/ipjj-members-dci-italia-il-panel", "jwc:value", "40"),
            ("membership/unicri-ipjj-dci-italia-il-panel", "org:member", "org/unicri"),
            ("org/ipjj", "jwc:establishedFollowing", "instrument/ecosoc-1997-30"),
        ],
    ),
    "data/071-ipjj-who-we-are.trig": (
        "ipjj-who-we-are",
        [
            ("org/ipjj", "jwc:establishedFollowing", "instrument/ecosoc-1997-30"),
            ("figure/ipjj-members-ipjj-who-we-are", "jwc:value", "13"),
        ],
    ),
    "data/072-ipjj-membres-fondateurs-fr.trig": (
        "ipjj-membres-fondateurs-fr",
        [
            ("membership/iayfjm-ipjj-ipjj-membres-fondateurs-fr", "org:role", "vocab/role-founding-member"),
            ("org/ipjj", "skos:altLabel", "Groupe interinstitutions sur la justice pour mineurs"),
        ],
    ),
    "data/073-ipjj-vienna-guidelines.trig": (
        "ipjj-vienna-guidelines",
        [
            ("instrument/ecosoc-1997-30", "skos:altLabel", "Vienna Guidelines"),
            ("instrument/ecosoc-1997-30", "dcterms:date", "1997"),
        ],
    ),
    "data/074-atfalouna-vienna-guidelines.trig": (
        "atfalouna-vienna-guidelines",
        [
            ("instrument/ecosoc-1997-30", "dcterms:date", "1997-07-21"),
            ("event/vienna-expert-meeting-1997", "schema:startDate", "1997-02-23"),
            ("figure/vienna-expert-meeting-1997-experts-atfalouna-vienna-guidelines", "jwc:value", "29"),
        ],
    ),
    "data/075-mindbank-general-comment-10.trig": (
        "mindbank-general-comment-10",
        [
            ("instrument/gc-10", "jwc:interprets", "instrument/crc-article-40"),
            ("instrument/crc-article-37", "dcterms:isPartOf", "instrument/crc-convention"),
        ],
    ),
    "data/076-wikipedia-beijing-rules.trig": (
        "wikipedia-beijing-rules",
        [
            ("instrument/beijing-rules", "dcterms:date", "1985-11-29"),
            ("instrument/beijing-rules", "jwc:adoptedBy", "org/general-assembly"),
        ],
    ),
    "data/077-dci-beijing-rules-text.trig": (
        "dci-beijing-rules-text",
        [
            ("event/beijing-preparatory-meeting-1984", "schema:startDate", "1984-05-14"),
            ("event/un-crime-congress-7", "schema:endDate", "1985-09-06"),
        ],
    ),
    "data/078-un-a-res-40-33.trig": (
        "un-a-res-40-33",
        [
            ("instrument/beijing-rules", "jwc:documentSymbol", "A/RES/40/33"),
            ("event/un-crime-congress-6", "schema:startDate", "1980-08-25"),
        ],
    ),
    "data/079-ojp-beijing-rules-abstract.trig": (
        "ojp-beijing-rules-abstract",
        [
            ("outcome/un-crime-congress-7-beijing-rules", "jwc:outcomeOf", "event/un-crime-congress-7"),
            ("place/beijing", "schema:containedInPlace", "place/china"),
        ],
    ),
    "data/080-defensoria-reglas-beijing.trig": (
        "defensoria-reglas-beijing",
        [
            ("instrument/beijing-rules", "dcterms:date", "1985-11-28"),
        ],
    ),
    "data/081-un-a45r112-riyadh.trig": (
        "un-a45r112-riyadh",
        [
            ("instrument/riyadh-guidelines", "dcterms:date", "1990-12-14"),
            ("instrument/riyadh-guidelines", "jwc:adoptedBy", "org/general-assembly"),
        ],
    ),
    "data/082-defensoria-directrices-riad.trig": (
        "defensoria-directrices-riad",
        [
            ("instrument/riyadh-guidelines", "skos:altLabel", "Directrices de Riad"),
        ],
    ),
    "data/083-dci-riyadh-guidelines-text.trig": (
        "dci-riyadh-guidelines-text",
        [
            ("instrument/beijing-rules", "dcterms:date", "1983-11-29"),
            ("instrument/riyadh-guidelines", "dcterms:date", "1990-12-14"),
        ],
    ),
    "data/084-dci-riyadh-guidelines-intro.trig": (
        "dci-riyadh-guidelines-intro",
        [
            ("event/un-crime-congress-8", "schema:location", "place/havana"),
            ("event/riyadh-expert-meeting-1988", "jwc:feedsInto", "instrument/riyadh-guidelines"),
        ],
    ),
    "data/085-doncel-reglas-havana.trig": (
        "doncel-reglas-havana",
        [
            ("instrument/havana-rules", "dcterms:date", "1990-12-14"),
        ],
    ),
    "data/086-hrea-havana-rules.trig": (
        "hrea-havana-rules",
        [
            ("instrument/havana-rules", "dcterms:date", "1990"),
        ],
    ),
    "data/087-globalhealthrights-havana-rules.trig": (
        "globalhealthrights-havana-rules",
        [
            ("instrument/havana-rules", "jwc:documentSymbol", "A/RES/45/113"),
        ],
    ),
    "data/088-dci-havana-rules-text.trig": (
        "dci-havana-rules-text",
        [
            ("instrument/havana-rules", "jwc:adoptedBy", "org/general-assembly"),
        ],
    ),
    "data/089-ohchr-general-comment-24.trig": (
        "ohchr-general-comment-24",
        [
            ("instrument/gc-24", "jwc:documentSymbol", "CRC/C/GC/24"),
            ("instrument/gc-24", "dcterms:replaces", "instrument/gc-10"),
            ("instrument/gc-10", "dcterms:isReplacedBy", "instrument/gc-24"),
            ("instrument/gc-24", "dcterms:date", "2019-09-18"),
        ],
    ),
    "data/090-zimlii-general-comment-24.trig": (
        "zimlii-general-comment-24",
        [
            ("instrument/gc-24", "jwc:interprets", "instrument/crc-article-40"),
        ],
    ),
    "data/091-scribd-crc-c-gc-24.trig": (
        "scribd-crc-c-gc-24",
        [
            ("instrument/gc-24", "jwc:adoptedBy", "org/crc"),
        ],
    ),
    "data/092-crinarchive-general-comment-10.trig": (
        "crinarchive-general-comment-10",
        [
            ("instrument/gc-10", "jwc:interprets", "instrument/crc-article-37"),
            ("org/crin", "skos:altLabel", "Child Rights Information Network"),
        ],
    ),
    "data/093-dci-is-gc10-project.trig": (
        "dci-is-gc10-project",
        [
            ("instrument/gc-10", "dcterms:date", "2007-02"),
            ("initiative/dci-gc10-follow-up", "jwc:runBy", "org/dci"),
        ],
    ),
    "data/094-ohchr-crc-44th-session-summary.trig": (
        "ohchr-crc-44th-session-summary",
        [
            ("instrument/gc-10", "jwc:documentSymbol", "CRC/C/GC/10"),
            ("event/crc-session-44", "schema:endDate", "2007-02-02"),
        ],
    ),
    "data/095-crin-guidelines-child-victims.trig": (
        "crin-guidelines-child-victims",
        [
            ("instrument/guidelines-child-victims", "jwc:adoptedBy", "org/ecosoc"),
        ],
    ),
    "data/096-uchicago-child-victims-handbook.trig": (
        "uchicago-child-victims-handbook",
        [
            ("instrument/guidelines-child-victims", "dcterms:date", "2005-07-22"),
            ("publication/unodc-child-victims-handbook", "schema:publisher", "org/unodc"),
        ],
    ),
    "data/097-un-world-childrens-day-documents.trig": (
        "un-world-childrens-day-documents",
        [
            ("instrument/guidelines-child-victims", "jwc:documentSymbol", "E/2005/30"),
            ("instrument/havana-rules", "dcterms:date", "1990-12-14"),
        ],
    ),
    "data/098-kemlu-relevant-un-conventions.trig": (
        "kemlu-relevant-un-conventions",
        [
            ("instrument/hrc-a-hrc-10-l-15", "jwc:documentSymbol", "A/HRC/10/L.15"),
            ("instrument/ecosoc-2007-23", "jwc:adoptedBy", "org/ecosoc"),
        ],
    ),
    "data/099-kiwix-wikipedia-crc.trig": (
        "kiwix-wikipedia-crc",
        [
            ("instrument/crc-convention", "dcterms:date", "1989-11-20"),
            ("instrument/crc-convention", "jwc:adoptedBy", "org/general-assembly"),
        ],
    ),
    "data/100-unb-article-37.trig": (
        "unb-article-37",
        [
            ("instrument/crc-article-37", "dcterms:isPartOf", "instrument/crc-convention"),
            ("instrument/crc-article-37", "skos:notation", "37"),
        ],
    ),
    "data/101-crin-article-37.trig": (
        "crin-article-37",
        [
            ("instrument/crc-article-37", "skos:altLabel", "Article 37: Torture and deprivation of liberty"),
        ],
    ),
    "data/102-unicef-irc-article-40.trig": (
        "unicef-irc-article-40",
        [
            ("instrument/crc-article-40", "skos:notation", "40"),
        ],
    ),
    "data/103-crinmail-805.trig": (
        "crinmail-805",
        [
            ("instrument/crc-article-40", "skos:altLabel", "Article 40 on the Administration of Juvenile Justice"),
        ],
    ),
    "data/104-ohchr-2016-nowak-selection.trig": (
        "ohchr-2016-nowak-selection",
        [
            ("publication/global-study", "jwc:ledBy", "person/manfred-nowak"),
            ("publication/global-study", "jwc:establishedFollowing", "instrument/unga-69-157"),
        ],
    ),
    "data/105-watchlist-nowak-appointed.trig": (
        "watchlist-nowak-appointed",
        [
            ("instrument/unga-69-157", "jwc:documentSymbol", "A/RES/69/157"),
        ],
    ),
    "data/106-un-press-sg2234.trig": (
        "un-press-sg2234",
        [
            ("publication/global-study", "jwc:ledBy", "person/manfred-nowak"),
        ],
    ),
    "data/107-idcoalition-nowak-2016.trig": (
        "idcoalition-nowak-2016",
        [
            ("publication/global-study", "jwc:theme", "theme/children-on-the-move"),
        ],
    ),
    "data/108-unwebtv-nowak-2017.trig": (
        "unwebtv-nowak-2017",
        [
            ("publication/global-study", "jwc:ledBy", "person/manfred-nowak"),
        ],
    ),
    "data/109-cdl-nowak-oped.trig": (
        "cdl-nowak-oped",
        [
            ("instrument/unga-69-157", "dcterms:date", "2014"),
        ],
    ),
    "data/110-dci-report-global-study-2019.trig": (
        "dci-report-global-study-2019",
        [
            ("figure/global-study-pages-dci-report-global-study-2019", "jwc:value", "500"),
            ("event/global-study-ga-presentation", "schema:startDate", "2019-10-08"),
            ("figure/ngo-panel-members-dci-report-global-study-2019", "jwc:value", "170"),
        ],
    ),
    "data/111-ohchr-a74136-summary.trig": (
        "ohchr-a74136-summary",
        [
            ("publication/global-study-report", "jwc:documentSymbol", "A/74/136"),
            ("instrument/unga-69-157", "dcterms:date", "2014-12-18"),
        ],
    ),
    "data/112-gchumanrights-global-study-about.trig": (
        "gchumanrights-global-study-about",
        [
            ("figure/global-study-children-consulted-gchumanrights-global-study-about", "jwc:value", "274"),
            ("figure/global-study-children-deprived-gchumanrights-global-study-about", "jwc:value", "7000000"),
        ],
    ),
    "data/113-ohchr-crc-global-study-page.trig": (
        "ohchr-crc-global-study-page",
        [
            ("publication/global-study", "jwc:establishedFollowing", "instrument/unga-69-157"),
        ],
    ),
    "data/114-nochildbehindbars-global-study.trig": (
        "nochildbehindbars-global-study",
        [
            ("figure/global-study-children-deprived-nochildbehindbars-global-study", "jwc:value", "7000000"),
        ],
    ),
    "data/115-nochildbehindbars-study-process.trig": (
        "nochildbehindbars-study-process",
        [
            ("event/global-study-geneva-launch", "schema:startDate", "2019-11-19"),
            ("event/global-study-ga-presentation", "schema:location", "place/new-york"),
            ("instrument/unga-72-245", "jwc:documentSymbol", "A/RES/72/245"),
        ],
    ),
    "data/116-uni-ak-nowak-presents.trig": (
        "uni-ak-nowak-presents",
        [
            ("figure/global-study-pages-uni-ak-nowak-presents", "jwc:value", "800"),
            ("figure/global-study-research-groups-uni-ak-nowak-presents", "jwc:value", "10"),
            ("event/global-study-geneva-launch", "schema:location", "place/palais-des-nations"),
        ],
    ),
    "data/117-cdl-scope-methodology.trig": (
        "cdl-scope-methodology",
        [
            ("figure/global-study-research-groups-cdl-scope-methodology", "jwc:value", "5"),
        ],
    ),
    "data/118-gmr-lbg-global-study.trig": (
        "gmr-lbg-global-study",
        [
            ("instrument/unga-69-157", "dcterms:date", "2014-12-18"),
        ],
    ),
    "data/119-hrw-fr-enfants-detenus-2019.trig": (
        "hrw-fr-enfants-detenus-2019",
        [
            ("figure/global-study-children-deprived-hrw-fr-enfants-detenus-2019", "jwc:value", "1500000"),
        ],
    ),
    "data/120-levif-global-study-2019.trig": (
        "levif-global-study-2019",
        [
            ("figure/global-study-children-deprived-levif-global-study-2019", "jwc:value", "1300000"),
        ],
    ),
    "data/121-bncetogo-global-study-2019.trig": (
        "bncetogo-global-study-2019",
        [
            ("figure/global-study-children-deprived-bncetogo-global-study-2019", "jwc:value", "1500000"),
            ("event/global-study-ga-presentation", "schema:location", "place/new-york"),
        ],
    ),
    "data/122-cdl-global-forum-2022.trig": (
        "cdl-global-forum-2022",
        [
            ("event/global-forum", "schema:startDate", "2022-11-08"),
            ("event/global-forum", "schema:location", "place/hotel-azalai-marhaba"),
            ("place/nouakchott", "schema:containedInPlace", "place/mauritania"),
            ("membership/tdh-ngo-panel-cdl-global-forum-2022", "org:role", "vocab/role-co-chair"),
        ],
    ),
    "data/123-bettercarenetwork-global-forum-2022.trig": (
        "bettercarenetwork-global-forum-2022",
        [
            ("event/global-forum", "schema:startDate", "2022-11-08"),
            ("event/global-forum", "schema:location", "place/hotel-azalai-marhaba"),
            ("place/nouakchott", "schema:containedInPlace", "place/mauritania"),
            ("membership/tdh-ngo-panel-bettercarenetwork-global-forum-2022", "org:role", "vocab/role-co-chair"),
        ],
    ),
    "data/124-lecalame-nouakchott-2022.trig": (
        "lecalame-nouakchott-2022",
        [
            ("event/global-forum", "schema:organizer", "org/dci"),
            ("event/global-forum", "jwc:supportedBy", "org/mauritania-human-rights-commissariat"),
            ("figure/global-forum-countries-lecalame-nouakchott-2022", "jwc:value", "50"),
        ],
    ),
    "data/125-aidara-mondoblog-nouakchott-2022.trig": (
        "aidara-mondoblog-nouakchott-2022",
        [
            ("event/global-forum", "schema:organizer", "org/ngo-panel"),
            ("membership/amsme-dci-aidara-mondoblog-nouakchott-2022", "org:member", "org/amsme"),
            ("commitment/global-forum-roadmap", "jwc:madeAt", "event/global-forum"),
        ],
    ),
    "data/126-akhbarlhawdh-nouakchott-2022.trig": (
        "akhbarlhawdh-nouakchott-2022",
        [
            ("event/global-forum", "schema:location", "place/nouakchott"),
            ("event/global-forum", "jwc:supportedBy", "org/mauritania-human-rights-commissariat"),
        ],
    ),
    "data/127-cdl-roadmap-2023-2024.trig": (
        "cdl-roadmap-2023-2024",
        [
            ("commitment/global-forum-roadmap", "skos:altLabel", "2023-2024 Roadmap for Action"),
            ("event/global-forum", "schema:endDate", "2022-11-09"),
        ],
    ),
    "data/128-cdl-news-hrc52-2023.trig": (
        "cdl-news-hrc52-2023",
        [
            ("event/global-forum", "jwc:partner", "org/un-task-force-cdl"),
            ("commitment/hrc52-caac-statement-2023", "dcterms:date", "2023-03-16"),
        ],
    ),
    "data/129-cdl-hrc52-vac-statement-2023.trig": (
        "cdl-hrc52-vac-statement-2023",
        [
            ("event/roadmap-launch-2023", "schema:startDate", "2023-03-16"),
            ("event/roadmap-launch-2023", "schema:about", "commitment/global-forum-roadmap"),
        ],
    ),
    "data/130-dci-ngo-panel-meeting-2021.trig": (
        "dci-ngo-panel-meeting-2021",
        [
            ("membership/hrw-ngo-panel-dci-ngo-panel-meeting-2021", "org:role", "vocab/role-co-chair"),
            ("commitment/ngo-panel-monitoring-mechanism-2021", "jwc:committedBy", "org/ngo-panel"),
        ],
    ),
    "data/131-dci-webinar-alternatives-2021.trig": (
        "dci-webinar-alternatives-2021",
        [
            ("event/ngo-panel-webinar-2021-07-12", "schema:startDate", "2021-07-12"),
            ("membership/hrw-ngo-panel-dci-webinar-alternatives-2021", "org:organization", "org/ngo-panel"),
        ],
    ),
    "data/132-nochildbehindbars-webinar-2020.trig": (
        "nochildbehindbars-webinar-2020",
        [
            ("event/covid-webinar-2020", "jwc:hostedBy", "org/hrw"),
            ("figure/covid-webinar-2020-participants-nochildbehindbars-webinar-2020", "jwc:value", "250"),
        ],
    ),
    "data/133-cdl-wc2021-dci-panel.trig": (
        "cdl-wc2021-dci-panel",
        [
            ("event/wc-2021-dci-panel", "schema:superEvent", "event/wc-2021"),
            ("event/wc-2021-dci-panel", "schema:startDate", "2021-11-15"),
        ],
    ),
    "data/134-dci-call-for-global-study.trig": (
        "dci-call-for-global-study",
        [
            ("event/global-study-campaign-launch-2014", "schema:startDate", "2014-03-13"),
            ("event/global-study-campaign-launch-2014", "jwc:launched", "initiative/global-study-campaign"),
            ("initiative/global-study-campaign", "jwc:runBy", "org/dci"),
        ],
    ),
    "data/135-dci-global-study-page.trig": (
        "dci-global-study-page",
        [
            ("publication/global-study", "jwc:ledBy", "person/manfred-nowak"),
            ("membership/dci-ngo-panel-dci-global-study-page", "org:role", "vocab/role-co-chair"),
        ],
    ),
    "data/136-crin-deprivation-liberty-news.trig": (
        "crin-deprivation-liberty-news",
        [
            ("event/global-study-asean-consultation-2018", "schema:location", "place/bangkok"),
            ("place/addis-ababa", "schema:containedInPlace", "place/ethiopia"),
            ("event/global-study-africa-consultation-2018", "schema:startDate", "2018-05-10"),
        ],
    ),
    "data/137-srsg-buenos-aires-consultation-2016.trig": (
        "srsg-buenos-aires-consultation-2016",
        [
            ("event/buenos-aires-monitoring-consultation-2016", "schema:location", "place/buenos-aires"),
            ("event/buenos-aires-monitoring-consultation-2016", "schema:startDate", "2016-05-19"),
        ],
    ),
    "data/138-cdl-news-2018-09.trig": (
        "cdl-news-2018-09",
        [
            ("event/global-study-montevideo-consultation-2018", "schema:startDate", "2018-10-25"),
            ("event/global-study-montevideo-consultation-2018", "jwc:hostedBy", "org/uruguay-government"),
            ("event/global-study-montevideo-consultation-2018", "jwc:partner", "org/dci-uruguay"),
            ("place/montevideo", "schema:containedInPlace", "place/uruguay"),
        ],
    ),
    "data/139-cdl-campaign-timeline.trig": (
        "cdl-campaign-timeline",
        [
            ("event/global-forum", "schema:organizer", "org/ngo-panel"),
            ("event/global-forum", "jwc:partner", "org/srsg-vac"),
            ("membership/tdh-ngo-panel-cdl-campaign-timeline", "org:role", "vocab/role-co-chair"),
            ("commitment/global-forum-roadmap", "jwc:madeAt", "event/global-forum"),
        ],
    ),
    "data/140-alrai-madrid-2025.trig": (
        "alrai-madrid-2025",
        [
            ("event/wc-2025", "schema:startDate", "2025-06-02"),
            ("event/wc-2025", "schema:endDate", "2025-06-04"),
            ("event/wc-2025", "schema:organizer", "initiative/global-initiative"),
            ("event/wc-2025", "jwc:supportedBy", "org/comillas-university"),
        ],
    ),
    "data/141-aimjf-history.trig": (
        "aimjf-history",
        [
            ("org/iayfjm", "skos:altLabel", "International Association of Children Court Judges"),
            ("event/iayfjm-founding-congress-1930", "schema:startDate", "1930-07-26"),
            ("event/juvenile-courts-congress-1911", "schema:location", "place/paris"),
            ("event/iayfjm-congress-10", "schema:location", "place/montreal"),
        ],
    ),
    "data/142-aimjf-about.trig": (
        "aimjf-about",
        [
            ("org/iayfjm", "schema:foundingDate", "1928"),
            ("org/iayfjm", "jwc:consultativeStatusWith", "org/council-of-europe"),
        ],
    ),
    "data/143-jwc-advocacy.trig": (
        "jwc-advocacy",
        [
            ("commitment/gi-advocacy-aim-3", "jwc:committedBy", "initiative/global-initiative"),
            ("event/un-crime-congress-14", "schema:startDate", "2021-03-07"),
            ("place/kyoto", "schema:containedInPlace", "place/japan"),
        ],
    ),
    # About pages catalogued because they state the publisher of other pages (third reading of issue 10)
    "data/144-ibcr-vision.trig": ("ibcr-vision", [("org/ibcr", "schema:foundingDate", "1994-09")]),
    "data/145-watchlist-about.trig": ("watchlist-about", [("org/watchlist", "schema:foundingDate", "2001")]),
    "data/146-dci-brochure.trig": ("dci-brochure", [("org/dci", "schema:foundingDate", "1979-07")]),
    # About pages named by earlier readings, now catalogued as sources of their own (fourth reading of issue 10)
    "data/147-tdh-about.trig": (
        "tdh-about",
        [("org/tdh", "schema:foundingDate", "1960"), ("org/tdh", "skos:altLabel", "Tdh")],
    ),
    "data/148-pri-about.trig": ("pri-about", [("org/pri", "skos:altLabel", "PRI")]),
    "data/149-cep-about.trig": ("cep-about", [("org/cep", "schema:foundingDate", "1981")]),
    "data/150-hrw-fr-about.trig": ("hrw-fr-about", [("org/hrw", "schema:foundingDate", "1978")]),
    "data/151-crin-who-we-are.trig": ("crin-who-we-are", [("org/crin", "skos:altLabel", "CRIN")]),
    "data/152-crin-strategy-2014-18.trig": (
        "crin-strategy-2014-18",
        [("org/crin", "skos:prefLabel", "Child Rights International Network")],
    ),
    # About pages of sites whose publisher no page had stated (fourth reading of issue 10)
    "data/153-cjr-about.trig": ("cjr-about", [("org/cjr", "schema:foundingDate", "1996")]),
    "data/154-srsg-welcome.trig": (
        "srsg-welcome",
        [
            (
                "org/srsg-vac",
                "skos:prefLabel",
                "Special Representative of the Secretary-General on Violence against Children",
            )
        ],
    ),
    "data/155-comillas-identity.trig": (
        "comillas-identity",
        [("org/comillas-university", "skos:altLabel", "Comillas")],
    ),
    "data/156-lbi-gmr-mission.trig": ("lbi-gmr-mission", [("org/lbi-gmr", "schema:foundingDate", "1992")]),
    "data/157-unicef-irc-faq.trig": ("unicef-irc-faq", [("org/unicef-irc", "schema:foundingDate", "1988")]),
    "data/158-gc-governance.trig": ("gc-governance", [("org/global-campus", "skos:altLabel", "EIUC")]),
    "data/159-jeunesseetdroit-formations.trig": (
        "jeunesseetdroit-formations",
        [("org/jeunesse-et-droit", "skos:prefLabel", "Jeunesse et Droit")],
    ),
    "data/160-rcts-submissions.trig": (
        "rcts-submissions",
        [("org/coltras", "skos:prefLabel", "Colegio de Trabajadores Sociales de Costa Rica")],
    ),
    # Pages of the fifth reading of issue 10: OHCHR Europe's describes the office in the third person (it names no
    # publisher), Doncel's home page speaks for Doncel (it names the publisher of Doncel's copy of the Havana Rules)
    "data/161-ohchr-europe-what-we-do.trig": (
        "ohchr-europe-what-we-do",
        [("org/ohchr-europe", "skos:altLabel", "Regional Office for Europe")],
    ),
    "data/162-doncel-home.trig": ("doncel-home", [("org/doncel", "skos:prefLabel", "Doncel")]),
}


def term(value: str) -> str:
    """A SPARQL term for a table value: an IRI for kind/slug paths, else None (compare as text)."""
    kind = value.split("/", 1)[0]
    if "/" in value and " " not in value and kind == "vocab":
        return f"<{VOCAB}{value.split('/', 1)[1]}>"
    if "/" in value and " " not in value and kind.isalpha() and kind.islower():
        return f"<{ID}{value}>"
    return None


def prop(name: str) -> str:
    prefix, local = name.split(":")
    return f"<{PREFIXES[prefix]}{local}>"


@pytest.mark.parametrize("data_file", sorted(SOURCES))
def test_each_source_states_its_facts_in_its_own_graph(store, data_file):
    slug, facts = SOURCES[data_file]
    graph = f"{ID}source/{slug}"
    missing = []
    for subject, predicate, value in facts:
        obj = term(value)
        where = (
            f"<{ID}{subject}> {prop(predicate)} {obj}"
            if obj
            else (f'<{ID}{subject}> {prop(predicate)} ?o FILTER (STR(?o) = "{value}")')
        )
        if not ask(store, f"ASK {{ GRAPH <{graph}> {{ {where} }} }}"):
            missing.append(f"  {subject} {predicate} {value}")
    assert not missing, (
        f"the page catalogued as src:{slug} states these, but its graph does not have them:\n"
        + "\n".join(missing)
        + f"\nAdd them to {data_file} (and check the page's excerpt)."
    )


def test_every_data_file_is_a_catalogued_source():
    on_disk = {f"data/{p.name}" for p in (REPO / "data").glob("[0-9][0-9][0-9]-*.trig")}
    seeds = {f"data/{p.name}" for p in (REPO / "data").glob("00[0-9]-*.trig")}
    assert on_disk - seeds == set(SOURCES), "every data file of a public page needs its row in SOURCES"


def test_every_source_says_where_it_comes_from_who_publishes_it_its_language_and_when_it_was_read(store):
    rows = select(
        store,
        f"""SELECT ?s ?url ?file ?title ?lang ?read ?pub ?pubgap ?readgap WHERE {{ GRAPH <{CATALOGUE}> {{
        ?s a jwc:Source .
        OPTIONAL {{ ?s schema:url ?url }} OPTIONAL {{ ?s jwc:seedFile ?file }} OPTIONAL {{ ?s dcterms:title ?title }}
        OPTIONAL {{ ?s schema:inLanguage ?lang }} OPTIONAL {{ ?s jwc:retrievedOn ?read }}
        OPTIONAL {{ ?s jwc:publisherNamed ?pub }}
        OPTIONAL {{ ?pubgap jwc:gapIn ?s ; jwc:missingProperty jwc:publisherNamed }}
        OPTIONAL {{ ?readgap jwc:gapIn ?s ; jwc:missingProperty jwc:retrievedOn }} }} }}""",
    )
    assert len({r["s"] for r in rows}) >= len(SOURCES) + len(SEEDS)
    problems = []
    for r in rows:
        slug = r["s"].rsplit("/", 1)[-1]
        for field, ok in (
            ("a URL or seed file", r["url"] or r["file"]),
            ("a title", r["title"]),
            ("a publisher (jwc:publisherNamed) or a gap saying the page names none", r["pub"] or r["pubgap"]),
            ("a language", r["lang"]),
            ("the date it was read (jwc:retrievedOn) or a gap saying it is unknown", r["read"] or r["readgap"]),
        ):
            if not ok:
                problems.append(f"  src:{slug} has no {field}")
    assert not problems, "fix these records in data/sources.trig:\n" + "\n".join(sorted(set(problems)))
    new = [r for r in rows if r["s"].rsplit("/", 1)[-1] not in SEEDS]
    read_on = {"2026-11-25", "2026-11-26"}  # the days the pages of issue 10 were read
    assert all(r["read"] in read_on and r["url"].startswith("http") for r in new), "public pages: URL, date read"


def test_the_paris_2018_participant_figures_of_several_publishers_are_listed_as_disagreements(store):
    found = conflicts.find(store, REPO / "queries")
    paris = {
        s.rsplit("/", 1)[-1]
        for c in found
        if c.subject.endswith("event/wc-2018") and c.kind == "figure" and c.property.endswith("measure-participants")
        for s in (c.source, c.other_source)
    }
    assert {"gi-about", "crin-juvenile-justice", "tdh-2018-final-declaration", "jwc-world-congress"} <= paris, paris
    values = {
        c.value for c in found if c.subject.endswith("event/wc-2018") and c.property.endswith("measure-participants")
    } | {
        c.other_value
        for c in found
        if c.subject.endswith("event/wc-2018") and c.property.endswith("measure-participants")
    }
    assert {"917 participants", "nearly 1000 people", "over 900 experts"} <= values


def test_other_disagreements_are_listed_with_both_sources(store):
    found = conflicts.find(store, REPO / "queries")

    def pairs(subject, prop_end, kind):
        return {
            frozenset((c.source.rsplit("/", 1)[-1], c.other_source.rsplit("/", 1)[-1]))
            for c in found
            if c.subject.endswith(subject) and c.property.endswith(prop_end) and c.kind == kind
        }

    # Lima 2009: 4-7 November (the declaration) or June (Terre des hommes, 2020)
    assert frozenset(("srsg-lima-declaration", "tdh-uk-2009-first-congress")) in pairs("wc-2009", "startDate", "value")
    # ... and 63 or 55 countries
    assert frozenset(("srsg-lima-declaration", "tdh-uk-2009-first-congress")) in pairs(
        "wc-2009", "measure-countries-represented", "figure"
    )
    # Geneva 2015: more than 80 or more than 90 States
    assert frozenset(("admin-ch-2015-en", "netzwerk-kinderrechte-2015")) in pairs(
        "wc-2015", "measure-countries-represented", "figure"
    )
    # Madrid 2025: to end on 6 June (as scheduled in January 2024) or on 4 June
    assert frozenset(("jwc-memory-2023-news", "tdh-spain-v-congreso-2025")) in pairs("wc-2025", "endDate", "value")
    # the Beijing Rules: adopted on 29 November 1985 (the resolution) or on 28 November 1985 (an Argentine page)
    assert frozenset(("un-a-res-40-33", "defensoria-reglas-beijing")) in pairs("beijing-rules", "date", "value")
    # the Global Study: over 7 million children a year deprived of liberty, or at least 1.5 million
    assert frozenset(("cdl-global-forum-2022", "hrw-fr-enfants-detenus-2019")) in pairs(
        "global-study", "measure-children-deprived-of-liberty", "figure"
    )


def test_gaps_the_new_pages_closed_are_listed_as_closed(store):
    got = query.run(store, QUERIES["recorded-gaps"].text).rows()
    closed = {(r["about"].rsplit("/", 1)[-1], r["closedBy"].rsplit("/", 1)[-1]) for r in got if r["status"] == "closed"}
    assert {
        ("wc-2021", "jwc-world-congress"),
        ("prep-merida", "jwc2018-preparatory-meetings"),
        ("prep-buenos-aires", "jwc2018-preparatory-meetings"),
        ("wc-2025", "cep-probation-2025"),
        ("wc-2018", "crin-world-congress-2018"),
        ("global-forum", "cdl-global-forum-2022"),
        # publishers found on a second reading: the page itself, or its site's About page, names them
        ("jwc-world-congress", "gi-about"),  # the site's About page, catalogued, states it
        ("tdh-ch-fr-2009-premier-congres", "tdh-ch-fr-2009-premier-congres"),
        ("crinmail-805", "crinmail-805"),
        # third reading: About pages catalogued as sources of their own, and facts pages already held state
        ("ibcr-mena-session-2021", "ibcr-vision"),
        ("watchlist-nowak-appointed", "watchlist-about"),
        ("dci-world-congress-2015", "dci-brochure"),
        # fourth reading: About pages named by the second reading, now catalogued as sources of their own
        ("tdh-2018-world-congress-project", "tdh-about"),
        ("pri-blog-2021-congress", "pri-about"),
        ("cep-probation-2025", "cep-about"),
        ("hrw-fr-enfants-detenus-2019", "hrw-fr-about"),
        ("crin-juvenile-justice", "crin-who-we-are"),
        ("crin-article-37", "crin-strategy-2014-18"),
        ("restorativejustice-lima-9686", "cjr-about"),
        ("srsg-lima-declaration", "srsg-welcome"),
        ("comillas-2025-presentation", "comillas-identity"),
        ("gmr-lbg-global-study", "lbi-gmr-mission"),
        ("jeunesseetdroit-newsletter-2014", "jeunesseetdroit-formations"),
        ("trabajosocial-latin-america", "rcts-submissions"),
        ("prep-europe-2020", "jwc-european-preparatory-meeting"),
        ("wc-2015", "dci-world-congress-2015"),
        ("beijing-rules", "un-a-res-40-33"),
    } <= closed, closed
    still_open = {r["about"].rsplit("/", 1)[-1] for r in got if r["status"] == "open"}
    assert "cjag" in still_open, "no page names the ninth member of the Child Justice Advocacy Group"
    assert {"doczz-geneva-declaration-2015", "pdfslide-geneva-agenda-2015"} <= still_open, (
        "a mirror of a document that names no publisher gives none"
    )
    third_person = {"ohchr-europe-ipjj-2011", "gchumanrights-global-study-about", "unicef-irc-article-40"}
    assert third_person | {"tdh-es-proximo-congreso-2021", "tdh-spain-v-congreso-2025"} <= still_open, (
        "a page about an organisation in the third person does not say who runs the site, and no page closes its own gap"
    )


def test_events_in_latin_america_are_found_through_the_place_hierarchy(store):
    got = {r["event"].rsplit("/", 1)[-1]: r for r in query.run(store, QUERIES["events-in-region"].text).rows()}
    assert {"wc-2009", "wc-2021", "prep-buenos-aires"} <= set(got), sorted(got)
    assert "Lima" in got["wc-2009"]["places"] and "Mexico City" in got["wc-2021"]["places"]
    assert "Buenos Aires" in got["prep-buenos-aires"]["places"]
    assert not {"wc-2015", "wc-2018", "wc-2025"} & set(got), "Geneva, Paris and Madrid are not in Latin America"
    assert all(r["regionName"] == "Latin America" for r in got.values())


def test_each_link_of_the_hierarchy_is_stated_by_a_page(store):
    for place, larger in (
        ("lima", "peru"),
        ("peru", "latin-america"),
        ("mexico-city", "mexico"),
        ("mexico", "latin-america"),
        ("buenos-aires", "argentina"),
        ("argentina", "latin-america"),
    ):
        assert ask(
            store,
            f"ASK {{ GRAPH ?g {{ <{ID}place/{place}> schema:containedInPlace <{ID}place/{larger}> }}"
            f" GRAPH <{CATALOGUE}> {{ ?g a jwc:Source }} }}",
        ), f"no source states that {place} is in {larger}"


def test_members_over_time_keeps_each_pages_list_with_its_date(store):
    got = query.run(store, QUERIES["members-over-time"].text).rows()
    lists: dict[str, set[str]] = {}
    for r in got:
        lists.setdefault(r["source"].rsplit("/", 1)[-1], set()).add(r["name"])
    assert {"ipjj-members", "juvenilejusticepanel-who-we-are", "dci-italia-il-panel"} <= set(lists), sorted(lists)
    # the older site lists Save the Children UK among the members; the founders' page (seed 004) does not
    assert "Save the Children UK" in lists["juvenilejusticepanel-who-we-are"]
    assert "Save the Children UK" not in lists["ipjj-members"]
    assert len(lists["ipjj-members"]) == 13


def test_organiser_lists_that_differ_are_shown_side_by_side(store):
    got = query.run(store, QUERIES["organiser-lists"].text).rows()
    forum = {r["source"].rsplit("/", 1)[-1]: r["organisers"] for r in got if r["event"].endswith("/event/global-forum")}
    # Le Calame names DCI (through AMSME); the NGO Panel's timeline names the Panel (with the SRSG as partner)
    assert forum.get("lecalame-nouakchott-2022") == "Defence for Children International", forum
    assert forum.get("cdl-campaign-timeline") == "NGO Panel", forum
