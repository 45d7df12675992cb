"""The words of danger and crisis, and the ordinary phrases that only sound like them (bot/safety.py uses them).

Residents' own phrasing: "someone is trying my door handle", "no one would miss me", "he said he'd kill me",
"my baby isn't breathing". A phrase here that an ordinary request also uses is either bounded by the words
around it ("going to jump" only after "I") or blanked first as HARMLESS ("I hurt myself tripping on the cracked
sidewalk", "flu shot", "smoke from the neighbour's grill"): a false crisis sends a resident with a pothole to the
suicide line.
"""

from __future__ import annotations

import re

# Every pattern below runs in time linear in the message (tests/test_adversarial_input.py): each alternative is
# a fixed phrase, a word run that ends at the next non-word character, or a gap with a bound. `.*` would not be:
# every cue ("crash", "said") in a long message would rescan the rest of it, and 100 kB took tens of seconds
# inside the NLU step, stalling every resident. They are matched against the lower-cased text, and start with a
# lookbehind rather than `\b`: five times faster than IGNORECASE.
def any_of(*phrases: str) -> re.Pattern[str]:
    """One pattern for any of `phrases` as whole words, with the lookbehind start explained above."""
    return re.compile(r"(?<!\w)(?:%s)\b" % "|".join(phrases))


_CRASH_TO_INJURY = 60  # how far "injured" may follow "crash": about ten words
WORDS_GAP = r"\W(?:[\w']{1,20}\W{1,3}){0,6}?"  # up to six words between a cue and what it leads to
_PERSON = (
    r"(?:he|she|they|him|her|baby|child|kid|son|daughter|man|woman|guy|lady|dad|mom|father|mother|grandma|grandpa|"
    r"grandmother|grandfather|husband|wife|friend|someone|somebody|rider|driver|cyclist|pedestrian|person)"
)
_RELATIVE = r"(?:mom|mother|mum|wife|girlfriend|sister|grandma|grandmother|kids|children|baby|daughter|son)"
_CHILD = r"(?:kids?|child|children|baby|babies|toddlers?|infant|little (?:boy|girl|ones?))"
_ABUSER = (
    r"(?:he|she|they|husband|wife|boyfriend|girlfriend|partner|ex|dad|father|stepdad|stepfather|mom|mother|stepmom|"
    r"parents|brother|caregiver)"
)

# Ordinary phrases in danger's words, blanked before the patterns are tried: "I hurt myself tripping on the
# cracked sidewalk" is a sidewalk repair, "smoke from the neighbour's grill" a nuisance, "hit me up" slang.
HARMLESS = any_of(
    r"(?:tripp|slipp)\w*[^.!?]{0,60}?(?:hurt|cut) my ?self",
    r"(?:hurt|cut) my ?self (?:tripping|slipping|falling|shovel\w*|lifting)",
    r"(?:almost|nearly) hit me",
    r"(?:limb|branch|ball|sprinkler) (?:\w{1,15} )?hit me",
    r"killing my ?self (?:trying|working)",
    r"suicide (?:lane|squad|doors?)",
    r"hit me up",
    r"beat me to",
    r"(?:^|(?:it|that) )beats me(?=[\s,.!?]{0,3}(?:why|how|what|where|who|whether|$))",
    r"(?:flu|covid|booster|vaccine|measles|tetanus|rabies|allergy) shots?",
    r"carbon monoxide detectors?(?! (?:is |are |keeps? |just )?(?:going|went|beeping|sounding|reading))",
    r"(?:grill|bbq|barbe?cue|cigarette|cigar|weed|pot|vape) smoke",
    r"smoke (?:from|of) (?:the |my |our |a |his |her |their )?(?:neighbou?r'?s'? |next door'?s? "
    r")?(?:grill|bbq|barbe?cue|smoker|cigarettes?|cigars?|weed|pot|marijuana|vape)",
)

CRISIS = any_of(
    # Suicide, said plainly or not.
    r"suicid\w*",
    r"kil{1,2}(?:ing)? (?:my|him|her|them) ?sel(?:f|ves)",
    r"end(?:ing)? (?:my|it) (?:li?fe?|all)",
    r"(?:want(?:ed|s|ing)?|wanna|wana|wan)(?: to)? die",
    r"(?:don'?t|dont|do not) (?:want to|wanna|wana) (?:live|be alive|be here|wake up)",
    r"no point (?:in )?(?:living|being alive|going on)",
    r"point (?:of|in) (?:being alive|living|going on)",
    r"(?:tired|sick) of (?:living|being alive)",
    r"giving up on life",
    r"life is(?:n'?t| not) worth (?:it|living)",
    r"not worth living",
    r"can'?t go on(?! (?:the|your|this|a|my) )",
    r"reason to (?:keep going|go on|live)",
    r"(?:disappear|sleep) forever",
    r"(?:pain|it all|everything) to (?:stop|end) forever",
    r"be (?:around|here) much longer",
    r"(?:do|did) something to my ?self",
    r"(?:i'?m|im|i am) (?:standing |sitting )?on (?:the|a|this) (?:bridge|ledge)",
    r"thinking (?:about|of) (?:driving|crashing|walking|stepping)\W(?:[\w']{1,20}\W{1,3}){0,4}?(?:into|in front of)",
    r"(?:step|jump)\w* in front of (?:a |the )?(?:train|bus|truck|traffic)",
    r"crisis (?:line|hotline|text line)",
    r"(?:and|to) never wake up",
    r"no reason to live",
    r"better off without me",
    r"goodbye (?:note|letter|message|video|post|text)s?",
    r"(?:no ?one|nobody) (?:would |will )?(?:even )?miss me",
    r"(?:no ?one|nobody) (?:would |will )?(?:even )?notice if i(?:'m| am| was| were) gone",
    r"(?:i'?m|i am) (?:such |just |only )?a burden",
    r"(?:wanna|want to|going to|gonna|about to|should) kms",
    r"unaliv\w*",
    r"(?:thinking|thought|think) (?:about|of) ending (?:it|things)",
    r"(?:i'?m|im|i am|i) (?:going to|gonna|about to|want to|wanna|ready to|will|might) jump(?! ?(?:start|"
    r"rope|in(?:to)? the pool|on|at|through|the line|the queue|ahead))",
    r"jump off (?:the|a|this|my) (?:bridge|roof|building|balcony|cliff)",
    r"thinking (?:about|of) jumping",
    r"(?:hang|hanging|hanged|shoot|shooting|drown|drowning|poison|poisoning|starv\w+) my ?self",
    r"(?:use|using|used) (?:it|a gun|the gun|a knife|the knife) on my ?self",
    r"i(?:'ve| have| just| already){0,2} (?:took|taken|swallowed) (?:too many|all(?: of)?(?: my| the)?|a "
    r"(?:bunch|handful|whole bottle) of(?: my| the)?|the whole bottle of)(?: (?:sleeping|pain|anxiety))? "
    r"(?:pills|meds|medications?|tablets|painkillers)",
    # Self-harm.
    r"self[- ]?harm\w*",
    r"(?:cut|cutting|hurt|hurting) my ?self",
    r"my ?self on purpose",
    r"(?:burn\w*|scratch\w*|hit\w*) my ?self (?:with a (?:lighter|cigarette|knife|razor|blade)|again)",
    r"(?:cut|cutting|slit|slitting) my wrists?",
    r"until (?:it|they|i) bleeds?",
    # Violence from a partner or in the family, threats, abuse of a child or an elder.
    r"(?:beat|beats|beating|hits?|hitting|abus\w+|chok\w+|strangl\w+|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?) me",
    r"shov(?:e|es|ed|ing) (?:me|her|him)",
    rf"{_ABUSER} (?:\w{{1,15}} )?(?:hurts?|hurting|hurt|hits?|hitting|beats?|beating) (?:me|us|her|him|them)",
    rf"{_ABUSER} broke my",
    rf"(?:scared|afraid|terrified) (?:of|to go home (?:to|because of)) my {_ABUSER}",
    rf"hiding (?:[\w']{{1,15}} ){{0,3}}from (?:my {_ABUSER}|him|her)",
    r"abusive (?:partner|husband|wife|boyfriend|girlfriend|relationship|ex|home|parents?|dad|father|mom|mother)",
    rf"my {_ABUSER} (?:is|was) abusive",
    r"throws? things at (?:me|us)",
    r"(?:scared|afraid|terrified) to go home",
    r"(?:has|have|had|with|covered in|full of) bruises",
    r"(?:i'?m|im|i am|we'?re|we are) not safe (?:at home|here|with)",
    r"(?:was|been|got|being) (?:sexually )?assaulted",
    r"stealing from (?:my|an?|her|his) (?:elderly |old )?(?:grandm\w+|grandp\w+|grandfather|mom|mother|"
    r"dad|father|parents?)",
    r"makes? me do (?:things|stuff)",
    r"(?:says?|said|told me) not to tell",
    r"(?:keeps?|kept|holding|holds|took|taken|takes|has) (?:my|our) passports?",
    r"(?:immigration|ice|deport\w*) (?:on me )?if i (?:leave|quit|tell|don'?t|go|say|complain)",
    r"push(?:es|ed|ing)? me (?:down|around|against|into)",
    r"(?:hits?|hitting|beats?|beating|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|chok(?:es|ed|ing)) (?:my |"
    rf"our )?{_RELATIVE}",
    r"(?:hit|hits|beat|beats|beaten|whipp?\w*) (?:[\w']{1,15} ){0,3}with (?:a |the |his |her )?(?:belt|cord|stick|"
    r"hanger)",
    r"domestic (?:violence|abuse)",
    r"(?:child|elder) abuse",
    rf"(?:said|says|told me|threaten\w*|swore|swears|promised|keeps saying){WORDS_GAP}(?:kill|hurt|shoot|"
    r"stab) (?:me|us|my|the kids)",
    r"(?:scared|afraid|terrified) (?:that )?(?:he|she|they)(?:'s| is| are|'re|'ll| will)? (?:going to |"
    r"gonna )?(?:kill|hurt) (?:me|us)",
    r"(?:being|been|getting|get) (?:abused|molested|beaten|sexually assaulted)",
    r"being hurt by (?:her|his|their|my|our) ",
    r"left (?:alone|home alone|by themselves) for (?:days|nights|hours|the night|the weekend)",
    r"neglect\w* (?:my |our |his |her |the )?(?:elderly |old )?(?:mom|dad|mother|father|grandma|"
    r"grandmother|grandpa|grandfather|parents?|kids|children|baby|residents|patients)",
    r"(?:mom|dad|mother|father|grandma|grandmother|grandpa|grandfather|parents?|kids|children|child|baby|"
    r"residents|patients) (?:is|are|was|were|being|been|gets?|getting)(?: being)? neglected",
    # Sexual violence, exploitation, being held.
    r"sexual(?:ly)? (?:assault|abus)\w*",
    r"rap(?:e|ed|es|ing|ist|ists)",
    # English forms only: Spanish "molesta", "molestia", "molestar" mean bother or annoy.
    r"molest(?:s|ed|er|ers|ing|ation)?\b",
    r"grop(?:ed|ing|es) me",
    r"(?:he|she|they|uncle|dad|father|stepdad|stepfather|brother|cousin|coach|teacher|boss|man|guy|"
    r"neighbou?r|grandpa|grandfather|boyfriend|priest|pastor|babysitter) (?:\w{1,15} )?touch(?:ed|es|"
    r"ing) (?:me|her|him|my (?:daughter|son|kids?|child|children|niece|nephew|sister|brother|"
    r"granddaughter|grandson|girl|boy))",
    r"touch(?:ed|es|ing) (?:me |her |him )?inappropriate\w*",
    r"forced (?:himself|herself|themselves) on me",
    r"forced (?:me )?to have sex",
    r"(?:drugged|spiked) my drink",
    r"(?:wouldn'?t|would not|didn'?t|did not) stop when i said no",
    r"makes? me (?:sleep with|have sex)",
    r"(?:being|been|was|were|am) trafficked",
    r"(?:human|sex|labou?r) trafficking",
    r"against my will",
    r"held (?:captive|prisoner)",
    r"being held (?:in|at|captive|prisoner)",
    r"(?:won'?t|will not|doesn'?t|does not|don'?t) let (?:me|her|him) (?:leave|go outside|go out|call|"
    r"talk to|see a doctor)(?! (?:my|the) lease| early)",
)
EMERGENCY = any_of(
    # Fire, smoke, gas, explosions, wires down.
    r"fire(?! (?:hydrant|department|station|pit|lane|escape|code|inspection|alarm test|marshal|truck|"
    r"drill|extinguisher|permit|works|safety))",
    r"on fire",
    r"burning",
    r"flames",
    r"smoke(?! (?:detector|alarm|shop))",
    r"gas (?:leak|smell)",
    r"smell(?:s|ing)? (?:of |like )?gas",
    r"rotten eggs? smell",
    r"smells? like rotten eggs?",
    r"explosion",
    r"exploded",
    r"(?:house|building|car|transformer|tank|store|factory|plant|pipe|main) (?:next door |down the "
    r"street |across the street )?(?:just )?(?:blew up|exploded)",
    r"carbon monoxide",
    r"live wire",
    r"(?:power|pwr|electric|electrical|live|utility) (?:lines?|wires?|cables?) (?:is |are |just "
    r")?(?:down|fell|sparking|on fire)",
    r"(?:downed|fallen) (?:power |electric |live )?(?:lines?|wires?)",
    r"wires? (?:is |are )?(?:down|sparking|buzzing)",
    # Medical.
    r"(?:not|isn'?t|is not|aren'?t|wasn'?t|stopped|barely|no longer) breathing",
    r"can'?t breathe",
    r"unconscious",
    r"collaps(?:ed|ing)",
    r"passed out",
    r"fainted",
    r"heart attack",
    r"chest pains?",
    r"stroke",
    r"seizure",
    r"overdos\w+",
    r"bleeding",
    r"anaphyla\w*",
    r"(?:face|mouth) (?:is )?drooping",
    r"throat (?:is )?(?:closing|swelling)",
    r"(?:lips|face|skin) (?:is |are )?(?:turning )?blue",
    r"(?:drank|swallowed|ate) (?:some |a bottle of |the )?(?:bleach|poison|detergent|antifreeze|cleaner|"
    r"pills|rat poison|laundry pods?|something under the sink)",
    r"unresponsive",
    r"choking",
    r"(?:fell|fallen) and (?:can'?t|cannot) get up",
    r"fell down (?:the|some) (?:stairs|steps)",
    r"(?:fell|fallen|slipped|tripped)(?: (?:down|over|off))?(?: (?:in|on|at|down) (?:the|a|his|her|"
    r"their) \w{1,15})? and (?:is |he'?s |she'?s |they'?re )?(?:hurt|hit (?:his|her|their|my) head|broke|"
    r"can'?t (?:move|get up|stand)|won'?t (?:move|get up|wake|respond)|isn'?t (?:moving|responding|"
    r"answering)|not moving)",
    rf"{_PERSON}(?:'s| is|'re| are)? (?:not|isn'?t|aren'?t|won'?t|stopped|can'?t) (?:moving|responding(?! "
    r"to)|waking up|wake up|getting up|get up)",
    # Crime happening now or just now: weapons, shots, break-ins, attacks, someone following or at the door.
    r"guns?",
    r"gun(?:shots?|fire|point)",
    r"knife",
    r"knives",
    r"knifepoint",
    r"weapons?",
    r"machete",
    r"shoot\w*",
    r"shots?",
    r"(?:swinging|waving|holding) (?:a |an )?(?:baseball )?(?:bat|axe|hammer|crowbar|broken bottle)",
    r"with (?:a |an )?(?:baseball bat|axe|crowbar|broken bottle)",
    r"stabb\w*",
    r"break(?:ing)?[- ]in",
    r"breaking into",
    r"(?:smash|break)\w* (?:(?:car|my|a|the|our|his|her|their|into) ){0,2}windows?",
    r"robb(?:ery|ing)",
    r"mugged",
    r"carjack\w*",
    r"just (?:got |been )?(?:robbed|jumped|attacked|assaulted)",
    r"intruder",
    r"kidnapp?\w*",
    r"hostages?",
    r"(?:being|getting) broken into",
    r"broke in\W(?:[\w']{1,20}\W{1,3}){0,3}?still (?:here|inside|in)",
    r"(?:stealing|breaking into) (?:a |my |the |our |his |her )?(?:car|truck|van|catalytic)",
    r"beating (?:[\w']{1,15} ){0,2}up",
    r"(?:hear|heard) (?:someone|somebody|footsteps|voices) (?:downstairs|upstairs|inside|in (?:my|the|"
    r"our) (?:house|basement|attic|garage))",
    r"(?:going to|gonna|wants? to|threatening to) (?:hurt|kill|shoot|stab) (?:people|everyone|someone|"
    r"somebody|us|them|him|her)",
    r"knock(?:ed|ing|s)? (?:her|him|them|someone|somebody|a (?:woman|man|lady|kid|guy)) (?:down|over|out)",
    r"(?:grab|pull|drag|forc)\w* (?:a |an |the |my |some |this )?(?:kid|child|girl|boy|woman|lady|person|"
    r"someone|her|him)\w* into (?:a|the|his|their|her) (?:van|car|truck)",
    r"(?:attack|attacking|attacked|assaulting|threatening) (?:me|us|him|her|them|my|someone|people|"
    r"everyone|a (?:man|woman|kid|child|girl|boy|lady|guy))",
    r"(?:dogs?|pit ?bulls?|pitbulls?|coyotes?|bears?|animal) (?:is |are |just )?(?:attacking|biting|mauling)",
    r"(?:screaming|yelling|crying|calling|shouting) for help",
    r"(?:someone|somebody|some1|some ?one|a (?:man|guy|car|van|truck|stranger|person)|he|she|they|this "
    r"(?:man|guy|car)) (?:is |are |has been |have been |keeps? |just |started |was )?(?:following|stalking) me",
    r"being (?:followed|stalked)",
    r"(?:someone|somebody|some1|some ?one|a (?:man|guy|stranger|person)|people|they|he) (?:is |are |"
    r"keeps? |just |has been )?(?:trying|jiggling|pulling|rattling|yanking|kicking|breaking)(?: on| at| "
    r"in| down| to open| to get in(?:to)?| open)? (?:my|our|the) (?:front |back |side |bedroom |car |"
    r"patio )?(?:door|window|doorknob|door ?handle|lock)s?",
    r"climb\w* (?:in |into |through |in through )(?:(?:my|our|the|a|their|his|her) )?(?:neighbou?r'?s'? "
    r")?(?:window|balcony|house|home)",
    r"(?:someone|somebody|a man|a guy|a stranger|strangers|a person) (?:is )?(?:in|inside) (?:my|our|"
    r"the) (?:house|home|apartment|room|garage|backyard|yard|basement|attic)",
    # Crashes, drowning, a child in a hot car, people trapped.
    rf"(?:crash\w*|wreck\w*|pile-? ?up|accident|collision)\W.{{0,{_CRASH_TO_INJURY}}}?(?:injur\w+|hurt|not "
    r"moving|bleeding|stuck|trapped|unconscious|isn'?t (?:getting up|moving))",
    r"hit by a (?:car|truck|bus)",
    r"hit (?:a|an|the|some|this) (?:cyclist|biker|pedestrian|kid|child|boy|girl|man|woman|person|jogger)",
    r"drowning",
    r"(?:fell|fallen|went|gone) through the ice",
    rf"(?:{_PERSON}|kid|car|truck|van|bus) (?:just )?(?:fell|fallen|jumped|went|drove|slipped) in(?:to)? "
    r"(?:the |a )?(?:river|lake|pond|ocean|canal|creek|water|pool|bay)",
    rf"{_CHILD}\W(?:[\w']{{1,20}}\W{{1,3}}){{0,4}}?(?:hot|locked) (?:car|van|truck|suv)",
    rf"{_CHILD} (?:is |was )?(?:alone |left |locked )?in (?:a|the|that|this|their|his|her) (?:\w{{1,15}} )?(?:car|"
    r"van|truck|suv)\W(?:[\w']{1,20}\W{1,3}){0,5}?(?:hot|heat|sun|windows? (?:up|closed|rolled up))",
    r"stuck on the roof",
    r"trapped",
    rf"{_CHILD} (?:is |was |got |are |were |been )?(?:locked|left|alone|stuck) in (?:a |the |their |his |"
    r"her |my |that )?(?:hot |locked )?(?:car|van|truck|suv)",
    r"(?:locked|left|alone|stuck) in (?:a |the )?hot car",
)

# The words of the patterns above that a hurried resident misspells: "sucide", "overdoes", "bleding", "smok".
KEY_TERMS = (
    "suicide", "suicidal", "myself", "abusing", "abused", "abusive", "domestic", "violence", "assault", "assaulted",
    "strangling", "strangled", "choking", "beating", "breathing", "breathe", "unconscious", "collapsed",
    "overdose", "overdosed", "bleeding", "seizure", "explosion", "poison", "monoxide", "trapped", "weapon",
    "shooting", "stabbed", "stabbing", "robbery", "robbing", "breaking", "drowning", "injured", "burning",
    "intruder", "kidnapped", "attacking", "attacked", "threatening", "unresponsive", "smoke", "flames", "smell",
    "power", "crash", "window", "gunshots", "following", "choked", "touched", "touches", "touching", "threatened",
    "cutting", "herself", "himself", "hopeless", "shooter", "hostage", "fainted", "overdosing", "gunfire",
    "fire", "gun", "kill", "shot", "stab", "rape", "hurt",
)
