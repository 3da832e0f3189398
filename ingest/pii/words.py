"""General English that is never a person's name where a name would stand: after "this is",
"it's", "I'm", "Hi" or "Thanks" ("this is ridiculous", "it's broken", "I'm done", "Hi there",
"Thanks so much"). No business's vocabulary: only words any conversation uses."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from convoscope.english import CONTRACTIONS, FILLERS, MONTHS
from ingest.pii.repairs import PAUSES
from ingest.pii.spoken import NUMBER_WORDS

_GENERAL = """
absurd acceptable afraid again ago alive all alright amazing angry annoyed anyway apparently appalling around asleep
available avoid awake aware away awful back bad basically because best better big bit bizarre blank bloody bored
boring both brilliant broke broken brief busy calling calm cancelled careful certain charged cheap chuffed clear
clever closed cold complete completely confused correct crap crazy cross cut daft damaged dead dear definitely
delighted desperate different difficult disabled disappointed disconnected done double down due dumb early easy
elderly else embarrassed empty enough entitled eligible equal everyone exactly excellent expensive extra fair false
fed fine finished first fixed following free fresh frozen full fuming funny furious gone good great gutted half
happy hard hello help here hi home honest honestly hopeless hot hungry ill impossible important impressed included
incorrect insane interested joke just kidding kind late later latest lazy legal likely listening live livid local
lonely long loud lovely low lucky mad main many mate maybe me mental messy mine missing more much mum dad nan nearly
needed nervous new next nice no none nonsense normal not nothing now odd off ok okay old on online only open other
out outside over paid pathetic perfect pending plain pleased polite poor possible pretty private probably proper
quick quiet quite random rare ready real really retired rich ridiculous right rubbish rude sad safe same satisfied
scared second separate serious shocked short sick silly simple slow small smart so sorry sorted special standard
still stopped strange stressed stuck stupid sure surprised switched team terrible thanks that there third this tired
today goodbye hope together tomorrow tonight too top total totally true typical ugly unable unclear unfair unhappy
unreal unusual unwell up upset urgent useless usual very waiting welcome well what whole why wild wonderful worried
worse worst wrong yes yesterday young yours sir madam maam mr mrs ms mx dr prof miss mister missus pal buddy guys
folks everybody anybody somebody nobody people staff support service services customer customers care department
desk office manager management company agent operator advisor adviser colleague colleagues friend friends family
husband wife partner son daughter mother father brother sister account bill card phone number email address name
date birth line morning afternoon evening night day week weekend month year hour minute monday tuesday
wednesday thursday friday saturday sunday english british scottish welsh irish american canadian australian french
german spanish italian polish indian chinese japanese does did doing has had have having was were been get got
getting make made need needs want wants know knew think thought say said tell told go went come came see saw try
tried use used work works worked take took give gave keep kept let put seem pay buy bought send sent click tap press
sign log wait stay premium basic essential essentials plus pro ultimate unlimited max mini lite super superfast
ultra hold ring rang rung speak spoke deal handle manage look sort play run watch love hate forgot forget lost left
die died hear heard set reckon believe share sadly own basis terms field box spelling spelt spell surname forename
review warranty contract guarantee repair maintenance settings menu profile laptop tablet ipad iphone computer car
room school uni university college job house flat hospital abroad holiday regards sincerely faithfully truly wishes
sometimes always usually often start restart redo
postcode zip zipcode eircode postal code pin mobile birthday dob reference
"""
# Shaped like adjectives, verbs or adverbs, never like a name: "frustrated", "unacceptable", "working"
_SUFFIX = re.compile(r"(?:ing|(?P<ed>[^me]ed))$")  # from five letters
_LONG_SUFFIX = re.compile(r"(?:ous|ble|ful|less|ive|ent|ant|[^e]ly|ness|ment|tion|sion)$")  # from six

COMMON: frozenset[str] = frozenset(
    set(_GENERAL.split()) | ENGLISH_STOP_WORDS | CONTRACTIONS | FILLERS | NUMBER_WORDS
    | {name for names in MONTHS for name in names}
)
# general words that are also common first names: a name after a cue, never one found elsewhere
NOT_NAMES: frozenset[str] = COMMON - {"bill"}

# The words around a name (``names.py``). People in someone's life: "my husband Gus"
RELATIONS = frozenset(
    "husband wife partner spouse son daughter child kid mother father mum mom mam mummy mommy dad daddy parent "
    "brother sister twin grandson granddaughter grandchild grandmother grandfather grandma grandpa granny grandad "
    "gran nan nana aunt auntie aunty uncle nephew niece cousin carer caregiver guardian boyfriend girlfriend fiance "
    "fiancee fiancé fiancée friend flatmate housemate roommate neighbour neighbor landlord landlady lodger tenant "
    "colleague boss stepson stepdaughter stepmum stepmom stepdad stepmother stepfather mate accountant solicitor "
    "lawyer executor beneficiary children kids sons daughters parents grandchildren brothers sisters buddy "
    "co-owner co-buyer deputy assistant pa secretary godson goddaughter godchild godmother godfather godparent "
    "co-founder cofounder physiotherapist therapist counsellor midwife".split())
# words that start a new clause, so end a name: "thanks dana let me check", "this is dana you're through to",
# "thanks mark have a good day"
FOLLOWERS = frozenset(
    "here speaking calling from again and but i i'm i've i'll i'd we we're you you're your let let's thanks thank "
    "can could would will please so just how what who is it's that's this hope good nice lovely great yes yeah ok "
    "okay right um uh er erm for with on at about here's my the if as when welcome sorry hi hello hiya hey "
    "born have has had bye goodbye".split())
# a word and the one after it that begin a pause in speech ("hang on", "hold on", "bear with"): no name and its clause
PAUSE_PAIRS = frozenset(phrase[:2] for phrase in PAUSES if len(phrase) > 1 and phrase[1] in FOLLOWERS)


def follows(before: str, word: str) -> bool:
    """Whether ``word``, after a name at the end of ``before``, begins a new clause (``FOLLOWERS``),
    and does not with the name's last word begin a pause ("sorry hang on", "sorry bear with me")."""
    last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    return word.lower() in FOLLOWERS and (last, word.lower()) not in PAUSE_PAIRS


# what a verb acts on: a word before them is no name ("my wife insists that", "my mum struggles with it")
OBJECTS = frozenset("it that the a an this these those me us him her them my his our their your everything "
                    "something anything".split())
PARTICLES_OF_VERBS = frozenset("with by up out off into onto".split())
# general words that are also common surnames, allowed after a first name in cased text ("Hannah Young")
SURNAMES = frozenset("young white green wood hill king baker hall lee moore brown black gray grey long small "
                     "rich little park wright cook hunter bishop walker turner parker field love cross price fox stone "
                     "rose bird moon sharp day bell gold hart lamb rice ward wolf marsh mills house hope law fisher "
                     "cooper carter mason porter dean banks fields shepherd knight page mann".split())
# general words that are also common first names: a name before a surname that is none ("Will Rossi", "Hope Eze")
GIVEN = frozenset("will hope may joy grace faith bill sky rich rose ruby amber pearl dawn summer june april mark pat "
                  "sue penny lily daisy holly ivy iris hunter chase lovely precious blessing gift patience mercy "
                  "charity honor honour destiny divine bliss melody star angel jade crystal robin jack art "
                  "frank earl miles gene harmony".split())
# van Dijk, da Silva Santos, Sousa e Melo, zu Eltz
PARTICLES = frozenset("van von de da di del della der den du do dos das la le bin ibn al el ter ten e y zu".split())
NOT_BEFORE_MISS = frozenset("i we they he she will would to don't dont didn't didnt never really also".split())


def name_like(word: str, ed: bool = True, shaped: bool = True) -> bool:
    """Whether ``word`` could be a name here: not general English, not shaped like an adjective
    (``ed``: nor like a past tense, "sorted"; off for a capitalised surname, "Javed"). Each part of
    a hyphenated word is tested (Al-Sayed, Eun-ji; not "fed-up", "self-employed"). ``shaped``
    off: general English only, for a capitalised word where a name surely stands ("my name is
    Xiaoming", "my daughter, Precious", "Min-jun Kim")."""
    lower = word.lower().replace("’", "'")
    if len(lower) < 2 or lower in NOT_NAMES:
        return False
    if not shaped:
        return True
    if "-" in lower:  # one short general part among name parts is a name's ("Soo-ah"; not "fed-up", "x-ray")
        parts = [part for part in lower.split("-") if part]
        general = [part for part in parts if part in NOT_NAMES]
        return all(_shaped(part, 6 if ed else 99) for part in parts) and (not general or len(general) == 1 and len(
            general[0]) <= 3 and all(len(part) >= 3 for part in parts if part not in NOT_NAMES))
    return _shaped(lower, 5 if ed else 99)


def _shaped(lower: str, ed_from: int) -> bool:
    suffix = _SUFFIX.search(lower) if len(lower) >= 5 else None
    if suffix and (suffix.group("ed") is None or len(lower) >= ed_from):
        return False
    return not (len(lower) >= 6 and _LONG_SUFFIX.search(lower))


def verb_form(word: str) -> bool:
    """Whether ``word`` is a general word with an -s ending: "uses", "holds", "watches", "tries"."""
    lower = word.lower()
    return lower.endswith("s") and (lower[:-1] in COMMON or lower.endswith("es") and lower[:-2] in COMMON
                                    or lower.endswith("ies") and lower[:-3] + "y" in COMMON)
