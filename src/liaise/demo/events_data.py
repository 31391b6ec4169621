"""The LIAISE 2 demo events: the kick-off, the Bordeaux conference and the four other European conferences.

Facts (the seed and public Efus/CEP pages, see shared/demo/liaise2-partners.md): the internal kick-off meeting
at the Hôtel de Ville de Bordeaux on 26 May 2016 (morning on the organisation and the activities in the partner
cities, afternoon workshop on the partners' pilot projects with expert contributions on six topics); the
conference "European cities facing radicalisation: communication and counter-narratives" at the Grand Théâtre
de Bordeaux on 27 May 2016 (more than 250 attendants from 14 countries; opening by Marik Fetouh and Roger
Vicot; Magnus Ranstorp on understanding radicalisation and a framework concept; two round tables with four
guiding questions; closing speech by Alain Juppé); the conferences of Leuven (11–12 October 2016), The Hague
(29 March 2017, CEP with Efus and the City of The Hague) and Rimini (May 2017, with the Italian Forum); the
addresses of the two Bordeaux venues.

Invented for the demo, and plainly fictitious:

- the times of the sessions, the rooms, the capacity and the registration window of the Bordeaux conference,
  the event languages, and the sessions' wording;
- the round-table panelists and moderators: shown as "Representative, <partner>" (public sources do not name
  them; which partner sat at which table is made up), never with invented names;
- the 262 registrations for Bordeaux ("Demo Participant 001" … with ``@example.org`` addresses; the countries,
  participant types, registration and check-in times are made up to match "more than 250 attendants from 14
  countries"); no needs data; the declared genders (a repeating pattern: 60 % declared, "prefer not to say"
  among them, the others left undeclared);
- the venues of Leuven, The Hague and Rimini ("Conference venue (placeholder)": the real venues are not in the
  public sources), the organisers of Leuven (Efus alone), and the programmes of the Leuven, The Hague, Rimini
  and fifth conferences (illustrative sessions, no named people);
- the exact day of the Rimini conference (18 May 2017: public sources give only the month);
- the fifth conference: not found in public sources, shown as planned on 15 March 2018 with a placeholder
  title; its date, title and programme are placeholders.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

PARIS, BRUSSELS, AMSTERDAM, ROME = "Europe/Paris", "Europe/Brussels", "Europe/Amsterdam", "Europe/Rome"


def at(tz: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A timezone-aware datetime, in the event's own time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz))


PROJECT = "liaise-2"

# slug, name, address, city, country, rooms [(name, capacity)]
VENUES = [
    ("hotel-de-ville-bordeaux", "Hôtel de Ville de Bordeaux", "Place Pey-Berland", "Bordeaux", "FR",
     [("Salle du Conseil", None), ("Salon des Arts", None)]),
    ("grand-theatre-bordeaux", "Grand Théâtre de Bordeaux", "Place de la Comédie", "Bordeaux", "FR",
     [("Grande salle", 1100), ("Grand Foyer", None)]),
    ("conference-venue-leuven", "Conference venue (placeholder)", "", "Leuven", "BE", []),
    ("conference-venue-the-hague", "Conference venue (placeholder)", "", "The Hague", "NL", []),
    ("conference-venue-rimini", "Conference venue (placeholder)", "", "Rimini", "IT", []),
]

# Round-table speakers that public sources do not name: a Person per partner organisation, never a made-up name.
# slug, name, organisation slug
REPRESENTATIVES = [
    ("representative-efus", "Representative, Efus", "efus"),
    ("representative-ffsu", "Representative, French Forum for Urban Security", "ffsu"),
    ("representative-bordeaux", "Representative, City of Bordeaux", "bordeaux"),
    ("representative-malmo", "Representative, City of Malmö", "malmo"),
    ("representative-liege", "Representative, City of Liège", "liege"),
    ("representative-isd", "Representative, Institute for Strategic Dialogue", "isd"),
    ("representative-bologna", "Representative, City of Bologna", "bologna"),
    ("representative-brussels", "Representative, City of Brussels", "brussels"),
    ("representative-lhospitalet", "Representative, City of L'Hospitalet de Llobregat", "lhospitalet-de-llobregat"),
    ("representative-ufuq", "Representative, ufuq.de", "ufuq"),
]
REPRESENTATIVE_TITLE_EN = "Demo placeholder for a speaker not named in public sources"
REPRESENTATIVE_TITLE_FR = "Donnée de démonstration : intervenant non nommé dans les sources publiques"

# The round tables' guiding questions (English as in the seed), with French translations.
GUIDING_QUESTIONS = [
    ("What communication strategy should be adopted at the local level?",
     "Quelle stratégie de communication adopter au niveau local ?"),
    ("How can we address the issue of radicalisation and its related concepts when they themselves are in debate?",
     "Comment aborder la question de la radicalisation et des notions qui s'y rattachent, alors qu'elles font "
     "elles-mêmes débat ?"),
    ("How can we address all citizens, without stigmatising any particular group of society?",
     "Comment s'adresser à tous les citoyens, sans stigmatiser aucun groupe de la société ?"),
    ("In what ways can the local level contribute to the development and dissemination of a counter-narrative?",
     "De quelles manières le niveau local peut-il contribuer à l'élaboration et à la diffusion d'un "
     "contre-discours ?"),
]

EXPERT_TOPICS = [
    "understanding-radicalisation", "multi-agency-strategies", "training-professionals",
    "communication-counter-narratives", "family-support", "youth-resilience", "disengagement",
]

_ROUND_TABLE_DESCRIPTION_EN = (
    "Local authorities and experts present their local plans and strategies. Communication and a "
    "counter-narrative are essential for local actors to build dialogue with their citizens and mobilise them, "
    "and to prevent and address violent extremism. Participants put questions to each member of the table."
)
_ROUND_TABLE_DESCRIPTION_FR = (
    "Des autorités locales et des experts présentent leurs plans et stratégies locales. La communication et le "
    "contre-discours sont essentiels pour que les acteurs locaux dialoguent avec leurs citoyens et les "
    "mobilisent, et pour prévenir et combattre l'extrémisme violent. Le public pose ses questions à chaque "
    "membre de la table."
)


def _session(slug, kind, title_en, title_fr, start, end, *, room=None, description_en="", description_fr="",
             topics=(), speakers=(), questions=()):
    """room: (venue slug, room name); speakers: (person slug, role, affiliation); questions: (English, French)."""
    return {
        "slug": slug, "kind": kind, "title_en": title_en, "title_fr": title_fr, "start": start, "end": end,
        "room": room, "description_en": description_en, "description_fr": description_fr,
        "topics": list(topics), "speakers": list(speakers), "questions": list(questions),
    }


_HDV, _GT = "hotel-de-ville-bordeaux", "grand-theatre-bordeaux"


def _kick_off_sessions():
    def t(hour, minute=0):
        return at(PARIS, 2016, 5, 26, hour, minute)

    return [
        _session(
            "organisation-and-activities", "internal_meeting",
            "Organisation of the project and activities in the partner cities",
            "Organisation du projet et activités dans les villes partenaires",
            t(9, 30), t(12, 30), room=(_HDV, "Salle du Conseil"),
            description_en="Internal meeting of the partners on the organisation of LIAISE 2 and the activities "
                           "to be developed under the project in the different European cities.",
            description_fr="Réunion interne des partenaires sur l'organisation de LIAISE 2 et les activités à "
                           "mener dans le cadre du projet dans les différentes villes européennes.",
        ),
        _session("lunch", "break", "Lunch break", "Pause déjeuner", t(12, 30), t(14, 0)),
        _session(
            "pilot-projects-workshop", "workshop",
            "Workshop on the partners' pilot projects", "Atelier sur les projets pilotes des partenaires",
            t(14, 0), t(17, 30), room=(_HDV, "Salon des Arts"),
            description_en=(
                "Exchanges of ideas for pilot projects between the partner cities and regions, with contributions "
                "from experts on radicalisation, on:\n\n"
                "- understanding and conceptualisation of radicalisation;\n"
                "- local multi-agency strategies and training professionals;\n"
                "- communication and counter-narratives;\n"
                "- family support;\n"
                "- resilience and preventive work with youth;\n"
                "- de-radicalisation and disengagement."
            ),
            description_fr=(
                "Échanges d'idées de projets pilotes entre les villes et régions partenaires, avec les "
                "contributions d'experts de la radicalisation sur :\n\n"
                "- la compréhension et la conceptualisation de la radicalisation ;\n"
                "- les stratégies locales multi-partenariales et la formation des professionnels ;\n"
                "- la communication et les contre-discours ;\n"
                "- le soutien aux familles ;\n"
                "- la résilience et le travail de prévention auprès des jeunes ;\n"
                "- la déradicalisation et le désengagement."
            ),
            topics=EXPERT_TOPICS,
        ),
    ]


def _bordeaux_sessions():
    def t(hour, minute=0):
        return at(PARIS, 2016, 5, 27, hour, minute)

    hall, foyer = (_GT, "Grande salle"), (_GT, "Grand Foyer")
    return [
        _session(
            "opening", "opening", "Opening of the conference", "Ouverture de la conférence", t(9, 0), t(9, 45),
            room=hall,
            speakers=[
                ("marik-fetouh", "opening", "Deputy Mayor of Bordeaux in charge of equality and citizenship"),
                ("roger-vicot", "opening", "President of the French Forum for Urban Security"),
            ],
        ),
        _session(
            "keynote", "keynote", "Understanding radicalisation: a framework concept",
            "Comprendre la radicalisation : un cadre conceptuel", t(9, 45), t(10, 30), room=hall,
            description_en="A proposal to better understand the concept of radicalisation, and a framework "
                           "concept to work with.",
            description_fr="Une proposition pour mieux comprendre la notion de radicalisation, et un cadre "
                           "conceptuel pour travailler.",
            topics=["understanding-radicalisation"],
            speakers=[("magnus-ranstorp", "keynote",
                       "Research Director, Centre for Asymmetric Threat Studies, Swedish Defence University")],
        ),
        _session("coffee-break", "break", "Coffee break", "Pause café", t(10, 30), t(11, 0), room=foyer),
        _session(
            "round-table-1", "round_table", "Local communication strategies", "Stratégies locales de communication",
            t(11, 0), t(12, 45), room=hall,
            description_en=_ROUND_TABLE_DESCRIPTION_EN, description_fr=_ROUND_TABLE_DESCRIPTION_FR,
            topics=["communication-counter-narratives"],
            speakers=[
                ("representative-efus", "moderator", ""),
                ("representative-bordeaux", "panelist", ""),
                ("representative-malmo", "panelist", ""),
                ("representative-liege", "panelist", ""),
                ("representative-isd", "panelist", ""),
            ],
            questions=GUIDING_QUESTIONS,
        ),
        _session("lunch", "break", "Lunch break", "Pause déjeuner", t(12, 45), t(14, 15), room=foyer),
        _session(
            "round-table-2", "round_table", "Building counter-narratives at the local level",
            "Construire des contre-discours au niveau local", t(14, 15), t(16, 45), room=hall,
            description_en=_ROUND_TABLE_DESCRIPTION_EN, description_fr=_ROUND_TABLE_DESCRIPTION_FR,
            topics=["communication-counter-narratives"],
            speakers=[
                ("representative-ffsu", "moderator", ""),
                ("representative-bologna", "panelist", ""),
                ("representative-brussels", "panelist", ""),
                ("representative-lhospitalet", "panelist", ""),
                ("representative-ufuq", "panelist", ""),
            ],
            questions=GUIDING_QUESTIONS,
        ),
        _session(
            "closing", "closing", "Closing speech", "Discours de clôture", t(16, 45), t(17, 30), room=hall,
            description_en="Diversity as well as unity: a positive key element of the citizens of Bordeaux.",
            description_fr="La diversité comme l'unité : un atout des citoyens de Bordeaux.",
            speakers=[("alain-juppe", "closing", "Mayor of Bordeaux")],
        ),
    ]


def _leuven_sessions():
    def t(day, hour, minute=0):
        return at(BRUSSELS, 2016, 10, day, hour, minute)

    return [
        _session("opening", "opening", "Welcome and introduction", "Accueil et introduction", t(11, 9, 30),
                 t(11, 10, 15)),
        _session(
            "evaluating-prevention", "plenary", "Why and how to evaluate preventive actions",
            "Pourquoi et comment évaluer les actions de prévention", t(11, 10, 15), t(11, 12, 30),
            topics=["multi-agency-strategies"],
        ),
        _session(
            "round-table", "round_table", "Assessing local preventive actions: experiences of the partner cities",
            "Évaluer les actions locales de prévention : expériences des villes partenaires",
            t(11, 14, 0), t(11, 17, 0), topics=["multi-agency-strategies"],
        ),
        _session(
            "evaluation-tools", "workshop", "Evaluation tools: indicators, methods and data",
            "Outils d'évaluation : indicateurs, méthodes et données", t(12, 9, 30), t(12, 12, 30),
            topics=["training-professionals"],
        ),
    ]


def _the_hague_sessions():
    def t(hour, minute=0):
        return at(AMSTERDAM, 2017, 3, 29, hour, minute)

    return [
        _session("opening", "opening", "Welcome and opening", "Accueil et ouverture", t(9, 30), t(10, 0)),
        _session(
            "prison-and-probation", "plenary", "Radicalisation in prison and probation: challenges and practices",
            "La radicalisation en prison et en probation : enjeux et pratiques", t(10, 0), t(12, 30),
            topics=["prison-probation"],
        ),
        _session(
            "working-together", "workshop",
            "Disengagement and reintegration: probation services and local authorities working together",
            "Désengagement et réinsertion : services de probation et autorités locales ensemble",
            t(13, 30), t(16, 0), topics=["prison-probation", "disengagement"],
        ),
        _session("closing", "closing", "Conclusions", "Conclusions", t(16, 0), t(16, 30)),
    ]


def _rimini_sessions():
    def t(hour, minute=0):
        return at(ROME, 2017, 5, 18, hour, minute)

    return [
        _session("opening", "opening", "Welcome and opening", "Accueil et ouverture", t(9, 30), t(10, 0)),
        _session(
            "all-forms-of-extremism", "plenary", "Polarisation and radicalisation: all forms of extremism",
            "Polarisation et radicalisation : toutes les formes d'extrémisme", t(10, 0), t(12, 30),
            topics=["understanding-radicalisation"],
        ),
        _session(
            "local-responses", "round_table", "Local responses to polarisation",
            "Réponses locales à la polarisation", t(14, 0), t(16, 30),
            topics=["multi-agency-strategies", "youth-resilience"],
        ),
    ]


def _fifth_sessions():
    def t(hour, minute=0):
        return at(PARIS, 2018, 3, 15, hour, minute)

    return [
        _session("opening", "opening", "Opening (to be confirmed)", "Ouverture (à confirmer)", t(9, 30), t(10, 0)),
        _session("plenary", "plenary", "Plenary session (topic to be confirmed)",
                 "Séance plénière (thème à confirmer)", t(10, 0), t(12, 30)),
        _session("round-table", "round_table", "Round table (topic to be confirmed)",
                 "Table ronde (thème à confirmer)", t(14, 0), t(16, 30)),
    ]


_ILLUSTRATIVE_EN = "*Demo data: the venue and the programme shown here are illustrative.*"
_ILLUSTRATIVE_FR = "*Données de démonstration : le lieu et le programme présentés ici sont indicatifs.*"

EVENTS = [
    {
        "slug": "liaise-2-kick-off",
        "kind": "internal_meeting",
        "visibility": "partners",
        "status": "published",
        "title_en": "LIAISE 2 kick-off meeting",
        "title_fr": "Réunion de lancement de LIAISE 2",
        "summary_en": (
            "The internal kick-off meeting of LIAISE 2, for the partners, the day before the project's first "
            "European conference. The 28 European partners, including 18 cities and regions, met to launch the "
            "project led by Efus. In the morning they discussed the organisation of the project and the "
            "activities to be developed in the partner cities; in the afternoon, a workshop on the partners' "
            "pilot projects gave room to exchanges of ideas between partners and to contributions from experts "
            "on radicalisation."
        ),
        "summary_fr": (
            "La réunion interne de lancement de LIAISE 2, réservée aux partenaires, la veille de la première "
            "conférence européenne du projet. Les 28 partenaires européens, dont 18 villes et régions, se sont "
            "réunis pour lancer le projet mené par l'Efus. Le matin, ils ont discuté de l'organisation du projet "
            "et des activités à mener dans les villes partenaires ; l'après-midi, un atelier sur les projets "
            "pilotes des partenaires a permis des échanges d'idées entre partenaires et des contributions "
            "d'experts de la radicalisation."
        ),
        "timezone": PARIS,
        "start": at(PARIS, 2016, 5, 26, 9, 30),
        "end": at(PARIS, 2016, 5, 26, 17, 30),
        "venues": [_HDV],
        "organisers": ["efus", "bordeaux"],
        "topics": EXPERT_TOPICS,
        "languages": ["en", "fr"],
        "capacity": None,
        "registration_enabled": False,
        "registration_opens": None,
        "registration_closes": None,
        "sessions": _kick_off_sessions(),
    },
    {
        "slug": "bordeaux-2016",
        "kind": "conference",
        "visibility": "public",
        "status": "published",
        "title_en": "European cities facing radicalisation: communication and counter-narratives",
        "title_fr": "Les villes européennes face à la radicalisation : communication et contre-discours",
        "summary_en": (
            "The first of the five European conferences of LIAISE 2, the day after the project's kick-off. "
            "More than 250 participants from 14 countries attended. The programme combined plenary sessions and "
            "two round tables of local authorities and experts, with lively discussions and exchanges, on "
            "communication strategies and on building a counter-narrative: essential elements for local actors "
            "to build dialogue with their citizens and mobilise them, and to prevent and address violent "
            "extremism."
        ),
        "summary_fr": (
            "La première des cinq conférences européennes de LIAISE 2, le lendemain du lancement du projet. Plus "
            "de 250 participants venus de 14 pays y ont assisté. Le programme associait des séances plénières et "
            "deux tables rondes d'autorités locales et d'experts, riches en débats et en échanges, sur les "
            "stratégies de communication et la construction d'un contre-discours : des éléments essentiels pour "
            "que les acteurs locaux dialoguent avec leurs citoyens et les mobilisent, et pour prévenir et "
            "combattre l'extrémisme violent."
        ),
        "timezone": PARIS,
        "start": at(PARIS, 2016, 5, 27, 9, 0),
        "end": at(PARIS, 2016, 5, 27, 17, 30),
        "venues": [_GT],
        "organisers": ["efus", "bordeaux", "ffsu"],
        "topics": ["communication-counter-narratives"],
        "languages": ["en", "fr"],
        "capacity": 300,
        "registration_enabled": True,
        "registration_opens": at(PARIS, 2016, 3, 14, 9, 0),
        "registration_closes": at(PARIS, 2016, 5, 24, 18, 0),
        "sessions": _bordeaux_sessions(),
    },
    {
        "slug": "leuven-2016",
        "kind": "conference",
        "visibility": "public",
        "status": "published",
        "title_en": "How to assess the impact of preventive actions against radicalisation?",
        "title_fr": "Comment évaluer l'impact des actions de prévention de la radicalisation ?",
        "summary_en": (
            "The second European conference of LIAISE 2, in Leuven (Belgium), on how to assess the impact of "
            "preventive actions against radicalisation.\n\n" + _ILLUSTRATIVE_EN
        ),
        "summary_fr": (
            "La deuxième conférence européenne de LIAISE 2, à Louvain (Belgique), sur l'évaluation de l'impact "
            "des actions de prévention de la radicalisation.\n\n" + _ILLUSTRATIVE_FR
        ),
        "timezone": BRUSSELS,
        "start": at(BRUSSELS, 2016, 10, 11, 9, 30),
        "end": at(BRUSSELS, 2016, 10, 12, 12, 30),
        "venues": ["conference-venue-leuven"],
        "organisers": ["efus"],
        "topics": ["multi-agency-strategies"],
        "languages": ["en", "fr"],
        "capacity": None,
        "registration_enabled": True,
        "registration_opens": None,
        "registration_closes": None,
        "sessions": _leuven_sessions(),
    },
    {
        "slug": "the-hague-2017",
        "kind": "conference",
        "visibility": "public",
        "status": "published",
        "title_en": "Preventing radicalisation in probation and prison",
        "title_fr": "Prévenir la radicalisation en probation et en prison",
        "summary_en": (
            "The third European conference of LIAISE 2, in The Hague, on preventing radicalisation in probation "
            "and prison. It is organised by CEP – the European Organisation for Probation, a full partner of "
            "LIAISE 2, with Efus and the City of The Hague.\n\n" + _ILLUSTRATIVE_EN
        ),
        "summary_fr": (
            "La troisième conférence européenne de LIAISE 2, à La Haye, sur la prévention de la radicalisation "
            "en probation et en prison. Elle est organisée par la CEP – Organisation européenne de la probation, "
            "partenaire de LIAISE 2, avec l'Efus et la Ville de La Haye.\n\n" + _ILLUSTRATIVE_FR
        ),
        "timezone": AMSTERDAM,
        "start": at(AMSTERDAM, 2017, 3, 29, 9, 30),
        "end": at(AMSTERDAM, 2017, 3, 29, 16, 30),
        "venues": ["conference-venue-the-hague"],
        "organisers": ["cep", "efus"],
        "topics": ["prison-probation"],
        "languages": ["en"],
        "capacity": None,
        "registration_enabled": True,
        "registration_opens": None,
        "registration_closes": None,
        "sessions": _the_hague_sessions(),
    },
    {
        "slug": "rimini-2017",
        "kind": "conference",
        "visibility": "public",
        "status": "published",
        "title_en": "Polarisation and radicalisation: a global approach covering all forms of extremism",
        "title_fr": "Polarisation et radicalisation : une approche globale de toutes les formes d'extrémisme",
        "summary_en": (
            "The fourth European conference of LIAISE 2, in Rimini (Italy) in May 2017, organised with the "
            "Italian Forum for Urban Security (FISU). The exact day shown here (18 May) is a placeholder: public "
            "sources give only the month.\n\n" + _ILLUSTRATIVE_EN
        ),
        "summary_fr": (
            "La quatrième conférence européenne de LIAISE 2, à Rimini (Italie) en mai 2017, organisée avec le "
            "Forum italien pour la sécurité urbaine (FISU). Le jour indiqué ici (18 mai) est provisoire : les "
            "sources publiques ne donnent que le mois.\n\n" + _ILLUSTRATIVE_FR
        ),
        "timezone": ROME,
        "start": at(ROME, 2017, 5, 18, 9, 30),
        "end": at(ROME, 2017, 5, 18, 16, 30),
        "venues": ["conference-venue-rimini"],
        "organisers": ["efus", "fisu"],
        "topics": ["understanding-radicalisation", "multi-agency-strategies"],
        "languages": ["en", "it"],
        "capacity": None,
        "registration_enabled": True,
        "registration_opens": None,
        "registration_closes": None,
        "sessions": _rimini_sessions(),
    },
    {
        "slug": "fifth-conference-2018",
        "kind": "conference",
        "visibility": "public",
        "status": "published",
        "title_en": "Fifth European conference (planned — title to be confirmed)",
        "title_fr": "Cinquième conférence européenne (prévue — titre à confirmer)",
        "summary_en": (
            "LIAISE 2 plans five European conferences; this is the fifth. Its date, place and title are not in "
            "public sources: the date (15 March 2018), the title and the programme shown here are placeholders."
        ),
        "summary_fr": (
            "LIAISE 2 prévoit cinq conférences européennes ; voici la cinquième. Sa date, son lieu et son titre "
            "ne figurent pas dans les sources publiques : la date (15 mars 2018), le titre et le programme "
            "présentés ici sont provisoires."
        ),
        "timezone": PARIS,
        "start": at(PARIS, 2018, 3, 15, 9, 30),
        "end": at(PARIS, 2018, 3, 15, 16, 30),
        "venues": [],
        "organisers": ["efus"],
        "topics": [],
        "languages": ["en"],
        "capacity": None,
        "registration_enabled": True,
        "registration_opens": None,
        "registration_closes": None,
        "sessions": _fifth_sessions(),
    },
]

EVENT_SLUGS = [e["slug"] for e in EVENTS]
VENUE_SLUGS = [v[0] for v in VENUES]
REPRESENTATIVE_SLUGS = [r[0] for r in REPRESENTATIVES]

# The fictitious registrations for the Bordeaux conference: 262 people from 14 countries, 255 of them checked in.
REGISTRATIONS_EVENT = "bordeaux-2016"
REGISTRATION_COUNTRIES = [
    ("FR", 118), ("BE", 30), ("DE", 22), ("IT", 18), ("ES", 14), ("NL", 12), ("SE", 9),
    ("PT", 7), ("GR", 6), ("GB", 6), ("DK", 5), ("AT", 5), ("PL", 5), ("FI", 5),
]
NO_SHOWS = {"FR": 4, "BE": 2, "DE": 1}  # the last registrants of these countries did not come
# a repeating pattern of participant types
PARTICIPANT_TYPES = [
    "local_authority", "practitioner", "local_authority", "civil_society", "practitioner",
    "local_authority", "researcher", "practitioner", "local_authority", "other",
]
# a repeating pattern of declared genders (optional on the form): 12 of 20 declared ("undisclosed" = prefer not
# to say is a declaration), 8 left empty, i.e. "gender declared by 60 %"
GENDERS = [
    "woman", "man", "", "woman", "undisclosed", "", "man", "woman", "", "man",
    "woman", "", "man", "", "self", "woman", "", "man", "", "",
]
REGISTRATION_PRIVACY_VERSION = "2016-05"
REGISTRATIONS_FROM = at(PARIS, 2016, 3, 14, 9, 30)
REGISTRATIONS_UNTIL = at(PARIS, 2016, 5, 24, 17, 0)
CHECK_IN_FROM = at(PARIS, 2016, 5, 27, 8, 15)
CHECK_IN_UNTIL = at(PARIS, 2016, 5, 27, 9, 20)
