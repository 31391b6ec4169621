"""The demo's live Q&A: a board on each Bordeaux round table, with fictitious audience questions addressed to the
panelists (the seed tells that "attendants could also participate with questions to each member of a table";
what they asked is not public, so these are invented, plausible and labelled as demo).

Round table 1 is over: its board is closed, its questions answered or left open. Round table 2's board is open and
pre-moderated, so a visitor can try asking, and a moderator has questions to approve.
"""

EVENT = "bordeaux-2016"
# (session slug, join code, open?, named moderator account or None, questions)
# a question: (panelist's speaker slug or None for the whole panel, text, name, status, votes)
BOARDS = [
    ("round-table-1", "BDXRTA", False, None, [
        (None, "What should a city say, and avoid saying, in the first hours after an attack?", "", "answered", 31),
        ("representative-bordeaux", "How did you involve young people in designing the city's prevention messages?",
         "Claire", "answered", 23),
        ("representative-isd", "Which platforms do young people actually use, and how can a city be present there "
         "without sounding like official propaganda?", "", "answered", 17),
        ("representative-malmo", "How do social services, schools and police agree on one message without "
         "stigmatising a neighbourhood?", "Jonas", "visible", 12),
        ("representative-liege", "Do you evaluate your campaigns? With which indicators?", "", "visible", 9),
        (None, "Is there a shared European toolbox for local communication strategies?", "", "visible", 4),
    ]),
    ("round-table-2", "BDXRTB", True, "expert@experts.example", [
        (None, "Are counter-narratives enough, or do we need alternative narratives that offer young people "
         "something positive?", "", "visible", 20),
        ("representative-ufuq", "How do you prepare teachers to talk about extremist propaganda when pupils "
         "bring it up in class?", "Miriam", "visible", 14),
        ("representative-brussels", "Who are the credible messengers in your neighbourhoods, and how do you support "
         "them without instrumentalising them?", "", "visible", 11),
        ("representative-bologna", "How do you involve families in your programmes?", "", "pending", 0),
        ("representative-lhospitalet", "How do you know whether a counter-narrative reached the audience you "
         "wanted?", "Marc", "pending", 0),
    ]),
]
APPROVER = "coordinator@efus.example"  # who approved the questions of a board with no named moderator (demo account)
HIGHLIGHTED = ("round-table-2", 0)  # the question on the screen now: board, index of the question
