"""The service layer: one function per use case, the same for the terminal, the pages and the API.

Each use case takes the knowledge base, the person's journal (anything shaped like
:class:`~sciatica_coach.coach.ports.JournalPort`) and ``now``, and returns domain objects or
raises one of :mod:`~sciatica_coach.coach.errors`. Every rule about "the last hour", "today" or
"what the journal says" lives here once: the safety check that still counts (:mod:`.safety`),
today's dose (:mod:`.activity`), plans (:mod:`.plans`), durable sessions (:mod:`.sessions`),
body maps (:mod:`.maps`), entries (:mod:`.journal_log`), progress (:mod:`.progress`) and the
whole journal in and out (:mod:`.transfer`). No framework is imported here.
"""
