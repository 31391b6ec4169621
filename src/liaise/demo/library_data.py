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

# The practices' titles and summaries in French, Spanish, German and Italian (the same facts as the English ones;
# description and the rest stay in English): {slug: {language: (title, summary)}}.
TRANSLATIONS = {
    "bordeaux-family-listening-line": {
        "fr": ("Ligne d'écoute pour les familles inquiètes d'une radicalisation",
               "Une ligne téléphonique gratuite et des permanences sans rendez-vous où les parents et les proches "
               "inquiets de la radicalisation d'un jeune parlent à un psychologue et à un travailleur social, puis "
               "sont orientés vers un accompagnement local."),
        "es": ("Línea de escucha para familias preocupadas por la radicalización",
               "Una línea telefónica gratuita y sesiones abiertas sin cita en las que padres y familiares "
               "preocupados por la radicalización de un joven hablan con un psicólogo y un trabajador social, y "
               "son derivados a los apoyos locales."),
        "de": ("Elterntelefon für Familien in Sorge wegen Radikalisierung",
               "Ein kostenloses Telefon und offene Sprechstunden, in denen Eltern und Angehörige, die sich um die "
               "Radikalisierung eines jungen Menschen sorgen, mit einem Psychologen und einer Sozialarbeiterin "
               "sprechen und an Hilfsangebote vor Ort vermittelt werden."),
        "it": ("Linea di ascolto per le famiglie preoccupate dalla radicalizzazione",
               "Una linea telefonica gratuita e sportelli ad accesso libero dove genitori e parenti preoccupati per "
               "la radicalizzazione di un giovane parlano con uno psicologo e un assistente sociale, e vengono "
               "indirizzati ai servizi di sostegno del territorio."),
    },
    "malmo-mentor-network-schools": {
        "fr": ("Réseau de mentors dans les lycées",
               "Des mentors bénévoles formés, issus des clubs sportifs et des associations locales, rencontrent "
               "chaque semaine des élèves pour renforcer leur résilience, leur esprit critique et leur sentiment "
               "d'appartenance."),
        "es": ("Red de mentores en los institutos de bachillerato",
               "Mentores voluntarios formados, procedentes de clubes deportivos y asociaciones locales, se reúnen "
               "cada semana con el alumnado para fortalecer la resiliencia, el pensamiento crítico y el sentido de "
               "pertenencia."),
        "de": ("Mentorennetzwerk an Schulen der Sekundarstufe II",
               "Geschulte ehrenamtliche Mentorinnen und Mentoren aus örtlichen Sportvereinen und Verbänden treffen "
               "Schülerinnen und Schüler wöchentlich, um Resilienz, kritisches Denken und Zugehörigkeitsgefühl zu "
               "stärken."),
        "it": ("Rete di mentori nelle scuole secondarie di secondo grado",
               "Mentori volontari formati, provenienti da società sportive e associazioni locali, incontrano ogni "
               "settimana gli studenti per rafforzare la resilienza, il pensiero critico e il senso di "
               "appartenenza."),
    },
    "augsburg-multi-agency-case-conference": {
        "fr": ("Conférence de cas pluridisciplinaire sur les inquiétudes de radicalisation",
               "Une réunion mensuelle où les services de la jeunesse, les écoles, la police et les services de "
               "conseil examinent des situations anonymisées et conviennent de qui propose un accompagnement, dans "
               "le respect de règles claires de protection des données."),
        "es": ("Conferencia de casos multiagencia sobre indicios de radicalización",
               "Una reunión mensual en la que los servicios de juventud, las escuelas, la policía y los servicios "
               "de orientación analizan casos anonimizados y acuerdan quién ofrece apoyo, con normas claras de "
               "protección de datos."),
        "de": ("Multiprofessionelle Fallkonferenz bei Sorge um Radikalisierung",
               "Eine monatliche Runde, in der Jugendhilfe, Schulen, Polizei und Beratungsstellen anonymisierte "
               "Fälle besprechen und vereinbaren, wer Unterstützung anbietet – nach klaren Regeln des "
               "Datenschutzes."),
        "it": ("Conferenza dei casi multi-agenzia sui timori di radicalizzazione",
               "Un incontro mensile in cui servizi per i giovani, scuole, polizia e servizi di consulenza discutono "
               "segnalazioni anonimizzate e concordano chi offre sostegno, nel rispetto di regole chiare sulla "
               "protezione dei dati."),
    },
    "dusseldorf-exit-counselling": {
        "fr": ("Accompagnement à la sortie pour les personnes qui quittent des groupes extrémistes violents",
               "Un accompagnement volontaire et confidentiel qui aide des personnes à quitter les milieux "
               "extrémistes violents, avec un appui pour le logement, l'emploi et une médiation familiale, assuré "
               "par une ONG mandatée par la ville."),
        "es": ("Asesoramiento de salida para personas que abandonan grupos extremistas violentos",
               "Asesoramiento voluntario y confidencial que ayuda a las personas a dejar los entornos extremistas "
               "violentos, con apoyo en vivienda, empleo y mediación familiar, prestado por una ONG por encargo de "
               "la ciudad."),
        "de": ("Ausstiegsberatung für Menschen, die gewaltbereite extremistische Gruppen verlassen",
               "Freiwillige, vertrauliche Beratung, die Menschen hilft, gewaltbereite extremistische Milieus zu "
               "verlassen, mit Unterstützung bei Wohnung, Arbeit und Familienmediation, durchgeführt von einer "
               "von der Stadt beauftragten NGO."),
        "it": ("Accompagnamento all'uscita per chi lascia gruppi estremisti violenti",
               "Un accompagnamento volontario e riservato che aiuta le persone a lasciare gli ambienti estremisti "
               "violenti, con sostegno per l'alloggio, il lavoro e la mediazione familiare, svolto da una ONG "
               "incaricata dal comune."),
    },
    "brussels-neighbourhood-dialogue-tables": {
        "fr": ("Tables de dialogue de quartier",
               "Habitants, associations, travailleurs de jeunesse et police locale se réunissent tous les deux mois "
               "dans chaque quartier pour parler des tensions, des rumeurs et de la polarisation avant qu'elles ne "
               "s'aggravent."),
        "es": ("Mesas de diálogo vecinal",
               "Vecinos, asociaciones, educadores juveniles y policía local se reúnen cada dos meses en cada barrio "
               "para hablar de tensiones, rumores y polarización antes de que se agraven."),
        "de": ("Dialogtische in den Stadtvierteln",
               "Bewohnerinnen und Bewohner, Vereine, Jugendarbeiter und die örtliche Polizei treffen sich alle zwei "
               "Monate in jedem Viertel, um über Spannungen, Gerüchte und Polarisierung zu sprechen, bevor sie "
               "eskalieren."),
        "it": ("Tavoli di dialogo di quartiere",
               "Residenti, associazioni, educatori e polizia locale si incontrano ogni due mesi in ciascun quartiere "
               "per discutere di tensioni, voci e polarizzazione prima che degenerino."),
    },
    "bordeaux-local-counter-narrative-workshops": {
        "fr": ("Les jeunes écrivent leurs propres contre-discours",
               "Des ateliers où des jeunes de 15 à 20 ans analysent la propagande extrémiste et réalisent de "
               "courtes vidéos et des publications avec un journaliste et un animateur jeunesse, diffusées sur les "
               "canaux de la ville."),
        "es": ("Los jóvenes escriben sus propias contranarrativas",
               "Talleres en los que jóvenes de 15 a 20 años analizan la propaganda extremista y producen vídeos "
               "cortos y publicaciones con un periodista y un educador juvenil, difundidos en los canales de la "
               "ciudad."),
        "de": ("Jugendliche schreiben ihre eigenen Gegenerzählungen",
               "Workshops, in denen Jugendliche zwischen 15 und 20 Jahren extremistische Propaganda analysieren "
               "und mit einem Journalisten und einem Jugendarbeiter kurze Videos und Beiträge erstellen, die auf "
               "den Kanälen der Stadt veröffentlicht werden."),
        "it": ("I giovani scrivono le proprie contronarrazioni",
               "Laboratori in cui ragazzi dai 15 ai 20 anni analizzano la propaganda estremista e realizzano brevi "
               "video e post con un giornalista e un educatore, pubblicati sui canali del comune."),
    },
    "lhospitalet-first-line-training": {
        "fr": ("Former les professionnels de première ligne à reconnaître la radicalisation et à y répondre",
               "Une formation de deux jours pour les enseignants, les travailleurs sociaux, les personnels de santé "
               "et la police locale sur les signes de radicalisation, les réponses proportionnées et le circuit "
               "local d'orientation."),
        "es": ("Formación de profesionales de primera línea para reconocer la radicalización y responder a ella",
               "Un curso de dos días para docentes, trabajadores sociales, personal sanitario y policía local sobre "
               "las señales de radicalización, las respuestas proporcionadas y el circuito local de derivación."),
        "de": ("Fachkräfte an vorderster Front schulen, Radikalisierung zu erkennen und darauf zu reagieren",
               "Ein zweitägiger Kurs für Lehrkräfte, Sozialarbeiter, Gesundheitspersonal und die örtliche Polizei "
               "über Anzeichen von Radikalisierung, verhältnismäßige Reaktionen und den örtlichen Verweisungsweg."),
        "it": ("Formare i professionisti di prima linea a riconoscere la radicalizzazione e a rispondervi",
               "Un corso di due giorni per insegnanti, assistenti sociali, personale sanitario e polizia locale sui "
               "segnali di radicalizzazione, le risposte proporzionate e il percorso locale di segnalazione."),
    },
    "toulouse-prison-probation-reintegration": {
        "fr": ("Préparer la sortie : probation et services de la ville ensemble",
               "Avant la libération, les conseillers de probation, les services sociaux de la ville et les services "
               "de l'emploi conviennent d'un plan de réinsertion pour les personnes condamnées pour des infractions "
               "liées à l'extrémisme violent."),
        "es": ("Preparar la salida de prisión: libertad vigilada y servicios municipales juntos",
               "Antes de la excarcelación, los agentes de libertad vigilada, los servicios sociales de la ciudad y "
               "los servicios de empleo acuerdan un plan de reinserción para las personas condenadas por delitos "
               "vinculados al extremismo violento."),
        "de": ("Entlassung vorbereiten: Bewährungshilfe und städtische Dienste gemeinsam",
               "Vor der Entlassung vereinbaren Bewährungshelfer, die Sozialdienste der Stadt und die "
               "Arbeitsverwaltung einen Wiedereingliederungsplan für Menschen, die wegen Straftaten im "
               "Zusammenhang mit gewaltbereitem Extremismus verurteilt wurden."),
        "it": ("Preparare l'uscita dal carcere: esecuzione penale esterna e servizi comunali insieme",
               "Prima della scarcerazione, i funzionari dell'esecuzione penale esterna, i servizi sociali del "
               "comune e i servizi per l'impiego concordano un piano di reinserimento per le persone condannate per "
               "reati legati all'estremismo violento."),
    },
    "reggio-emilia-intercultural-mediators": {
        "fr": ("Médiateurs interculturels dans les écoles et les quartiers",
               "Des médiateurs formés soutiennent les écoles et les familles, aident à résoudre les conflits et "
               "créent des liens entre les nouveaux arrivants et les services locaux."),
        "es": ("Mediadores interculturales en escuelas y barrios",
               "Mediadores formados apoyan a las escuelas y a las familias, ayudan a resolver conflictos y tienden "
               "puentes entre los recién llegados y los servicios locales."),
        "de": ("Interkulturelle Mediatorinnen und Mediatoren in Schulen und Stadtteilen",
               "Geschulte Mediatorinnen und Mediatoren unterstützen Schulen und Familien, helfen, Konflikte zu "
               "lösen, und knüpfen Verbindungen zwischen Neuankömmlingen und den Diensten vor Ort."),
        "it": ("Mediatori interculturali nelle scuole e nei quartieri",
               "Mediatori formati sostengono scuole e famiglie, aiutano a risolvere i conflitti e creano legami tra "
               "i nuovi arrivati e i servizi del territorio."),
    },
    "liege-online-hate-monitoring-youth": {
        "fr": ("Discours de haine en ligne : de jeunes ambassadeurs sur les réseaux sociaux",
               "De jeunes ambassadeurs formés à repérer les discours de haine et les contenus complotistes en "
               "ligne et à y répondre par des faits, de l'humour et des récits alternatifs."),
        "es": ("Discurso de odio en línea: jóvenes embajadores en las redes sociales",
               "Jóvenes embajadores formados para detectar el discurso de odio y los contenidos conspirativos en "
               "internet y responder con hechos, humor y relatos alternativos."),
        "de": ("Hassrede im Netz: junge Botschafterinnen und Botschafter in sozialen Medien",
               "Junge Botschafterinnen und Botschafter, geschult darin, Hassrede und Verschwörungsinhalte im Netz "
               "zu erkennen und mit Fakten, Humor und alternativen Geschichten darauf zu antworten."),
        "it": ("Discorsi d'odio online: giovani ambasciatori sui social media",
               "Giovani ambasciatori formati a riconoscere i discorsi d'odio e i contenuti complottisti online e a "
               "rispondere con fatti, umorismo e storie alternative."),
    },
    "setubal-sport-and-inclusion": {
        "fr": ("Soirées sport et inclusion pour les jeunes",
               "Des séances de sport gratuites en soirée dans les quartiers défavorisés, avec des entraîneurs formés "
               "à la résolution des conflits et au dialogue sur les discriminations."),
        "es": ("Noches de deporte e inclusión para jóvenes",
               "Sesiones deportivas gratuitas por la noche en barrios desfavorecidos, con entrenadores formados en "
               "resolución de conflictos y en diálogo sobre la discriminación."),
        "de": ("Sport- und Inklusionsabende für junge Menschen",
               "Kostenlose abendliche Sportangebote in benachteiligten Stadtvierteln mit Trainerinnen und Trainern, "
               "die in Konfliktlösung und im Gespräch über Diskriminierung geschult sind."),
        "it": ("Serate di sport e inclusione per i giovani",
               "Sessioni sportive serali gratuite nei quartieri svantaggiati, con allenatori formati alla "
               "risoluzione dei conflitti e al dialogo sulla discriminazione."),
    },
    "catalunya-regional-prevention-protocol": {
        "fr": ("Protocole régional de prévention de la radicalisation violente à l'école",
               "Un protocole régional indique aux établissements scolaires comment détecter et évaluer les "
               "situations préoccupantes et y répondre, avec un point de contact unique et une formation pour les "
               "chefs d'établissement."),
        "es": ("Protocolo regional para la prevención de la radicalización violenta en los centros educativos",
               "Un protocolo regional indica a los centros educativos cómo detectar, valorar y responder a las "
               "situaciones de preocupación, con un único punto de contacto y formación para los equipos "
               "directivos."),
        "de": ("Regionales Protokoll zur Prävention gewaltbereiter Radikalisierung an Schulen",
               "Ein regionales Protokoll zeigt Schulen, wie sie Anzeichen erkennen, bewerten und darauf reagieren, "
               "mit einer zentralen Anlaufstelle und Schulungen für Schulleitungen."),
        "it": ("Protocollo regionale per la prevenzione della radicalizzazione violenta nelle scuole",
               "Un protocollo regionale indica alle scuole come individuare, valutare e affrontare le situazioni di "
               "preoccupazione, con un unico punto di contatto e una formazione per i dirigenti scolastici."),
    },
}
