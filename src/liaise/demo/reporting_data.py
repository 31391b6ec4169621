"""LIAISE 2's grant work plan and results framework, for the reporting demo.

Facts (public sources, shared/demo/liaise2-partners.md): a 24-month project (May 2016 – April 2018) led by Efus;
five European conferences, seventeen local trainings and seventeen pilot projects; the conferences of Bordeaux
(May 2016), Leuven (October 2016), The Hague (March 2017, with CEP) and Rimini (May 2017, with the Italian Forum).

Invented for the demo, and plainly fictitious: the funding programme (EU Internal Security Fund – Police) and the
grant agreement number (see ``data.LIAISE_2``), the whole work plan (work packages
and their leads, deliverables, their titles, due months, statuses, submission dates and links under the reserved
``.example`` domain, milestones, critical risks and their state of play), every indicator, target and reported
value (with its history and comments), and the narratives' wording. They are plausible for an ISF-Police action
grant, not the real LIAISE 2 grant agreement.
"""

from datetime import date

PROJECT = "liaise-2"  # its funder, programme and (fictitious) grant number are in ``data.LIAISE_2``

# number, first month, last month
PERIODS = [(1, 1, 12), (2, 13, 24)]

# number, title, lead organisation slug, start month, end month, objectives (Markdown)
WORK_PACKAGES = [
    (1, "Management and coordination", "efus", 1, 24,
     "- Coordinate the partnership, the steering committee and the budget\n"
     "- Ensure quality, data protection and reporting to the European Commission"),
    (2, "European conferences", "bordeaux", 1, 24,
     "- Hold five European conferences on different aspects of radicalisation\n"
     "- Bring local practitioners, researchers and policy makers together"),
    (3, "Trainings for local authorities", "ufuq", 2, 18,
     "- Design a training curriculum with the partners\n"
     "- Deliver seventeen local training sessions to partner authorities and their local partners"),
    (4, "Pilot projects", "ffsu", 4, 23,
     "- Help each trained partner design and run a local pilot action\n"
     "- Follow the pilots with aggregate indicators, never data about individuals"),
    (5, "Practice library and evaluation", "cep", 6, 24,
     "- Evaluate the pilots with a shared framework\n"
     "- Publish what works as practices in an open library"),
    (6, "Communication and dissemination", "defus", 1, 24,
     "- Make the project's results known to European cities and regions\n"
     "- Reach the media and policy makers with the lessons learned"),
]

# code, title, type, dissemination, lead slug, due month, status, submitted on
DELIVERABLES = [
    ("D1.1", "Project handbook and quality plan", "R", "SEN", "efus", 2, "accepted", date(2016, 6, 28)),
    ("D1.2", "First periodic report", "R", "SEN", "efus", 14, "submitted", date(2017, 6, 29)),
    ("D1.3", "Final report", "R", "SEN", "efus", 24, "submitted", date(2018, 6, 27)),  # late: submitted after M24
    ("D2.1", "Report of the Bordeaux conference on communication and counter-narratives", "R", "PU", "bordeaux", 3,
     "accepted", date(2016, 7, 29)),
    ("D2.2", "Report of the Leuven conference", "R", "PU", "bordeaux", 8, "accepted", date(2017, 1, 16)),  # late
    ("D2.3", "Report of The Hague conference on prison, probation and radicalisation", "R", "PU", "cep", 13,
     "accepted", date(2017, 5, 24)),
    ("D2.4", "Report of the Rimini conference", "R", "PU", "fisu", 15, "submitted", date(2017, 7, 20)),
    ("D2.5", "Report of the final conference and policy recommendations", "R", "PU", "efus", 24, "planned", None),
    ("D3.1", "Training curriculum and modules", "R", "PU", "ufuq", 4, "accepted", date(2016, 8, 30)),
    ("D3.2", "Report on the seventeen local training sessions", "R", "PU", "ufuq", 12, "accepted",
     date(2017, 5, 15)),  # late: due at the end of April 2017
    ("D3.3", "E-learning module for first-line practitioners", "DEC", "PU", "ufuq", 18, "planned", None),
    ("D4.1", "Pilot design guidelines and logic-model template", "R", "PU", "ffsu", 6, "accepted",
     date(2016, 10, 25)),
    ("D4.2", "Action plans of the seventeen pilot projects", "R", "SEN", "ffsu", 11, "accepted", date(2017, 3, 28)),
    ("D4.3", "Pilot demonstrators: mid-term review", "DEM", "SEN", "ffsu", 16, "submitted",
     date(2017, 9, 12)),  # late: due at the end of August 2017
    ("D4.4", "Evaluation report of the pilot projects", "R", "PU", "cep", 23, "submitted", date(2018, 3, 29)),
    ("D5.1", "Evaluation framework for local prevention actions", "R", "PU", "cep", 7, "accepted",
     date(2016, 11, 30)),
    ("D5.2", "Practice library online", "DEC", "PU", "cep", 12, "accepted", date(2017, 4, 20)),
    ("D5.3", "Aggregate data set of the pilot indicators", "DATA", "SEN", "cep", 20, "planned", None),
    ("D6.1", "Communication and dissemination plan", "R", "PU", "defus", 3, "accepted", date(2016, 7, 22)),
    ("D6.2", "Project web pages and social media channels", "DEC", "PU", "defus", 4, "accepted", date(2016, 8, 31)),
    ("D6.3", "Publication: local strategies against violent extremism", "OTHER", "PU", "efus", 22, "planned", None),
]
DELIVERABLE_LINK = "https://liaise2.efus.example/deliverables/{code}.pdf"  # .example: a reserved, fictitious domain

# number, title, WP, due month, means of verification, achieved on
MILESTONES = [
    (1, "Kick-off meeting held", 1, 1, "Minutes of the kick-off meeting", date(2016, 5, 26)),
    (2, "First European conference held in Bordeaux", 2, 1, "Programme and list of participants (aggregate)",
     date(2016, 5, 27)),
    (3, "Training curriculum validated by the partners", 3, 4, "Steering committee decision", date(2016, 8, 25)),
    (4, "All seventeen local trainings delivered", 3, 10, "Training reports and certificates issued",
     date(2017, 3, 7)),  # late: due at the end of February 2017
    (5, "Pilot action plans adopted by every partner", 4, 11, "Seventeen action plans (D4.2)", date(2017, 3, 28)),
    (6, "Practice library online", 5, 12, "Public library pages (D5.2)", date(2017, 4, 20)),
    (7, "Mid-term review of the pilots completed", 4, 16, "Review meeting minutes", date(2017, 8, 31)),
    (8, "Final conference held and policy recommendations adopted", 2, 23, "Conference report (D2.5)", None),
]

# number, description, WPs, likelihood, severity, mitigation, RP1: (materialised, state of play)
RISKS = [
    (1, "Partner authorities cannot free enough staff time to attend the local trainings.", [3], "medium", "high",
     "Trainings scheduled with each partner a term ahead, held locally in one day, open to the partner's local "
     "agencies; materials in the partner's language where possible.",
     (False, "Did not materialise: the seventeen trainings were held between September 2016 and March 2017 with "
             "eight or more trainees each. One session (Val d'Oise) moved by three weeks.")),
    (2, "Heightened security alerts or an attack lead to events being cancelled or political priorities "
        "shifting away from prevention.", [2, 6], "medium", "medium",
     "Venues chosen with the host city's security services; a fallback date for each conference; the steering "
     "committee reviews the programme's relevance after any major incident.",
     (True, "Materialised in part: higher alert levels required extra venue security for the Leuven conference, "
            "at the host's cost; no event was cancelled and attendance stayed above plan.")),
    (3, "Pilot projects are delayed by local elections, reorganisations or staff turnover.", [4], "high",
     "medium",
     "Pilots designed with a small core team and a written action plan adopted by the partner; the WP4 lead "
     "follows each pilot monthly and can extend its timeline within the project's duration.",
     (True, "Materialised: two partners started their pilot's diagnosis late after a change of team; with "
            "the WP4 lead's support both adopted their action plans in time for MS5 (March 2017).")),
    (4, "Information about individuals, or information that stigmatises a group, is recorded or disclosed "
        "through the pilots' monitoring.", [4, 5], "low", "high",
     "Pilots record aggregate indicators only; the evaluation framework (D5.1) and the project handbook "
     "(D1.1) forbid personal data on people at risk; counts below 5 are never published.",
     (False, "Did not materialise. The mid-term check of the pilots' indicators found aggregate figures only.")),
    (5, "The practice library and the publications reach too few practitioners outside the partnership.",
     [5, 6], "medium", "medium",
     "A communication plan (D6.1) with national forums as relays; practices written in plain language and "
     "translated; conferences used to present practices.",
     (False, "Not materialised so far: the library went online in April 2017; its use is followed in RP2.")),
]

# code, title, WP, metric, option, unit label, final target, RP1 target, RP2 target, public, definition
COMPUTED_INDICATORS = [
    ("KPI1", "European conferences held", 2, "events_held", "conference", "conferences", 5, 3, 5, True,
     "Published conferences of the project that took place."),
    ("KPI2", "Participants in the project's events", 2, "participants", "", "participants", 700, 350, 700, True,
     "Checked-in registrations of the events held."),
    ("KPI3", "Unique participants", 2, "unique_participants", "", "people", 600, 300, 600, False,
     "People who attended at least one event, each counted once."),
    ("KPI4", "Countries reached by the project's events", 6, "countries_reached", "", "countries", 18, 12, 18,
     True, "Countries of the participants who attended."),
    ("KPI5", "Local trainings delivered", 3, "trainings_delivered", "", "trainings", 17, 14, 17, True,
     "Trainings of the project that took place."),
    ("KPI6", "Professionals trained", 3, "people_trained", "", "people", 170, 120, 170, True,
     "Trainees who attended at least one training module."),
    ("KPI7", "Professionals certified", 3, "people_certified", "", "people", 150, 100, 150, False,
     "Trainees who received a certificate."),
    ("KPI8", "Pilot projects in implementation or beyond", 4, "pilots_at_stage", "implementation", "pilots", 14,
     3, 14, True, "Pilots at the implementation stage or a later one on the period's last day."),
    ("KPI9", "Practices published in the library", 5, "practices_published", "", "practices", 12, 2, 12, True,
     "Practices of the project published in the practice library."),
    ("KPI10", "Questions asked by the audience in live round tables", 6, "live_questions", "", "questions", 40,
     10, 40, False, "Questions the audience asked in the round tables' live Q&A."),
]

# code, title, WP, unit label, final target, RP1 target, RP2 target, public, definition
REPORTED_INDICATORS = [
    ("KPI11", "Local prevention strategies adopted or revised by partner authorities", 4, "strategies", 12, 4, 12,
     True, "Strategies or action plans against radicalisation adopted or revised by a partner's council or "
           "executive during the period. Evidence: the decision or the published plan."),
    ("KPI12", "Media reach of the project's activities", 6, "people reached", 500000, 150000, 500000, False,
     "Audience of press, radio, TV and online coverage of the project, as reported by the media or estimated "
     "by the partner's communication service. Evidence: the press review."),
]

# The roll-up: the first indicator of the schools pilots ("Schools using the referral path").
PILOT_INDICATOR = ("KPI13", "Schools using a referral path set up by the pilots", 4, "schools", 12, 6, 12, False,
                   "Sum of the latest measurements of the schools pilots' indicator \"Schools using the referral "
                   "path\".")
ROLLED_UP_PILOTS = ["augsburg-critical-thinking-in-secondary-schools", "bologna-resilient-classrooms",
                    "brussels-school-mediators-for-dialogue"]
ROLLED_UP_POSITION = 0

# indicator, period, organisation, value, status, note, evidence link, review comment, history
# history: (action, status, value, day, hour, actor key, comment); actor keys: "coordinator", "bordeaux", None
REPORTED_VALUES = [
    ("KPI11", 1, "bordeaux", 1, "approved",
     "The city council adopted its local plan for the prevention of radicalisation in March 2017.",
     "https://bordeaux.example/council/2017-03-plan-prevention", "",
     [("created", "draft", 1, date(2017, 5, 9), 10, "bordeaux", ""),
      ("submitted", "submitted", 1, date(2017, 5, 9), 11, "bordeaux", ""),
      ("approved", "approved", 1, date(2017, 5, 16), 15, "coordinator", "Thank you: the decision is attached.")]),
    ("KPI11", 1, "augsburg", 1, "submitted",
     "The city's prevention network revised its action plan after the LIAISE 2 training.",
     "https://augsburg.example/praevention/aktionsplan-2017", "",
     [("created", "draft", 1, date(2017, 5, 11), 9, None, ""),
      ("submitted", "submitted", 1, date(2017, 5, 12), 14, None, "")]),
    ("KPI11", 1, "malmo", 2, "returned",
     "Two strategies: the city's and the district of Rosengård's.", "", "",
     [("created", "draft", 2, date(2017, 5, 10), 13, None, ""),
      ("submitted", "submitted", 2, date(2017, 5, 10), 13, None, ""),
      ("returned", "returned", 2, date(2017, 5, 17), 10, "coordinator",
       "Please add the decisions as evidence, and tell us whether the district strategy was adopted by the "
       "district council or is still a draft.")]),
    ("KPI11", 1, "liege", 1, "draft",
     "The local prevention plan was revised in April 2017; we are waiting for the published version.", "", "",
     [("created", "draft", 1, date(2017, 5, 22), 16, None, "")]),
    ("KPI12", 1, "efus", 120000, "approved",
     "Press review of the Bordeaux, Leuven and The Hague conferences (national and local press, radio).",
     "https://efus.example/liaise-2/press-review-rp1.pdf", "",
     [("created", "draft", 95000, date(2017, 5, 8), 10, "coordinator", ""),
      ("edited", "draft", 120000, date(2017, 5, 15), 17, "coordinator", "Radio audience added."),
      ("submitted", "submitted", 120000, date(2017, 5, 15), 17, "coordinator", ""),
      ("approved", "approved", 120000, date(2017, 5, 16), 9, "coordinator", "")]),
    ("KPI12", 1, "bordeaux", 45000, "approved",
     "Regional press and TV coverage of the Bordeaux conference; audience figures from the media.",
     "https://bordeaux.example/presse/liaise-2-revue", "",
     [("created", "draft", 45000, date(2017, 5, 9), 11, "bordeaux", ""),
      ("submitted", "submitted", 45000, date(2017, 5, 9), 11, "bordeaux", ""),
      ("approved", "approved", 45000, date(2017, 5, 16), 15, "coordinator", "")]),
    ("KPI12", 1, "bologna", 30000, "returned",
     "Estimated audience of local coverage of the training and the pilot's launch.", "", "",
     [("created", "draft", 30000, date(2017, 5, 12), 12, None, ""),
      ("submitted", "submitted", 30000, date(2017, 5, 12), 12, None, ""),
      ("returned", "returned", 30000, date(2017, 5, 18), 11, "coordinator",
       "How was the audience estimated? Please attach the press review or the media's own figures.")]),
    ("KPI12", 1, "paris", 60000, "submitted",
     "Coverage of the city's pilot launch in the local press and on the city's channels.",
     "https://paris.example/presse/parents-circles", "",
     [("created", "draft", 60000, date(2017, 5, 19), 10, None, ""),
      ("submitted", "submitted", 60000, date(2017, 5, 19), 10, None, "")]),
    ("KPI12", 2, "bordeaux", 20000, "draft",
     "Coverage of the youth campaign (to be completed with the radio's figures).", "", "",
     [("created", "draft", 20000, date(2017, 11, 6), 14, "bordeaux", "")]),
]

# Part B for RP1, per work package: status, last edited by (actor key), progress, deviations
NARRATIVES = {
    1: ("final", "coordinator",
        "The partnership was launched at the **kick-off meeting** in Bordeaux on 26 May 2016, the day before the "
        "first conference: the 28 partners agreed on the work plan, the roles of the work-package leads and the "
        "reporting calendar.\n\n"
        "The steering committee met three times (May 2016, October 2016 in Leuven, March 2017 in The Hague). The "
        "project handbook and quality plan (D1.1) was accepted in month 2; it sets the rule that pilots record "
        "aggregate indicators only.\n\n"
        "Financial follow-up is on track: the partners reported their costs for the first period by month 13.",
        "None for the period. The first periodic report (D1.2) is due in month 14."),
    2: ("final", "bordeaux",
        "Three of the five European conferences took place in the period:\n\n"
        "- **Bordeaux**, 27 May 2016, *European cities facing radicalisation: communication and "
        "counter-narratives* (Grand Théâtre), with more than 250 participants from 14 countries and two round "
        "tables with a live Q&A;\n"
        "- **Leuven**, 11–12 October 2016;\n"
        "- **The Hague**, 29 March 2017, with CEP and the City of The Hague, on prison and probation.\n\n"
        "The reports of the Bordeaux and Leuven conferences (D2.1, D2.2) were accepted.",
        "The Leuven report (D2.2) was submitted two weeks late, after the translations of the workshop notes."),
    3: ("final", None,
        "The training curriculum (D3.1) was validated by the partners in August 2016 (MS3): two shared modules "
        "(understanding radicalisation, local multi-agency work) and two modules per theme (schools, "
        "counter-narratives, families, disengagement).\n\n"
        "The **seventeen local trainings** were delivered between September 2016 and March 2017, each for eight "
        "or more professionals of the partner authority and its local agencies; certificates were issued on the "
        "day. Feedback was collected anonymously.",
        "The last training (Val d'Oise) moved from February to 7 March 2017, so MS4 was reached a week late; the "
        "report on the trainings (D3.2) followed two weeks after its due date."),
    4: ("draft", None,
        "Every trained partner started a pilot project after its training. The design guidelines and the "
        "logic-model template (D4.1) were shared in October 2016, and the **seventeen action plans** (D4.2) were "
        "adopted by March 2017 (MS5).\n\n"
        "By the end of the period most pilots had reached the design or implementation stage; two were still in "
        "diagnosis.\n\n"
        "*To complete: the pilots' first measurements.*",
        "Two pilots started late after changes of team (risk R3)."),
    5: ("draft", None,
        "The evaluation framework (D5.1) was accepted in November 2016. The **practice library** went online in "
        "April 2017 (D5.2, MS6) with the practices presented at the Bordeaux round tables.",
        ""),
    6: ("draft", "coordinator",
        "The communication plan (D6.1) and the project's web pages (D6.2) were delivered on time. The "
        "conferences received national and regional press coverage (see indicator KPI12).\n\n"
        "*Draft: the national forums' dissemination activities are still to be added.*",
        ""),
}
