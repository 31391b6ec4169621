"""The demo's news: the launch of LIAISE 2 (from the project's own story, seed/000) and what a network tells
over two years — conference announcements and reports, a training report, pilot stories, network-wide news —
in the network's languages. Dates are those of the project (2016–2018), except one post scheduled ahead of
the day the demo is loaded and one draft. Names of people are those of the public sources only."""

from datetime import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def at(year, month, day, hour=10) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=PARIS)


LAUNCH_BODY = """\
The kick-off meeting and the first conference of LIAISE 2, led by the European Forum for Urban Security (Efus),
took place on 26 and 27 May 2016 in Bordeaux.

**28 European partners, including 18 cities and regions**, took part in the launch of the project, which seeks
to strengthen the capacities of local and regional European authorities to prevent and tackle radicalisation
leading to violent extremism.

## The internal meeting at the Hôtel de Ville

On the first day, partners met at the Hôtel de Ville of Bordeaux. In the morning they discussed the organisation
of the project and the activities to be developed in the partner cities. In the afternoon a workshop on the
partners' pilot projects brought exchanges of ideas between partners and contributions of experts on:

- understanding and conceptualising radicalisation;
- local multi-agency strategies and training professionals;
- communication and counter-narratives;
- family support;
- resilience and preventive work with youth;
- de-radicalisation and disengagement.

## "European cities facing radicalisation: communication and counter-narratives"

The European conference at the Grand Théâtre de Bordeaux gathered **more than 250 participants from 14
countries**, with plenary sessions and two round tables of local authorities and experts on local communication
strategies and counter-narratives. The audience could put questions to each member of a table.

The conference was opened by the Deputy Mayor of Bordeaux in charge of equality and citizenship and the President
of the French Forum for Urban Security; the Research Director of the Centre for Asymmetric Threat Studies of the
Swedish Defence University proposed a framework to understand radicalisation. The Mayor of Bordeaux closed it,
stressing diversity and unity as strengths of the city's citizens.

## What comes next

Over 24 months, LIAISE 2 will organise **five European conferences**, deliver **training sessions** to the partner
authorities and help them set up **pilot projects** that apply locally what they learned. CEP, the European
Organisation for Probation, will organise a conference with Efus and local authorities on preventing
radicalisation in probation and prison.
"""

# slug, project ("" = the whole network), organisation, language, visibility, state ("published", "draft",
# "scheduled": days ahead of loading), published (datetime or days ahead), topics, title, lead, body
POSTS = [
    ("liaise-2-launched-in-bordeaux", "liaise-2", "efus", "en", "public", "published", at(2016, 6, 2),
     ["understanding-radicalisation", "communication-counter-narratives"],
     "Launch of the project “Local Institutions Against Violent Extremism II” (LIAISE 2)",
     "28 European partners, including 18 cities and regions, launched LIAISE 2 in Bordeaux on 26 and 27 May 2016, "
     "with a European conference on communication and counter-narratives.", LAUNCH_BODY),
    ("lancement-de-liaise-2-a-bordeaux", "liaise-2", "ffsu", "fr", "public", "published", at(2016, 6, 3),
     ["communication-counter-narratives"],
     "Lancement de LIAISE 2 à Bordeaux",
     "Plus de 250 participants venus de 14 pays au Grand Théâtre de Bordeaux pour la première conférence "
     "européenne du projet.",
     "La conférence « Les villes européennes face à la radicalisation : communication et contre-discours » a "
     "réuni élus, praticiens et chercheurs autour de deux tables rondes.\n\nLe FFSU accompagne les villes "
     "françaises partenaires du projet."),
    ("leuven-conference-announced", "liaise-2", "efus", "en", "public", "published", at(2016, 9, 1),
     ["multi-agency-strategies"],
     "Second European conference in Leuven: local multi-agency strategies",
     "On 11 October 2016 the network meets in Leuven on how cities bring schools, youth services, social work "
     "and police around one table.",
     "Registration is open on the event page. The conference combines plenaries and round tables; the audience "
     "questions the panel through Liaise's live Q&A."),
    ("training-report-bordeaux", "liaise-2", "bordeaux", "fr", "public", "published", at(2016, 11, 18),
     ["training-professionals", "family-support"],
     "Formation des professionnels à Bordeaux : retour sur deux journées",
     "Vingt-deux professionnels de la ville et de ses partenaires ont suivi la formation LIAISE 2 sur le "
     "soutien aux familles.",
     "Au programme : repérer sans stigmatiser, orienter vers les bons interlocuteurs, travailler en réseau.\n\n"
     "Les supports de formation sont disponibles pour les partenaires dans la bibliothèque."),
    ("formacion-lhospitalet", "liaise-2", "lhospitalet-de-llobregat", "es", "public", "published",
     at(2017, 2, 8), ["youth-resilience", "training-professionals"],
     "L'Hospitalet forma a sus educadores en prevención",
     "Treinta educadores y técnicos municipales participaron en la formación de LIAISE 2 sobre resiliencia "
     "y trabajo preventivo con jóvenes.",
     "La formación combinó casos prácticos y el intercambio con otras ciudades socias del proyecto."),
    ("the-hague-conference-announced", "liaise-2", "efus", "en", "public", "published", at(2017, 2, 20),
     ["disengagement"],
     "The Hague, 29 March 2017: the third European conference",
     "Disengagement and exit work: how local authorities support people who leave violent extremism, with "
     "practitioners from the partner cities.", ""),
    ("augsburg-pilot-story", "liaise-2", "augsburg", "de", "public", "published", at(2017, 4, 25),
     ["family-support", "multi-agency-strategies"],
     "Augsburg: ein Pilotprojekt für Familien",
     "Augsburg startet mit Schulen, Jugendhilfe und Beratungsstellen ein Pilotprojekt zur Unterstützung von "
     "Familien.",
     "Das Pilotprojekt setzt um, was in den LIAISE-2-Schulungen erarbeitet wurde. Es beschreibt Zielgruppen, "
     "keine Einzelpersonen, und misst seine Wirkung mit zusammengefassten Indikatoren."),
    ("rimini-conferenza", "liaise-2", "fisu", "it", "public", "published", at(2017, 5, 2),
     ["prison-probation"],
     "Rimini, 18 maggio 2017: prevenire la radicalizzazione in carcere e in probation",
     "La quarta conferenza europea, organizzata con CEP, riunisce enti locali, servizi di probation e "
     "amministrazioni penitenziarie.", ""),
    ("steering-committee-minutes", "liaise-2", "efus", "en", "partners", "published", at(2017, 6, 12),
     ["multi-agency-strategies"],
     "Steering committee: pilot reports due by the end of September",
     "For partners: the steering committee agreed the calendar of the pilots' interim reports.",
     "Each partner city sends its interim pilot report by **30 September 2017** through the pilot's follow-up "
     "page. The coordinators review them in October."),
    ("partner-exchange-visit", "liaise-2", "bordeaux", "fr", "partners", "published", at(2017, 10, 5),
     ["youth-resilience"],
     "Visite d'échange à Bordeaux pour les villes partenaires",
     "Réservé aux partenaires : Bordeaux accueille deux villes partenaires pour découvrir son pilote auprès "
     "des jeunes.", ""),
    ("fifth-conference-save-the-date", "liaise-2", "efus", "en", "public", "published", at(2018, 1, 15),
     ["understanding-radicalisation"],
     "Save the date: the final conference of LIAISE 2",
     "The fifth European conference closes the project on 15 March 2018 with the results of the pilots and "
     "the practices they produced.", ""),
    ("efus-network-practice-library", "", "efus", "en", "public", "published", at(2018, 4, 30),
     ["multi-agency-strategies"],
     "The network's practice library is open",
     "Efus opens the practice library of its network: what works, from the pilots of LIAISE and LIAISE 2.",
     "Every practice records where it came from — a pilot, a training, a conference — and is reviewed before "
     "publication."),
    ("network-partners-general-assembly", "", "efus", "en", "partners", "published", at(2018, 5, 20), [],
     "General assembly of the network: the agenda for partners",
     "For the partners of the network's projects: the agenda of the general assembly and how to propose an "
     "item.", ""),
    ("next-call-for-pilots", "liaise-2", "efus", "en", "public", "scheduled", 14, ["training-professionals"],
     "A new round of pilot projects",
     "Partner cities will be able to propose new pilot projects: the call and its calendar.", ""),
    ("draft-newsletter-summary", "liaise-2", "efus", "en", "public", "draft", None, [],
     "Draft: what LIAISE 2 achieved",
     "Five conferences, seventeen trainings, seventeen pilots: a summary in preparation.", ""),
]
