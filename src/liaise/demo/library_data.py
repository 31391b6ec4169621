"""The demo's practice library: the LIAISE publications as resources, and a dozen practices of partner cities.

Facts: Efus published *Preventing and Fighting Radicalisation at the Local Level* (the LIAISE book, 2016) and a
methodological guide for local authorities in LIAISE 2. The PDF files made for the demo hold a short,
plainly-labelled summary, not the publications themselves.

Invented, and labelled as demo (``is_demo``): every practice below. They are plausible for the cities named
(each runs prevention work) but their titles, figures and contacts are fictitious; contacts use ``.example``.
Two were presented at the Bordeaux round tables of June 2016 (origin session). Their publication dates are
made up too: the library went online in April 2017 (the reporting demo's milestone MS6), then about one a month.
"""

# slug, title, kind, language, year, paragraphs of the demo PDF
PUBLICATIONS = [
    (
        "liaise-methodological-guide", "LIAISE 2 methodological guide: preventing radicalisation at the local level",
        "publication", "en", 2018,
        [
            "Demo document: a short summary made for the Liaise demo, not the published guide.",
            "The methodological guide helps local and regional authorities design a local prevention strategy "
            "against radicalisation leading to violent extremism. It proposes five steps: a local safety audit "
            "that maps vulnerabilities and existing resources; a multi-agency partnership bringing together "
            "schools, social services, youth workers, health professionals, the police and civil society; an "
            "action plan with clear objectives; the training of first-line practitioners; and the evaluation "
            "of each action with indicators agreed at the start.",
            "The guide insists on proportionality, on the protection of personal data and on working with "
            "families. It gives examples from the partner cities of LIAISE 2 and templates for the audit, the "
            "partnership agreement and the evaluation framework.",
        ],
    ),
    (
        "liaise-book-preventing-fighting-radicalisation",
        "Preventing and Fighting Radicalisation at the Local Level (the LIAISE book)", "publication", "en", 2016,
        [
            "Demo document: a short summary made for the Liaise demo, not the published book.",
            "Published by Efus in 2016 at the close of the first LIAISE project, the book gathers the lessons "
            "of European cities on the prevention of violent radicalisation: understanding the processes of "
            "radicalisation, building local multi-agency strategies, supporting families, exit and "
            "disengagement programmes, communication and counter-narratives, and the role of mayors.",
            "Each chapter combines a review of research with practices from local authorities in Belgium, "
            "France, Germany, Italy, Spain, Sweden and the Netherlands.",
        ],
    ),
]

# slug, organisation, approach, kind, topics, audiences, language, languages, origin (event, session) or None,
# title, summary, description, deliverables, evidence, sustainability, start (y, m), contact
PRACTICES = [
    (
        "bordeaux-family-listening-line", "bordeaux", "family", "programme",
        ["family-support", "understanding-radicalisation"], ["families", "health_social"], "fr", ["fr"],
        ("bordeaux-2016", "round-table-1"),
        "Family listening line for parents worried about radicalisation",
        "A free telephone line and drop-in sessions where parents and relatives worried about a young person's "
        "radicalisation talk to a psychologist and a social worker, and are referred to local support.",
        "Parents are often the first to notice change and the last to ask for help. The city's prevention "
        "team runs a **listening line** four days a week and drop-in sessions in two neighbourhood centres.\n\n"
        "- A psychologist and a social worker answer together.\n"
        "- Families are referred to youth workers, the education system or health services.\n"
        "- Nothing is recorded about the young person; the team keeps anonymous counts only.",
        "A trained team of four, a referral protocol signed with the education authority, a leaflet for parents.",
        "In its first year the line received about 140 calls; two thirds came from mothers. An external "
        "evaluation (2017) found that families felt heard and better informed.",
        "Funded by the city and the prefecture; the protocol has been adapted by two neighbouring towns.",
        (2015, 9), "prevention-families@bordeaux.example",
    ),
    (
        "malmo-mentor-network-schools", "malmo", "education", "programme",
        ["youth-resilience"], ["youth", "educators"], "en", ["sv", "en"], None,
        "Mentor network in upper secondary schools",
        "Trained volunteer mentors from local sports clubs and associations meet pupils weekly to build "
        "resilience, critical thinking and a sense of belonging.",
        "Schools in three districts host mentors who follow small groups of pupils for a school year. Sessions "
        "combine discussion of online content, conflict resolution and projects the pupils choose.",
        "A mentor training module (12 hours), a handbook for schools, a yearly mentor meeting.",
        "Teachers report fewer conflicts in class; an evaluation by the university is ongoing.",
        "Run jointly by the city and the school board; mentors are volunteers.",
        (2016, 1), "mentors@malmo.example",
    ),
    (
        "augsburg-multi-agency-case-conference", "augsburg", "multi_agency", "strategy",
        ["multi-agency-strategies"], ["first_line", "law_enforcement", "health_social"], "de", ["de"], None,
        "Multi-agency case conference on radicalisation concerns",
        "A monthly round where youth services, schools, police and counselling services discuss anonymised "
        "concerns and agree who offers support, within clear data-protection rules.",
        "The city's crime prevention council set up a case conference with written rules on what may be "
        "shared. Cases are presented without names unless the person has agreed.",
        "Rules of procedure, a data-sharing agreement, a contact list of trained professionals.",
        "Around 30 concerns discussed per year; most led to support by youth services rather than security "
        "measures.",
        "Anchored in the city's prevention plan; reviewed yearly.",
        (2016, 3), "praevention@augsburg.example",
    ),
    (
        "dusseldorf-exit-counselling", "dusseldorf", "exit", "programme",
        ["disengagement"], ["formers", "families"], "de", ["de", "en"], None,
        "Exit counselling for people leaving violent extremist groups",
        "Voluntary, confidential counselling that helps people leave violent extremist milieus, with housing, "
        "work and family mediation, delivered by an NGO commissioned by the city.",
        "Counsellors work with each person for one to three years. The programme covers every ideology and "
        "works with families when the person agrees.",
        "Case management standards, training for counsellors, cooperation agreements with job centres.",
        "Follow-up of participants shows stable disengagement for most after two years (aggregate data).",
        "Co-funded by the federal state; staff trained by a national network of exit programmes.",
        (2014, 6), "ausstieg@dusseldorf.example",
    ),
    (
        "brussels-neighbourhood-dialogue-tables", "brussels", "community", "programme",
        ["youth-resilience", "multi-agency-strategies"], ["community_orgs", "youth", "general_public"], "fr",
        ["fr", "nl"], None,
        "Neighbourhood dialogue tables",
        "Residents, associations, youth workers and local police meet every two months in each neighbourhood "
        "to discuss tensions, rumours and polarisation before they escalate.",
        "A trained facilitator prepares each table with local associations. Topics come from residents: "
        "discrimination, online rumours, conflicts between groups of young people.",
        "A facilitation guide, trained facilitators in six neighbourhoods.",
        "Participants report more trust between residents and services; attendance grew from 15 to 40.",
        "Part of the municipal cohesion plan.",
        (2016, 10), "dialogue@brussels.example",
    ),
    (
        "bordeaux-local-counter-narrative-workshops", "bordeaux", "narratives", "campaign",
        ["communication-counter-narratives", "youth-resilience"], ["youth", "online"], "fr", ["fr"],
        ("bordeaux-2016", "round-table-2"),
        "Young people write their own counter-narratives",
        "Workshops where young people aged 15 to 20 analyse extremist propaganda and produce short videos "
        "and posts with a journalist and a youth worker, published on the city's channels.",
        "Each cycle of eight workshops ends with a public screening. The videos answer propaganda with the "
        "young people's own stories rather than official messages.",
        "Twelve short videos, a workshop kit for youth centres.",
        "Pre- and post-questionnaires show better recognition of manipulation techniques.",
        "The kit is free to reuse; two youth centres run it without the city's support.",
        (2016, 2), "jeunesse-prevention@bordeaux.example",
    ),
    (
        "lhospitalet-first-line-training", "lhospitalet-de-llobregat", "training", "training",
        ["training-professionals", "understanding-radicalisation"], ["first_line", "educators", "health_social"],
        "es", ["es", "ca"], None,
        "Training first-line professionals to recognise and respond to radicalisation",
        "A two-day course for teachers, social workers, health staff and local police on the signs of "
        "radicalisation, proportionate responses and the local referral pathway.",
        "The course uses case studies and role play; it avoids stereotypes and stresses that no single sign "
        "proves radicalisation.",
        "Course materials, a pocket guide to the referral pathway, a trainers' pool.",
        "Over 400 professionals trained; self-assessed confidence rose markedly after the course.",
        "Delivered every year by the city's trainers.",
        (2015, 11), "formacio@lhospitalet.example",
    ),
    (
        "toulouse-prison-probation-reintegration", "toulouse", "prison", "programme",
        ["prison-probation", "disengagement"], ["prison_staff", "formers"], "fr", ["fr"], None,
        "Preparing release: probation and city services together",
        "Before release, probation officers, the city's social services and employment services agree a "
        "reintegration plan for people convicted of offences linked to violent extremism.",
        "Meetings start six months before release; the plan covers housing, training and mentoring.",
        "A joint protocol between probation and the city; a training day for prison staff.",
        "Small numbers: results are reported only in aggregate and are not published below five people.",
        "Renewed yearly by the probation service and the city.",
        (2017, 1), "reinsertion@toulouse.example",
    ),
    (
        "reggio-emilia-intercultural-mediators", "reggio-emilia", "community", "programme",
        ["youth-resilience", "family-support"], ["community_orgs", "families"], "it", ["it"], None,
        "Intercultural mediators in schools and neighbourhoods",
        "Trained mediators support schools and families, help resolve conflicts and build links between "
        "newcomers and local services.",
        "Mediators work in schools, health centres and neighbourhood associations.",
        "A network of 20 mediators and a training course.",
        "Schools report better communication with families.",
        "Funded by the municipality and foundations.",
        (2013, 9), "mediazione@reggioemilia.example",
    ),
    (
        "liege-online-hate-monitoring-youth", "liege", "narratives", "campaign",
        ["communication-counter-narratives"], ["online", "youth", "educators"], "fr", ["fr"], None,
        "Online hate speech: youth ambassadors on social media",
        "Young ambassadors trained to spot online hate speech and conspiracy content and to answer it with "
        "facts, humour and alternative stories.",
        "Ambassadors take part in a training weekend and then post under the supervision of youth workers.",
        "A social media guide for youth workers.",
        "Reach and engagement of the ambassadors' posts are measured monthly.",
        "Run with the region's youth services.",
        (2017, 4), "ambassadeurs@liege.example",
    ),
    (
        "setubal-sport-and-inclusion", "setubal", "education", "programme",
        ["youth-resilience"], ["youth", "community_orgs"], "en", ["pt", "en"], None,
        "Sport and inclusion evenings for young people",
        "Free evening sport sessions in deprived neighbourhoods with coaches trained in conflict resolution "
        "and dialogue about discrimination.",
        "Each session ends with a short discussion led by the coach.",
        "A coaches' handbook, equipment for four sites.",
        "Participation figures and a yearly survey of participants.",
        "Run by the municipality with local clubs.",
        (2016, 5), "desporto@setubal.example",
    ),
    (
        "catalunya-regional-prevention-protocol", "generalitat-de-catalunya", "multi_agency", "strategy",
        ["multi-agency-strategies", "training-professionals"], ["first_line", "educators", "law_enforcement"],
        "es", ["ca", "es"], None,
        "Regional protocol for the prevention of violent radicalisation in schools",
        "A regional protocol tells schools how to detect, assess and respond to concerns, with a single "
        "contact point and training for school leaders.",
        "The protocol defines roles, a proportionate assessment grid and links to social services.",
        "The protocol, training for school leaders, an assessment grid.",
        "Reviewed after two years with the schools that used it.",
        "Adopted by the regional government.",
        (2015, 1), "prevencio@catalunya.example",
    ),
]

# Where the two demo pilots published as practices (pilots_data.PRACTICE_PILOTS) were presented.
# When the demo practices were published (the n-th practice of PRACTICES: PUBLISHED_FROM + n × PUBLISHED_EVERY,
# the first ones in reporting period 1), and the two completed pilots' practices.
PUBLISHED_FIRST = [(2017, 4, 20), (2017, 4, 24), (2017, 4, 27)]
PUBLISHED_THEN_MONTHLY_FROM = (2017, 6, 15)
PILOT_PRACTICES_PUBLISHED = (2018, 3, 1)
PILOT_PRACTICES_PRESENTED_AT = ("rimini-2017", "local-responses")
