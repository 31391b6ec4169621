"""LIAISE 2 demo trainings and pilots.

Facts (public sources, shared/demo/liaise2-partners.md): seventeen partners each ran a training session and
then a local pilot action on one of four themes — resilience and prevention in schools, counter-narratives,
support to families, disengagement.

Invented for the demo, and plainly fictitious (every pilot carries ``is_demo`` and says so in its summary):
which city ran which pilot, all pilot details (problems, logic models, indicators and their figures, milestones,
stages), the training dates and curricula, the trainees ("Demo Trainee …" at ``example.org``), their attendance,
feedback and certificates, and the pilot ideas on the board.
"""

from datetime import date

# theme → (topic slug, target group slugs)
THEMES = {
    "schools": ("youth-resilience", ["pupils", "school-staff"]),
    "narratives": ("communication-counter-narratives", ["young-people", "online-audiences"]),
    "families": ("family-support", ["families", "frontline-practitioners"]),
    "disengagement": ("disengagement", ["frontline-practitioners", "prison-probation"]),
}

MODULES = [
    # slug, theme (or None: shared), topic slug, title, objectives, minutes
    ("m-understanding", None, "understanding-radicalisation", "Understanding radicalisation: a framework",
     "- Tell radicalisation leading to violent extremism apart from radical opinions\n"
     "- Name push and pull factors without stigmatising any group", 120),
    ("m-multi-agency", None, "multi-agency-strategies", "Building a local multi-agency team",
     "- Map the local agencies that must work together\n- Agree on information sharing that respects privacy", 90),
    ("m-schools-climate", "schools", "youth-resilience", "School climate and critical thinking",
     "- Run a classroom discussion on controversial issues\n- Spot signs of distress and know whom to call", 120),
    ("m-schools-staff", "schools", "youth-resilience", "Supporting school staff",
     "- Give teachers a clear referral path\n- Plan a staff workshop on polarisation", 90),
    ("m-narratives-design", "narratives", "communication-counter-narratives", "Designing alternative narratives",
     "- Build a message with young people, not for them\n- Choose credible messengers", 120),
    ("m-narratives-online", "narratives", "communication-counter-narratives", "Working online",
     "- Understand how extremist content circulates\n- Measure the reach of a campaign with aggregate figures",
     90),
    ("m-families-support", "families", "family-support", "Supporting families",
     "- Set up a confidential helpline or contact point\n- Guide parents towards local services", 120),
    ("m-families-network", "families", "family-support", "A network around families",
     "- Coordinate social, youth and health services\n- Organise peer groups for parents", 90),
    ("m-exit-work", "disengagement", "disengagement", "Exit work and disengagement",
     "- Know the stages of disengagement\n- Plan individual support with the competent services", 120),
    ("m-exit-probation", "disengagement", "disengagement", "Working with prison and probation",
     "- Prepare release together with probation services\n- Share responsibilities between agencies", 90),
]

# partner slug, theme, stage, visibility, pilot title, training date
PILOTS = [
    ("bordeaux", "narratives", "completed", "public", "Young voices against hate speech", date(2016, 9, 20)),
    ("malmo", "families", "completed", "public", "Family support network", date(2016, 9, 27)),
    ("augsburg", "schools", "evaluation", "public", "Critical thinking in secondary schools", date(2016, 10, 4)),
    ("liege", "narratives", "evaluation", "public", "City storytellers", date(2016, 10, 18)),
    ("bologna", "schools", "implementation", "public", "Resilient classrooms", date(2016, 10, 25)),
    ("dusseldorf", "disengagement", "implementation", "partners", "Pathways out of extremism", date(2016, 11, 8)),
    ("paris", "families", "implementation", "public", "Parents' circles", date(2016, 11, 15)),
    ("brussels", "schools", "implementation", "public", "School mediators for dialogue", date(2016, 11, 22)),
    ("reggio-emilia", "narratives", "design", "public", "Neighbourhood media lab", date(2016, 11, 29)),
    ("toulouse", "disengagement", "evaluation", "partners", "Release and reintegration pathway",
     date(2016, 12, 6)),
    ("setubal", "families", "design", "public", "Listening point for families", date(2017, 1, 17)),
    ("sarcelles", "schools", "implementation", "public", "Citizenship workshops for pupils", date(2017, 1, 24)),
    ("lhospitalet-de-llobregat", "narratives", "implementation", "public", "Youth radio on living together",
     date(2017, 1, 31)),
    ("alexandroupoli", "families", "diagnosis", "public", "Family support desk", date(2017, 2, 7)),
    ("bagneux", "schools", "stopped", "public", "Peer mentoring in middle schools", date(2017, 2, 14)),
    ("generalitat-de-catalunya", "disengagement", "design", "partners", "Regional exit programme coordination",
     date(2017, 2, 21)),
    ("val-doise", "families", "evaluation", "public", "Departmental family support teams", date(2017, 3, 7)),
]

# The two completed pilots to publish as practices (the library app does it after the merge).
PRACTICE_PILOTS = ["bordeaux-young-voices-against-hate-speech", "malmo-family-support-network"]
# The demo trainee account (a plain participant) attended this training and holds its certificate.
TRAINEE_TRAINING = "training-bordeaux"
TRAINEES_PER_TRAINING = 8
# Trainings whose survey has enough answers to show results, and one that has too few.
FEEDBACK = {"training-bordeaux": 6, "training-malmo": 5, "training-augsburg": 3}

STOP_REASON = ("The partner schools could not free staff time for the mentors' supervision after the 2017 "
               "reorganisation; the team will reuse the training in the youth service instead.")

PROBLEMS = {
    "schools": "Teachers report growing polarisation in classroom discussions and feel unprepared to handle "
               "controversial issues. The diagnosis (staff survey, aggregate figures only) found that most schools "
               "have no agreed referral path.",
    "narratives": "Young people in the city meet extremist messages online more often than local counter-"
                  "messages. The diagnosis mapped where young people get their news and which local voices they "
                  "trust.",
    "families": "Families worried about a relative's radicalisation do not know whom to contact and fear "
                "stigma. The diagnosis found services working in isolation and no single contact point.",
    "disengagement": "People leaving extremist groups, or prison, lack coordinated support. The diagnosis found "
                     "that agencies share too little, and too late, to plan a return to ordinary life.",
}

LOGIC = {
    "schools": {
        "inputs": ["Two trainers from the city's prevention team", "Time for 6 partner schools", "Training materials"],
        "activities": ["Staff workshops on polarisation", "Classroom debates on controversial issues",
                       "An agreed referral path"],
        "outputs": ["Staff trained", "Debates held", "Referral path adopted by the schools"],
        "outcomes": ["Staff feel able to handle controversial discussions", "Fewer unresolved incidents"],
        "impact": ["Schools as places of dialogue that build young people's resilience"],
    },
    "narratives": {
        "inputs": ["Youth workers and a local media partner", "A small production budget"],
        "activities": ["Workshops where young people create messages", "A local campaign online and on radio"],
        "outputs": ["Pieces produced by young people", "Campaign reach (aggregate)"],
        "outcomes": ["Young people recognise manipulative messages", "More local voices online"],
        "impact": ["A local information space where extremist narratives find less echo"],
    },
    "families": {
        "inputs": ["A coordinator", "Social, youth and health services", "A phone line and a meeting room"],
        "activities": ["A contact point for families", "Parents' peer groups", "Case-coordination meetings"],
        "outputs": ["Contacts handled (aggregate)", "Peer-group sessions held"],
        "outcomes": ["Families reach help earlier", "Services coordinate their answers"],
        "impact": ["Families supported as a protective factor"],
    },
    "disengagement": {
        "inputs": ["Probation and social services", "An exit-work coordinator"],
        "activities": ["Joint planning meetings before release", "Access to housing, work and training"],
        "outputs": ["Coordination meetings held", "Agencies signed up to the protocol"],
        "outcomes": ["Support starts before release", "Fewer gaps between agencies"],
        "impact": ["Lasting disengagement and reintegration"],
    },
}

# name, unit, baseline, target, measured values (over the pilot)
INDICATORS = {
    "schools": [("Schools using the referral path", "schools", 0, 6, [2, 4, 5]),
                ("Staff who feel able to handle controversial discussions", "%", 35, 70, [48, 57, 66])],
    "narratives": [("Pieces produced by young people", "pieces", 0, 30, [8, 19, 31]),
                   ("Campaign views", "thousand views", 0, 50, [12, 29, 44])],
    "families": [("Families reaching the contact point", "families per quarter", 0, 40, [9, 22, 35]),
                 ("Services taking part in coordination", "services", 2, 8, [4, 6, 7])],
    "disengagement": [("Agencies signed up to the protocol", "agencies", 1, 6, [3, 4, 6]),
                      ("Coordination meetings held", "meetings per quarter", 0, 12, [4, 8, 11])],
}

MILESTONES = ["Diagnosis shared with the partners", "Action plan adopted", "First activities",
              "Mid-term review", "Evaluation report"]

IDEAS = [
    # organisation, title, text, topic slugs, comment by the expert
    ("augsburg", "Debate clubs in vocational schools",
     "We would like to test debate clubs for apprentices, run with youth workers, on topics the students choose. "
     "Has anyone tried this with vocational schools?", ["youth-resilience"],
     "Liège's storytellers worked with apprentices too; their trainers could share the session plans."),
    ("bordeaux", "A youth panel for the city's communication",
     "Young people from three neighbourhoods would review the city's messages on living together before they "
     "are published.", ["communication-counter-narratives"],
     "Good idea: agree early on how the panel's feedback is used, so that it is not only consultative."),
    ("liege", "Training for sports coaches",
     "Sports clubs are often the first to notice a young person withdrawing. We want to adapt the school module "
     "for coaches.", ["youth-resilience", "family-support"], ""),
]
