"""The LIAISE 2 demo dataset, from the seed story and public Efus/CEP pages (shared/demo/liaise2-partners.md).

Facts (public sources): the partners, their kinds and countries, Efus as lead, CEP a full partner, the project's
24 months from May 2016, five conferences, trainings and pilots (17 each), the predecessor LIAISE (2014) and
the people named in the seed with their public roles.

Invented for the demo, and plainly fictitious: the demo user accounts (``*.example`` addresses, "Demo" names),
the joining dates (the project's start), the predecessor's end date (set to the month before LIAISE 2 began),
the project summaries' wording, and LIAISE 2's funding programme and grant agreement number (plausible for an
EU Internal Security Fund – Police action grant; the reporting demo, ``reporting_data``, builds on them).
"""

from datetime import date

TOPICS = [
    # slug, English, French
    ("understanding-radicalisation", "Understanding radicalisation", "Comprendre la radicalisation"),
    ("multi-agency-strategies", "Local multi-agency strategies", "Stratégies locales multi-partenariales"),
    ("training-professionals", "Training professionals", "Formation des professionnels"),
    ("communication-counter-narratives", "Communication and counter-narratives", "Communication et contre-discours"),
    ("family-support", "Family support", "Soutien aux familles"),
    ("youth-resilience", "Resilience and preventive work with youth", "Résilience et prévention auprès des jeunes"),
    ("disengagement", "De-radicalisation and disengagement", "Déradicalisation et désengagement"),
    ("prison-probation", "Prison and probation", "Prison et probation"),
]

# slug, English name, French name, short name, kind, country, city, role in LIAISE 2, website
ORGANISATIONS = [
    ("efus", "European Forum for Urban Security", "Forum européen pour la sécurité urbaine", "Efus", "network",
     "FR", "Paris", "lead", "https://efus.eu"),
    ("alexandroupoli", "Alexandroupoli", "Alexandroupolis", "", "city", "GR", "Alexandroupoli", "full", ""),
    ("augsburg", "Augsburg", "Augsbourg", "", "city", "DE", "Augsburg", "full", ""),
    ("bagneux", "Bagneux", "Bagneux", "", "city", "FR", "Bagneux", "full", ""),
    ("bologna", "Bologna", "Bologne", "", "city", "IT", "Bologna", "full", ""),
    ("bordeaux", "Bordeaux", "Bordeaux", "", "city", "FR", "Bordeaux", "full", ""),
    ("brussels", "Brussels", "Bruxelles", "", "city", "BE", "Brussels", "full", ""),
    ("dusseldorf", "Düsseldorf", "Düsseldorf", "", "city", "DE", "Düsseldorf", "full", ""),
    ("essen", "Essen", "Essen", "", "city", "DE", "Essen", "full", ""),
    ("lhospitalet-de-llobregat", "L'Hospitalet de Llobregat", "L'Hospitalet de Llobregat", "", "city", "ES",
     "L'Hospitalet de Llobregat", "full", ""),
    ("liege", "Liège", "Liège", "", "city", "BE", "Liège", "full", ""),
    ("malmo", "Malmö", "Malmö", "", "city", "SE", "Malmö", "full", ""),
    ("paris", "Paris", "Paris", "", "city", "FR", "Paris", "full", ""),
    ("reggio-emilia", "Reggio Emilia", "Reggio d'Émilie", "", "city", "IT", "Reggio Emilia", "full", ""),
    ("sarcelles", "Sarcelles", "Sarcelles", "", "city", "FR", "Sarcelles", "full", ""),
    ("setubal", "Setúbal", "Setúbal", "", "city", "PT", "Setúbal", "full", ""),
    ("toulouse", "Toulouse", "Toulouse", "", "city", "FR", "Toulouse", "full", ""),
    ("generalitat-de-catalunya", "Generalitat de Catalunya", "Généralité de Catalogne", "", "region", "ES",
     "Barcelona", "full", ""),
    ("val-doise", "Val d'Oise Departmental Council", "Conseil départemental du Val-d'Oise", "", "region", "FR",
     "Cergy-Pontoise", "full", ""),
    ("cep", "CEP – European Organisation for Probation", "CEP – Organisation européenne de la probation", "CEP",
     "network", "NL", "Utrecht", "full", "https://www.cep-probation.org"),
    ("ffsu", "French Forum for Urban Security", "Forum français pour la sécurité urbaine", "FFSU",
     "national_forum", "FR", "Paris", "full", ""),
    ("belgian-forum", "Belgian Forum for Prevention and Urban Security",
     "Forum belge pour la prévention et la sécurité urbaine", "", "national_forum", "BE", "Brussels", "full", ""),
    ("defus", "German Forum for Urban Security", "Forum allemand pour la sécurité urbaine", "DEFUS",
     "national_forum", "DE", "", "full", ""),
    ("fisu", "Italian Forum for Urban Security", "Forum italien pour la sécurité urbaine", "FISU",
     "national_forum", "IT", "", "full", ""),
    ("ufuq", "ufuq.de", "ufuq.de", "", "ngo", "DE", "Berlin", "full", ""),
    ("cultures-interactive", "Cultures Interactive", "Cultures Interactive", "", "ngo", "DE", "Berlin",
     "associate", ""),
    ("isd", "Institute for Strategic Dialogue", "Institute for Strategic Dialogue", "ISD", "ngo", "GB", "London",
     "associate", ""),
    ("bremen-lfv", "Bremen Office for the Protection of the Constitution",
     "Office de protection de la Constitution de Brême", "", "public_agency", "DE", "Bremen", "associate", ""),
]

# Organisations that are not LIAISE 2 partners but appear as affiliations.
OTHER_ORGANISATIONS = [
    ("swedish-defence-university", "Swedish Defence University", "Université suédoise de la défense", "",
     "research", "SE", "Stockholm", "", ""),
]

PEOPLE = [
    # slug, name, English title, French title, organisation slug
    ("marik-fetouh", "Marik Fetouh", "Deputy Mayor of Bordeaux in charge of equality and citizenship",
     "Adjoint au maire de Bordeaux chargé de l'égalité et de la citoyenneté", "bordeaux"),
    ("roger-vicot", "Roger Vicot", "President of the French Forum for Urban Security",
     "Président du Forum français pour la sécurité urbaine", "ffsu"),
    ("magnus-ranstorp", "Magnus Ranstorp",
     "Research Director, Centre for Asymmetric Threat Studies, Swedish Defence University",
     "Directeur de recherche, Centre d'études des menaces asymétriques, Université suédoise de la défense",
     "swedish-defence-university"),
    ("alain-juppe", "Alain Juppé", "Mayor of Bordeaux", "Maire de Bordeaux", "bordeaux"),
]

LIAISE = {
    "slug": "liaise",
    "acronym": "LIAISE",
    "name_en": "Local Institutions Against Extremism",
    "name_fr": "Institutions locales contre l'extrémisme",
    "summary_en": (
        "The first LIAISE project, led by Efus from September 2014 (kick-off in Paris on 6–7 November 2014). "
        "Its book *Preventing and Fighting Radicalisation at the Local Level* (Efus, 2016) gathers its results."
    ),
    "summary_fr": (
        "Le premier projet LIAISE, mené par l'Efus à partir de septembre 2014 (lancement à Paris les 6 et "
        "7 novembre 2014). Son ouvrage *Prévenir et lutter contre la radicalisation au niveau local* (Efus, "
        "2016) en rassemble les résultats."
    ),
    "funder": "European Union",
    "start": date(2014, 9, 1),
    "end": date(2016, 4, 30),
}

LIAISE_2 = {
    "slug": "liaise-2",
    "acronym": "LIAISE 2",
    "name_en": "Local Institutions Against Violent Extremism II",
    "name_fr": "Institutions locales contre l'extrémisme violent II",
    "summary_en": (
        "LIAISE 2 strengthens the capacities of local and regional European authorities to prevent and tackle "
        "radicalisation leading to violent extremism. Over 24 months it organises **five European conferences** "
        "on different aspects of radicalisation, delivers **training sessions** to the partner local "
        "authorities, and helps them set up **pilot projects** that apply the training locally and grow into "
        "innovative practices. It builds on the first LIAISE project (2014)."
    ),
    "summary_fr": (
        "LIAISE 2 renforce les capacités des autorités locales et régionales européennes à prévenir et combattre "
        "la radicalisation menant à l'extrémisme violent. En 24 mois, il organise **cinq conférences "
        "européennes** sur différents aspects de la radicalisation, propose des **formations** aux autorités "
        "locales partenaires et les aide à lancer des **projets pilotes** qui appliquent ces formations "
        "localement et deviennent des pratiques innovantes. Il prolonge le premier projet LIAISE (2014)."
    ),
    "funder": "European Union",
    "programme": "Internal Security Fund – Police (ISFP)",  # plausible, not from the public sources
    "grant_number": "HOME/2015/ISFP/AG/RADX/0042",  # fictitious: not LIAISE 2's real grant agreement number
    "eu_funded": True,
    "start": date(2016, 5, 1),
    "end": date(2018, 4, 30),
    "target_conferences": 5,
    "target_trainings": 17,
    "target_pilots": 17,
}

# email, full name, organisation slug (membership), role in LIAISE 2
DEMO_ACCOUNTS = [
    ("coordinator@efus.example", "Demo Coordinator (Efus)", "efus", "project_coordinator"),
    ("partner@bordeaux.example", "Demo Partner Coordinator (Bordeaux)", "bordeaux", "partner_coordinator"),
    ("member@augsburg.example", "Demo Partner Member (Augsburg)", "augsburg", "partner_member"),
    ("expert@experts.example", "Demo Expert", None, "expert"),
    ("participant@example.org", "Demo Participant", None, None),
]
DEMO_PASSWORD = "demo"
