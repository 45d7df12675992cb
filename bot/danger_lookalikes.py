"""Ordinary requests that borrow danger's words, by family, in English and Spanish (bot/safety.py).

A false crisis sends a resident the suicide line for a question about a fee, so each family here is a shape an
ordinary request has, not a word: a thing that "is going to kill us" (a person who says it is a threat), a
question about the rules for carrying a knife, a class on overdoses, a crime of last weekend asked about for its
report, a nail gun. These shapes are blanked before danger is looked for, so that danger said beside them is still
heard, and they calm a classifier that heard danger in an ordinary request (`calmed_intent`).

Written from the language, not from any evaluation set; the same linear-time rules as bot/danger_phrases.py.
"""

from __future__ import annotations

from bot.danger_phrases import any_of

# Within one sentence: "is it legal? he has a gun and..." is two.
_SENTENCE_GAP = r"[^\w.!?]{1,3}(?:[\w']{1,20}[^\w.!?]{1,3}){0,%d}?"
# A gap of a few words that never crosses "now", "still" or "right": "robbed last week ... report" is a record,
# "robbed ... still here ... report" is not.
_CALM_GAP = r"\W{1,3}(?:(?!(?:now|still|right|here|ahora|ahorita|todav[ií]a|sigue)\b)[\w']{1,20}\W{1,3}){0,%d}?"
_THING = (
    r"(?:fees?|rent|bills?|tax(?:es)?|(?:tax |rent |price )?hikes?|rates?|prices?|costs?|increases?|fines?|tickets?|"
    r"heat|humidity|traffic|noise|commute|wait|lines?|paperwork|inflation|construction|payments?|premiums?|mortgage|"
    r"utilit(?:y|ies)|deductible|stairs|smell|potholes?|parking|meters?|dust|pollen|delays?|overtime|shifts?|"
    r"barking|roosters?|leaf blowers?|jackhammers?|drilling|renovations?|bureaucracy|red tape|process|deadline)"
)
_THING_ES = (
    r"(?:renta|alquiler|cuotas?|multas?|impuestos?|precios?|calor|fr[ií]o|tr[aá]fico|ruido|recibos?(?: de \w{1,10})?|"
    r"cuentas?|tarifas?|aumentos?|filas?|espera|tr[aá]mites?|papeleo|deudas?|pagos?|obras?)"
)
_WEAPON = (
    r"(?:(?:loaded|concealed|hunting|pocket) )?(?:guns?|firearms?|handguns?|rifles?|pistols?|knife|knives|weapons?|"
    r"tasers?|pepper spray|fireworks?|fire|campfire|bonfire|armas?|pistolas?|cuchillos?|navajas?|machetes?|fuego)"
)
_RULE = (
    r"(?:legal|illegal|allowed|permitted|permits?|licen[cs]es?|laws?|rules?|regulations?|ordinances?|banned|prohibited|"
    r"policy|permitid[oa]s?|prohibid[oa]s?|se permite|se puede|permisos?|licencias?|ley(?:es)?|reglas?|reglamento|"
    r"normas?)"
)
_HOLD = (
    r"(?:carry|own|have|bring|keep|buy|sell|store|transport|register|tener|tenga|tiene|tienen|llevar|lleve|portar|"
    r"traer|cargar|comprar|vender|guardar)"
)
_MEDICAL = (
    r"(?:heart attacks?|strokes?|overdos\w+|bleeding|choking|seizures?|cardiac arrest|infartos?|sobredosis|"
    r"convulsiones|derrames?)"
)
_CLASS = (
    r"(?:class(?:es)?|courses?|training|workshops?|seminars?|certification|kits?|clases?|cursos?|talleres?|"
    r"capacitaci[oó]n)"
)
_PAST_CRIME = (
    r"(?:smashed|broken into|broke into|broke in|break-? ?in|stolen|stole|robbed|mugged|burglari[sz]ed|burglary|"
    r"vandali[sz]ed|theft|crash(?:ed)?|accident|collision|hit and run|robaron|rob[oó]|asaltaron|asalt[oó]|"
    r"rompieron|chocaron|choc[oó]|choque|accidente|vandalizaron|se metieron)"
)
_REPORT = (
    r"(?:(?:police|incident|accident|crime) report|report (?:number|for (?:my |the )?insurance)|for (?:my |the )?"
    r"insurance|case number|reporte (?:policial|de (?:la )?polic[ií]a)|(?:copia del|n[uú]mero de) (?:reporte|caso)|"
    r"para el seguro)"
)

LOOKALIKES = any_of(
    # Hyperbole: a thing, not a person, is killing us; dying to know; to die for; a food need.
    rf"{_THING}{_SENTENCE_GAP % 4}(?:is |are |was |will |would |'?ll |'?s |'?re |just |really |"
    r"literally |going to |gonna )+(?:kill(?:ing|s)?|be the death of) (?:me|us|him|her|them|my|our)\b",
    rf"{_THING_ES} (?:nos|me) (?:(?:va|van|est[aá]n?) (?:a )?)?mata(?:r|ndo|n)?",
    r"dying to (?:know|see|get|try|go|find out|hear|ask|visit|sign up|meet|check)",
    r"to die for",
    r"(?:phone|battery|car|laptop|computer|engine|printer|plants?|lawn|grass|garden|wifi|router|tv|fridge|furnace|"
    r"heater) (?:\w{1,15} )?(?:wants?|is trying|keeps trying) to die",
    r"bored to death",
    r"(?:i'?m|im|i am|we'?re|we are|kids are|family is) (?:so |literally |just )?starving(?! (?:my|our) ?sel)",
    r"me muero (?:por (?:saber|ir|ver|probar|conocer|que)|de (?:ganas|curiosidad))",
    r"(?:casi )?(?:me|le|nos) (?:dio|da|va a dar|iba a dar) (?:un )?(?:infarto|ataque|patat[uú]s|soponcio)"
    r"(?= (?:cuando|"
    r"al (?:ver|leer|abrir|recibir)|con (?:el|la|los|las|ese|esa|este|esta)|de (?:ver|risa|coraje)))",
    r"(?:gave|give|giving) me a heart attack(?= (?:when|with|seeing|reading|opening|looking))",
    # Danger's words in their ordinary senses: tools, idioms, sports, the law.
    r"(?:glue|nail|staple|heat|caulk(?:ing)?|paint|spray|water|squirt|nerf|radar|speed|grease|massage) guns?",
    r"(?:butter|steak|pocket|putty|utility|bread|kitchen) knif(?:e|ves)|knife (?:sharpening|skills?|sets?|blocks?)",
    r"fir(?:e|ing) (?:my|our|the|his|her|their|a) (?:\w{1,15} )?(?:contractor|landlord|lawyer|attorney|employee|staff|"
    r"worker|plumber|agent|manager|accountant|nanny|babysitter|caseworker|realtor|company|roofer|mechanic)",
    r"fire up the (?:grill|bbq|barbe?cue|smoker)",
    r"(?:asset|property|vehicle|car|civil|forfeiture|tax) seizures?|seizure (?:of|hearing|notice|order|auction)",
    r"(?:brush|swim|back|breast|golf|tennis|paddle|pen) ?strokes?|strokes? (?:of (?:luck|genius)|lessons?)",
    r"(?:population|price|rent) explosion",
    r"burning (?:question|issue|topic|calories|daylight|the midnight oil)",
    r"choking hazards?",
    r"trapped in (?:a |my |the |this )?(?:lease|contract|job|loop|cycle|system|plan|subscription|phone tree|menu|"
    r"parking (?:lot|garage|structure)|traffic|line|queue)",
    r"atrapad[oa]s? en (?:el |la |un |una |este |esta )?(?:estacionamiento|garaje|fila|tr[aá]fico|tr[aá]mite|contrato)",
    r"smoke-? ?free",
    r"(?:can|may|could) (?:i|we|you|people|residents|tenants) (?:still )?smoke",
    r"(?:allowed|permitted) to smoke",
    r"(?:team|offense|defen[cs]e|shooting|game|sales|market|stocks?) (?:is |are |was |were )?on fire",
    r"on fire (?:this (?:season|year|week)|lately|these days)",
    # An animal hurt or sick is animal services, unless it hurt a person: the gap never crosses a bite or an attack.
    r"(?:dogs?|puppy|cats?|kitten|pets?|birds?|horses?|deer|raccoons?|perr[oa]s?|perrit[oa]s?|gat[oa]s?|gatit[oa]s?|"
    r"mascotas?|animal(?:es)?|caballos?|p[aá]jar[oa]s?|venados?)\W{1,3}(?:(?!(?:bit|bites|bitten|attack\w*|maul\w*|"
    r"mordi\w*|muerde|atac\w*)\b)[\w']{1,20}\W{1,3}){0,3}?(?:is |are |est[aá]n? |sigue )?(?:bleeding|choking|seizing|"
    r"having (?:a )?seizures?|unconscious|not breathing|injured|hurt|sangrando|convulsionando|inconsciente|no respira|"
    r"herid[oa]s?|ahog[aá]ndose)",
    # Rules, permits and events about a weapon, a fire or a medical emergency.
    rf"{_RULE}{_SENTENCE_GAP % 6}{_HOLD} (?:a |an |the |my |his |her |their |un |una |su |"
    rf"mi )?{_WEAPON}",
    rf"{_WEAPON} (?:are |is |be )?(?:not )?(?:allowed|permitted|legal|illegal|banned|prohibited|permitid[oa]s?|"
    r"prohibid[oa]s?)",
    r"(?:can|may|could) (?:i|we|you|people) (?:have|make|light|build|start) (?:a |an )?(?:small )?(?:camp|bon)?fire",
    r"(?:gun|firearm|weapon|armas?) (?:buy-? ?backs?|safety|storage|locks?|registration|show|range|club)",
    rf"(?:cpr|rcp|first aid|stop the bleed|narcan|naloxone|primeros auxilios){_SENTENCE_GAP % 6}"
    rf"{_MEDICAL}(?:\W{{1,3}}(?:and|or|y|o)\W{{1,3}}{_MEDICAL}){{0,3}}",
    rf"{_MEDICAL} (?:prevention |response |safety |awareness )?{_CLASS}",
    # A past crime or crash asked about for its report.
    rf"{_PAST_CRIME}{_CALM_GAP % 12}{_REPORT}",
    rf"{_REPORT}{_CALM_GAP % 8}{_PAST_CRIME}",
)

# Usually ordinary ("I don't want to live next to this dump", "...to be here all day for a permit"), but a person
# in crisis says them too: blanked before the rules look for danger, never a reason to calm what the classifier
# heard.
UNSURE = any_of(
    r"(?:don'?t|do not) (?:want to|wanna) live (?:here|there|in|on|next|near|by|across|above|below|under|"
    r"downtown|around)",
    r"(?:don'?t|do not) want to be here (?:all|for|when|at|until|till|on|by|before|after|early|late|waiting)",
)
