"""The cues a name follows (``names.py`` reads a name after each): "my name is", "this is",
"my husband", "the account holder is", "it's under", "Hello", a title, "Dana here", a sign-off.
Each pattern's group says the kind of cue; ``ROLES`` says whose name that is to the speaker."""

from __future__ import annotations

import re

from ingest.pii import words as vocab

_WORD = r"[^\W\d_]+(?:['’-](?!s\b)[^\W\d_]+)*"  # Dana, O'Brien, Al-Farsi, Müller; not the 's of "Dana's"
WORD_RE = re.compile(_WORD)
GAP = re.compile(r"[ \t]+")
INITIAL_GAP = re.compile(r"\.?[ \t]+")
NAME = rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
_FILLERS = r"(?:(?:uh|um|er|erm|you know)[ \t]+)*"
_FIELD = (r"(?:(?:first|last|family|given|middle|maiden|married|christian|full|legal|birth|second|sur|fore)[ \t-]?name"
          r"|surname|forename)s?")
_DET = r"(?:the|my|your|his|her|our|their)"
_RELATION = (
    r"(?:(?:late|ex|elderly|eldest|oldest|youngest|older|younger|little|big|baby|best|teenage|grown[ -]up|old|dear"
    r"|crew|dive|business|travel|flight|house|work|team|class|school)[ \t-]+)?"
    rf"(?:{'|'.join(sorted(vocab.RELATIONS, key=len, reverse=True))})(?:-in-law)?")
RELATION = _RELATION  # "my (late) husband", "our eldest", "her step-daughter"
_IS = r"(?:'s|[ \t]+(?:is|was|will be|would be|should be|reads|says))"
_CUE_END = rf"[,:]?[ \t]+{_FILLERS}(?=[^\W\d_])"
# a cue, up to the word after it, where the name may start ("Hi, it's Dana" holds two cues); the group says the kind
CUED = re.compile(
    r"\b(?:"
    r"(?P<self>my name(?:'s| is|s|:|,)|name's|i am called|i'm called|(?:in|under) my name[,:]?)"
    rf"|(?P<relation>(?:my|our|his|her|their|your)[ \t]+{_RELATION}(?:[ \t]+(?:is |was )?(?:called|named)|'s called"
    # "my partner's account, Andrea Bruno"
    r"|['’]s[ \t]+(?:account|card|booking|reservation|policy|plan|order|ticket|subscription),"
    r"|['’]s(?:[ \t]+name(?:[ \t]+is|[ \t]*[-–—:,])?)?)?)"  # "my wife's Zoë", "in my wife's name - Zoë Lefèvre"
    # "just to confirm the name is wambui onyango": an agent confirming the customer's, not giving their own
    r"|(?P<other>(?:his|her|their|[a-z]+'s) name(?:'s| is|:|,)?|the name(?:'s| is)|(?:in|under) the name(?: of)?"
    r"|on behalf of"
    r"|(?:full |customer |account )?name:"  # and "the account name is …"
    r"|the (?:account|booking|reservation|policy|card)(?:[ \t]+holder(?:'s)?)? name(?:'s| is))"
    r"|(?P<ask>(?:am i|are you|is this|is that|who am i) (?:speaking|talking|chatting) (?:with|to))"
    r"|(?P<intro>this(?:[ \t,]+(?:like|uh|um|er|erm))*[ \t,]+is|it's|its|it is|i'm|im|i am"
    r"|(?:you're|you are|you've|you have) (?:speaking|talking|chatting|through) (?:with|to)"
    r"|you've reached|you have reached)"
    # not "thanks for chatting with Pawsworth Veterinary Group": the business thanks the customer for choosing it
    r"|(?P<talk>(?<!for )(?:speaking|talking|spoke|spoken|chatting|chatted) (?:with|to))"
    r"|(?P<voc>hi|hello|hey|hiya|dear|thanks|thank you|thankyou|cheers|morning|afternoon|evening|bye|goodbye"
    r"|welcome|sorry|take care|anything else|(?:glad|happy) (?:i|we) could help|(?:a|one|good|great|lovely|nice)"
    r" (?:day|one|evening|weekend)|anytime|no problem|no worries|happy birthday|(?:help (?:you )?with|do for you) today"
    r"|(?P<ack>(?:ok|okay|right|all good|all set|all done|all sorted|all updated|perfect|lovely|brilliant|understood"
    r"|noted)"
    r"(?=[ \t,])|(?:for|with) your patience|for (?:waiting|holding)))"
    r"|(?P<with>(?:leave|left|give|hand|handed)[ \t]+(?:(?:it|them|this|that|the[ \t]+[a-z]+|um|uh|er)[ \t]+){0,3}with)"
    # a person added as one: "add bill bishop as authorised", "I've added Ji-woo to the guest list"; not "to the
    # booking", where extras are added too ("I've added Priority Boarding to the booking")
    r"|(?P<added>add(?:ed)?(?=[ \t]+(?:(?:um|uh|er|erm)[ \t]+)?(?:[^\W\d_][\w'’-]*[ \t]+){1,4}"
    r"(?:to[ \t]+(?:the|your|my|our)[ \t]+(?:notes|guest[ \t]+list|party)\b"
    r"|as[ \t]+(?:an?[ \t]+)?(?:authori[sz]ed|named|additional|joint|second|secondary)\b))(?:[ \t]+(?:um|uh|er|erm))?)"
    rf"){_CUE_END}",
    re.I,
)
# the fields of a form or an account: "first name lorenzo", "my surname's", "the name on my card is", "account holder"
FIELDS = re.compile(
    rf"\b(?:(?P<held>(?:{_DET}[ \t]+)?(?:{_FIELD}|names?)[ \t]+(?:on|for|of)[ \t]+{_DET}(?:[ \t]+[\w-]+){{1,3}}?{_IS}"
    r"|(?:account|card|booking|policy)[ \t]+name|names?[ \t]+on[ \t]+(?:the[ \t]+)?(?:card|account|booking|policy)"
    # "it's a joint account erm A and B"; not what the account's number is called ("joint account i b a n is …")
    r"|joint[ \t]+account(?![ \t]+(?:[a-z]\b|iban|clabe|number|no\b|details|sort))"
    r"(?:[ \t]+(?:is|in[ \t]+the[ \t]+names?[ \t]+of))?"
    r"|(?:(?:the|main|primary|joint|lead|named|sole)[ \t]+)?(?:account|card|policy|bill|contract)[ \t-]?holder"
    rf"(?:(?:'s)?[ \t]+name)?{_IS}?|bill[ \t-]?payer{_IS}?)"
    rf"|(?P<field>(?:{_DET}[ \t]+)?(?:(?:full|legal|real|correct|proper|new|old)[ \t]+)?{_FIELD}{_IS}?)"
    rf")(?:[ \t]+[-–—])?{_CUE_END}",  # "Surname - Okafor"
    re.I,
)
UNDER = re.compile(
    r"\b(?P<under>(?:(?P<state>it is|its|it was|it's all|is|was|they're|are|[a-z]+'s"
    # "it should be under", "it might so be under", "it'd be under"
    r"|(?:[a-z]+['’]d|should|might|would|will|may|could|must)[ \t]+(?:(?:so|um|uh|er|erm|probably|still|all)[ \t]+)?be)"
    r"|(?:put|book|booked|reserve"
    r"|reserved|register|registered|list|listed|file|filed|save|saved|keep|kept|hold|held|log|logged)(?:[ \t]+(?:it"
    rf"|that|this|them|everything|me|us|the[ \t]+[a-z]+))?)[ \t]+under){_CUE_END}",  # "put the booking under"
    re.I,
)
ADDED_END = re.compile(r"[ \t]+(?:to|as)\b", re.I)  # where the name an "added" cue takes ends
ROLES = {"self": "self", "other": "other", "held": "other", "field": "other", "relation": "other", "under": "other",
          "with": "other", "added": "other",
          "ask": "addressee", "intro": "self", "talk": "other", "voc": "addressee"}
STRONG = frozenset({"self", "other", "held", "field", "ask"})
BARE = re.compile(r"(?:name|names|holder|payer|card|account|booking|policy)$", re.I)  # no verb: "surname Bianchi"
# "put it under Dana" is about a booking; "it's under Dana" only in a turn that says what is
BOOKING = re.compile(r"\b(?:account|booking|booked|book|reservation|reserved|registered|order|policy|appointment"
                      r"|name|subscription|membership|table|ticket)s?\b")
_PARTICLE = "(?:" + "|".join(sorted(vocab.PARTICLES, key=len, reverse=True)) + ")"
HONORIFIC = re.compile(  # "Ms de Souza", "mr de la cruz": the name from its particles
    rf"\b(?P<title>mr|mrs|ms|mx|dr|miss|mister|missus|miz|doctor)\b\.?[ \t]+{_FILLERS}"  # "miz": "Ms" said
    rf"(?P<name>(?:{_PARTICLE}[ \t]+){{0,2}}(?P<surname>{_WORD}(?:[ \t]+{_WORD})?))", re.I)
# "Dana Smith here", "Lumora, Sarah speaking", "Leonie from Lanthorn here", "Dana, born 1987": a clause's start
_NEXT = r"(?!(?:from|at|with|here|speaking|calling|born|is|uses|i'm|im|and)\b)"  # a name's next word, not the cue's
HERE = re.compile(
    rf"(?:\b(?:hi|hello|hey|hiya|yeah|yes|morning|afternoon|evening|oh)\b,?[ \t]+|^[ \t]*|(?<=[,.!?;:\n])[ \t]*)"
    rf"(?P<name>{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_NEXT}{_WORD}){{0,3}}),?[ \t]+"  # "Bram de Jong here"
    rf"(?:(?:from|at|with)[ \t]+(?:[\w&'’-]+[ \t]+){{1,3}})?"
    # "pooja rao is my daughter", "marco conti uses marco-conti@hotmail.it"
    rf"(?P<verb>here|speaking|calling|born|is[ \t]+my[ \t]+{_RELATION}"
    r"|uses(?=[ \t]+[^\n]{0,40}?(?:@|[ \t]at[ \t])))\b",
    re.I,
)
CLOSING = (r"(?:(?:many|kind|kindest|best|warm|warmest|with|all my)[ \t]+){0,2}(?:thanks|thank you|regards|wishes)"
           r"|best|cheers|sincerely|yours(?:[ \t]+(?:sincerely|faithfully|truly))?|all the best|take care|love|thx|ta"
           r"|speak soon|talk soon|respectfully|cordially|--")  # "--": a signature's delimiter
# a closing, a few more words ("Thanks so much,"), then the name on a line of its own
SIGN_OFF = re.compile(
    rf"(?:^|\n)[ \t]*(?:{CLOSING})(?-i:[ \t]+[a-z']+){{0,4}}[ \t]*[,.!]*[ \t]*\n+[ \t]*{NAME}", re.I)
SIGN_OFF_INLINE = re.compile(  # "Kind regards, Dana Smith" (not "Thanks, Dana": that one thanks Dana)
    r"(?:^|\n)[ \t]*(?:(?:kind|best|warm|warmest)[ \t]+regards|regards|best wishes|sincerely|all the best"
    rf"|yours[ \t]+(?:sincerely|faithfully|truly))[ \t]*,[ \t]*{NAME}", re.I)
CLOSED_LINE = re.compile(rf"(?:{CLOSING})[ \t]*,[ \t]*{NAME}", re.I)
# what follows a business's name, not a person's: "Carter & Sons", "Sterling & Hale Tax Services",
# "St Brigid's Private Hospital", "Kingsway Motors", "carter and sons removals" (general English of firms)
_FIRM = ("sons|daughters|brothers|bros|co|company|partners|associates|ltd|limited|inc|llc|plc|gmbh|pty|group|services"
         "|motors|hospital|clinic|surgery|practice|centre|center|bank|insurance|insurers|travel|cruises|holidays"
         "|solutions|systems|agency|estates|properties|university|college|school|academy|stores|pharmacy|dental"
         "|medical|energy|telecom|media|studios|hotels?|airlines|airways|logistics|couriers|removals|tyres|garage"
         "|accountants|solicitors|lawyers|team|support|staff|office|department|helpdesk")  # "Dear Saltmarsh Quay team"
FIRM = re.compile(rf"\b(?i:{_FIRM})\b")  # a firm's word: "Access Bank", "Harbourside Dental"
FIRM_AFTER = re.compile(
    rf"[ \t]*(?:&|\+|\band\b)[ \t]+(?i:sons|daughters|brothers|co|company|partners|associates)\b"
    rf"|(?:['’]s)?(?:[ \t]*(?:&|\+)[ \t]+[A-Z][\w'’-]*)?(?:[ \t]+[A-Z][\w'’-]*)?[ \t]+(?i:{_FIRM})\b"
    r"|[ \t]*(?:&|\+)[ \t]+[A-Z][\w'’-]*[ \t]+(?i:team|support|customer|service|staff|crew)\b")  # "X & Y team"
# a word with a capital inside it after four letters or more is a brand's ("PawsFirst", "DriveLease",
# "SafeHaven"), not a person's: names capitalise inside after a short prefix ("McDonald", "MacArthur", "DeShawn")
BRAND = re.compile(r"\b[A-Z][a-z]{3,}[A-Z][a-z]+\b")
# a name with what it is said after it: "hope that's the first name", "Please add Declan Gallagher as a contact",
# an e-mail quote's header "On Fri 6 June 2025 10:47, Trang Le wrote:"
SAID_FIRST = re.compile(rf"\b(?P<name>{_WORD})[ \t,]+(?:that's|thats|that is|is)[ \t]+(?:so[ \t]+)?(?:the|my|his|her"
                        r"|their)[ \t]+(?:first|given|last|family|sur|middle)[ \t-]?name", re.I)
ADDED_AS = re.compile(rf"\b(?:add|put|include)[ \t]+{NAME}[ \t]+(?:down[ \t]+)?(?:as|on)[ \t]+(?:a|an|the|my|our|his"
                      r"|her|their)\b", re.I)
# the writer an e-mail quote's header names, after its date, time or a comma: "On 3 May, Dana Smith <…> wrote:",
# "On 21/04/2025 16:05 Femke de Jong wrote:", "On Fri, 21 Nov 2025 at 16:26 Bram de Vries wrote:"
QUOTE_HEADER = re.compile(r"^[ \t>]*(?i:on)[ \t][^\n]{2,80}?(?:[0-9]{1,2}[:.][0-9]{2}(?:[ \t]*(?i:[ap]\.?m\.?))?"
                          rf"|[0-9]{{4}}|,)[ \t]*,?[ \t]+(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,5}})[ \t]*"
                          r"(?:<[^<>\s]+>[ \t]*)?wrote:", re.M)


def quote_writers(text: str) -> list[tuple[int, int]]:
    """The writers' names in ``text``'s quote headers: capitalised, not a firm's ("the app", "Lumora Support")."""
    return [m.span("name") for m in QUOTE_HEADER.finditer(text)
            if m.group("name")[0].isupper() and not FIRM.search(m.group("name"))]
# a third person put on the file or allowed to act: "I have added Tunde to the account notes", "We have noted
# Joy on the file", "Please contact Mohammed Patel if the alarm goes off", "I authorise Harpreet to discuss it"
ON_FILE = re.compile(rf"\b(?:added|noted|listed|add|note|list)[ \t]+{NAME}[ \t]+(?:to|on|in)[ \t]+(?:the|your|my|our)"
                     r"[ \t]+(?:account[ \t]+)?(?:notes?|file|records?)\b", re.I)
ALLOWED = re.compile(rf"\b(?:contact|authori[sz]e|authori[sz]ing|allow|let)[ \t]+{NAME}[ \t]+"
                     r"(?:to[ \t]+(?:discuss|speak|talk|act|collect|access|deal|manage)|if|when"
                     r"|on[ \t]+(?:my|our|his|her)[ \t]+behalf)\b", re.I)
# the answer to "can I take your full name?": "Dana Smith, BN5 7WT", "yeah it's dana smith"
ANSWER = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|sure|ok|okay|so|well|like|right|hi|hello|um|uh|er|erm|oh|ah|sorry|it's|its|it is|that's"
    r"|thats|that is"
    r"|(?:my |the |full )?name is|(?:my |the )?name's|(?:it )?should be|it(?:'d| would|'ll| will) be|i'm|im|i am"
    r"|this is|under"
    rf"|(?:you're|youre|you are) (?:speaking|talking|chatting) (?:with|to))\b[,.]?[ \t]+){{0,6}}{NAME}",
    re.I)
# an e-mail address's display name: "From: Dana Smith <dana@example.com>", "On 3 May, Dana Smith
# <dana@…> wrote:"; the first in a turn that opens with it is the writer's own. Not on a To: or
# Cc: line: that is whom it was sent to, mostly the company ("To: Lumora Support <help@…>")
# a header's display name of up to five words: "From: Nerea de la Cruz <…>", "To: Jiayi Li <…>"
DISPLAY = re.compile(rf"(?:^[ \t>]*(?:(?P<key>from|to|cc|reply-to|sender)[ \t]*:[ \t]*)?|(?<=, ))"
                     rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,4}})[ \t]*"
                     r"<[^<>\s@]+@[^<>\s@]+>(?P<wrote>[ \t]*wrote:)?", re.I | re.M)  # "…, Sam <…> wrote:": answered
# what a header's display name may go on with after the words a name's rules take: capitalised words and particles
_PARTICLES = vocab.PARTICLES | {"te", "ap", "ni", "ó", "mac", "mc"}  # and Māori, Welsh, Irish and Scottish ones
_REST = re.compile(rf"(?:[ \t]+(?:[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*|{'|'.join(_PARTICLES)}))*")


def display_rest(text: str, end: int | None, name_end: int) -> int | None:
    """Where a header's display name ends: past ``end`` (what the name's rules took; None: no name) to ``name_end``
    when the rest is particles or words that could be names ("Jiayi Li", "Nerea de la Cruz"; not "Hollowmere
    Storage Support")."""
    if end is None:
        return None
    rest = text[end:name_end].split()
    if rest and _REST.fullmatch(text, end, name_end) and all(
            w.lower() in _PARTICLES or vocab.name_like(w, ed=False) for w in rest):
        return name_end
    return end


_SENTENCE_EDGE = re.compile(r"[.!?\n]")
_CLAUSE_EDGE = re.compile(r"[.!?\n,;:()]|\s[-–—]\s")


def sentence_lower(text: str, at: int, cue_end: int) -> bool:
    """Whether the sentence of a cue at ``at`` is all lower case up to the end of the clause after
    the cue ("hello, this is etienne tremblay." or "hi its emeka bello - any update on CLM-7998?" in a
    message with capitals elsewhere): its names are written in lower case too."""
    start = max((m.end() for m in _SENTENCE_EDGE.finditer(text, 0, at)), default=0)
    stop = _CLAUSE_EDGE.search(text, cue_end)
    sentence = text[start:stop.start() if stop else len(text)]
    return sentence == sentence.lower() and any(c.isalpha() for c in sentence)


_GREETING = re.compile(r"[ \t]*(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|morning|afternoon"
                       r"|evening|greetings|to whom)\b[^\n]{0,40}\n", re.I)
_FOOTER = re.compile(r"[ \t]*(?:sent from|sent via|sent with|get outlook)\b", re.I)
_BREAK = re.compile(r"\n[ \t]*\n")


def last_line(text: str) -> int | None:
    """Where an e-mail's last line starts when that line may be a name on its own: after a blank
    line, or after a sentence in a text with a greeting line or paragraphs; a "Sent from my
    iPhone" line after it is skipped."""
    stop = len(text.rstrip())
    while True:
        start = text.rfind("\n", 0, stop) + 1
        if start == 0:
            return None
        if not _FOOTER.match(text, start):
            break
        stop = len(text[:start].rstrip())
    head = text[:start].rstrip()
    if head and (_BREAK.search(text, len(head), start + 1)
                 or head[-1] in ".!?,:;)-" and (_GREETING.match(text) or _BREAK.search(head))):
        return start + len(text[start:]) - len(text[start:].lstrip(" \t"))
    return None
# a typed answer for another detail that opens with the customer's name, then a comma and the
# detail ("Tariq Brennan, 14th of July 1966" for "what's your date of birth?")
NAME_FIRST = re.compile(r"^\W*(?:(?:yes|yeah|yep|sure|ok|okay|so|it's|its)\b[,.]?[ \t]+){0,2}"
                        r"(?P<name>[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+){1,2})[ \t]*,[ \t]*\S")
