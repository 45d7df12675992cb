"""Danger said sideways, danger happening now, and ordinary requests whose words only borrow danger's (bot/safety.py).

Three families that the plain words of bot/danger_phrases.py miss or overreach on, in English and Spanish:

- Crisis said without its words: a farewell ("tell my sister I'm sorry", "this is goodbye"), the means ("counting
  the pills", "I bought a rope"), someone else about to jump or cutting herself, "before I do something stupid".
- Danger happening now, strong enough to outrank a service the classifier heard: "the bus is on fire" is not a
  transit question, "he's pinned under the tree" is not a street-tree request. Only cues that an ordinary request
  does not use ("lips are blue", "in progress", "isn't moving"), never a bare "fire" or "shooting".
- Ordinary requests by their shape: a past crime reported for a record ("robbed last year"), fireworks, a fire
  lane or a smoke shop, a neighbour burning leaves, an animal inside the house, the exaggeration aimed at a city
  annoyance ("kill me now, the line", "el tráfico me está matando"). These are blanked before danger is looked
  for, and they calm a classifier that heard danger in them (bot/safety.py `calmed_intent`).

Written from the language, not from any evaluation set; the same linear-time rules as bot/danger_phrases.py.
"""

from __future__ import annotations

from bot.danger_phrases import WORDS_GAP, any_of

_END = r"(?=\s*(?:[.,;!?]|$))"  # the phrase closes its sentence: "I'm not okay." but not "not okay with the fee"
_CRIME_DONE = (
    r"(?:mugged|robbed|robbery|burglar\w*|break-? ?in|broken into|home invasion|stolen|fire|asaltaron|robaron|incendio)"
)
_LONG_AGO = (
    r"(?:last (?:year|month|week|summer|winter|spring|fall|autumn)|(?:a |two |three |a few |several )?(?:weeks|"
    r"months|years) ago|el (?:a[nñ]o|mes) pasado|la semana pasada|hace (?:\w{1,10} )?(?:meses|a[nñ]os|semanas))"
)
_JUMP_NOT = r"(?! ?(?:start|rope|in(?:to)? the pool|on|at|through|the line|the queue|ahead|next|again|by|up))"
# A person, for Spanish cues that also happen to animals and things ("el perro está sangrando").
_PERSON_ES = (
    r"(?:alguien|una? (?:persona|se[nñ]or|se[nñ]ora|hombre|mujer|muchach[oa]|chic[oa]|ni[nñ][oa]|beb[eé])|"
    r"(?:mi|su|el|la) "
    r"(?:pap[aá]|mam[aá]|hij[oa]|espos[oa]|marido|abuel[oa]|abuelit[oa]|herman[oa]|t[ií][oa]|prim[oa]|novi[oa]|"
    r"vecin[oa]|amig[oa]|beb[eé]|se[nñ]or|se[nñ]ora|hombre|mujer|ni[nñ][oa])|[eé]l|ella)"
)
_VEHICLE_OR_HOME = r"(?:bus|car|truck|van|house|building|apartment|kitchen|garage|store|school)"

CRISIS_INDIRECT = any_of(
    # Farewells and the means.
    r"tell (?:my \w{1,15}|them|her|him|everyone|every ?one) (?:that )?(?:i'?m|im|i am) sorry",
    r"this is goodbye",
    r"(?:my|this is (?:probably |likely )?(?:my )?)last (?:message|text|words)(?= (?:to anyone|ever)|\s*(?:[.,;!?]|$))",
    r"(?:won'?t|wont|will not) be (?:around|here|alive) (?:anymore|much longer|for long|after tonight)",
    r"(?:wrote|written|writing|left) (?:goodbye |farewell )?(?:letters?|notes?) (?:to|for) (?:my|everyone)",
    r"counting (?:the |my |out )?(?:pills|tablets)",
    r"(?:bought|got) (?:a |some )?rope(?= (?:today|tonight|yesterday)|\s*(?:[.,;!?]|$))",
    r"(?:took|taken|swallowed|downed|drank) (?:a |the )?whole bottle",
    r"pact to (?:do it|die|end (?:it|things)|kill)",
    r"(?:googled|looked up|searched|researching|reading about) (?:how to (?:do it|die|kill)|ways to (?:die|do it|"
    r"end it))",
    # Despair said plainly.
    r"(?:i feel|i'?m|im|i am|feeling) (?:so |completely |totally )?hopeless",
    r"^hopeless(?=\W*$)",
    rf"(?:i'?m|im|i am) not (?:ok|okay|alright|all right|doing (?:ok|okay|well)){_END}",
    r"keep (?:on )?living(?! (?:here|there|in|on|near|next|with|at|like))",
    rf"why (?:should|would|do) i (?:even )?keep (?:trying|going){_END}",
    r"before i do something (?:stupid|crazy|drastic|i regret)",
    r"(?:don'?t|dont|do not) (?:want to|wanna) go on(?! (?:the|a|your|this|my|with|to|at|in|vacation|strike)\b)",
    r"(?:voices|voces)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,6}?(?:hurt|kill|haga da[nñ]o|lastime|mate)",
    # Closing its sentence, never "..., my bin was skipped again".
    r"(?:can'?t|cannot|cant) do (?:this|it) any ?more(?:(?=\s*(?:[.!?]|$))|\W{1,3}any of it)",
    # Someone else at the edge, or hurting herself.
    r"(?:she|he|they)(?:'ll| will| is going to|'s going to| is gonna|'s gonna| wants? to| is about to|'s about to|"
    rf" threatens? to| is threatening to| keeps saying (?:she|he|they)(?:'ll| will)) jump{_JUMP_NOT}",
    r"(?:sitting|standing|sat|stood) on (?:the |a )?(?:ledge|railing|edge of (?:the |a )?(?:\w{1,15} ){0,2}"
    r"(?:roof|bridge|"
    r"building|overpass))",
    r"(?:driving|drive|crash\w*|steer\w*) (?:my|the) car off (?:the |a )?(?:bridge|overpass|cliff|pier|road)",
    r"(?:is|are|keeps?|been|started|was|were) (?:cutting|harming|burning) (?:him|her|them)sel(?:f|ves)"
    r"(?! (?:on|when|while|trying|with (?:a|the) (?:broken|rusty)))",
    r"(?:hits?|hitting|beats?|beating|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|chok(?:es|ed|ing)) (?:his|her|their) "
    r"(?:kids?|children|wife|husband|girlfriend|boyfriend|baby|son|daughter|mom|mother|dad|father|partner)",
    r"wish (?:i|i'?d) (?:was|were|had been) dead|wish i (?:had )?never been born",
    r"done (?:with (?:life|living)|living)",
    r"(?:and|to) not wake up",
    r"(?:fleeing|escaping|escaped|running from) (?:from )?(?:my |an? )?(?:abusive |violent )?(?:husband|wife|"
    r"boyfriend|girlfriend|partner|ex|stepdad|stepfather)",
    # Spanish.
    r"no (?:le )?veo sentido a nada",
    r"(?:cansad|hart)[oa] de (?:vivir|la vida)",
    r"(?:me quiero|se quiere|quiero|quiere) ir con dios|irme con dios",
    r"antes de (?:que )?(?:haga|hacer|cometa|cometer) una locura",
    r"(?:escrib\w+|dej\w+) (?:las |unas |una )?cartas? (?:de despedida|para|a) (?:mis|mi|todos)",
    r"(?:se va|me voy|va|voy|quiere|quiero) (?:a )?(?:aventar|tirar|lanzar)(?:se|me)? (?:del?|desde) "
    r"(?:el |la |un |una )?(?:balc[oó]n|puente|edificio|techo|azotea|ventana)",
)

URGENT_NOW = any_of(
    # A person who cannot help themselves, now.
    r"(?:not|isn'?t|is not|aren'?t|wasn'?t|stopped|barely|no longer) breathing",
    r"can'?t breathe",
    r"(?:(?:he|she|they|man|woman|guy|lady|person|someone|somebody|kid|child|baby|dad|mom|friend|husband|wife|son|"
    r"daughter|driver|patient)(?:'s| is| are| was)?|found (?:\w{1,15} )?|lying) (?:unconscious|unresponsive)",
    r"(?:lips|face|skin) (?:is |are )?(?:turning )?(?:blue|gr[ae]y)",
    r"(?:can'?t|cannot|couldn'?t) wake (?:him|her|them)",
    r"(?:lying|laying|face down)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,6}?(?:not moving|won'?t (?:move|wake)|isn'?t moving)",
    r"(?:he'?s|she'?s|they'?re|(?:he|she|they|man|woman|worker|driver|rider|kid|child|baby|person|someone|somebody|"
    r"guy|lady) (?:is|are|was)) (?:not|isn'?t) moving",
    r"pinned (?:under|beneath|between)",
    r"(?:fell|fallen) through the ice",
    r"(?:overdosed|overdosing|(?:having|had|took) an overdose)",
    r"(?:drank|swallowed|ate) (?:some |the )?(?:bleach|poison|cleaning \w+|antifreeze|rat poison)",
    r"(?:baby|child|kid|toddler|infant) (?:is |was )?(?:locked|left|alone|stuck) in (?:a |the )?(?:hot )?car",
    r"(?:year old|kid|child|son|daughter|toddler|boy|girl|baby) (?:is|went|has gone|has been|are|got) (?:missing|lost)",
    # Fire, gas and wires that are happening.
    rf"{_VEHICLE_OR_HOME}(?: is| are)? on fire(?! today)",
    rf"{_VEHICLE_OR_HOME} (?:is|are) burning(?! oil| rubber)",
    r"(?:se est[aá] quemando|est[aá] en llamas|se est[aá] incendiando)",
    r"(?:hit|broke|cut|struck) (?:a |the )?gas (?:line|main|pipe)",
    r"wires? (?:is |are )?(?:sparking|arcing)",
    # A crime in progress.
    r"(?:robbery|break-? ?in|burglary|fight|assault|shooting|carjacking|robo|asalto) (?:is )?in progress",
    r"home invasion",
    rf"(?:steal\w*|robb\w*|break\w* in(?:to)?|attack\w*|beat\w*|hitting){WORDS_GAP}(?:right now|rn|as we speak)",
    r"(?:tiroteo|balacera)",
    r"(?:he|she|they|someone|somebody|he'?s|she'?s|they'?re)(?:'ll| will|'s going to| is going to| going to| gonna) "
    r"(?:kill|shoot|stab) (?:me|us)"
    r"(?! if (?:i |we )?(?:get|forget|miss|lose|don'?t (?:pay|fix|renew)))",
    # Wandering or held.
    r"(?:dementia|alzheimer'?s)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,6}?(?:wandered|walked) (?:off|out|away)",
    r"(?:crash\w*|wreck\w*|accident|collision)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,8}?(?:people|someone|somebody|"
    r"a (?:man|woman|"
    r"kid|child|person)) (?:are |is )?(?:on the ground|lying|down|hurt|injured|trapped|stuck)",
    r"(?:someone|somebody|a (?:man|woman|person|kid|child)|people)(?:'?s| is| are)? lying (?:in|on) the (?:street|road|"
    r"intersection|tracks|highway)",
    r"(?:can'?t|cannot|couldn'?t) (?:lift|carry|get|pull) (?:him|her|them)(?: out| up)?(?=\s*(?:[.,;!?]|$))",
    r"(?:robando|golpeando|asaltando|atacando|apu[nñ]alando)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,4}?"
    r"(?:ahorita|ahora mismo|en "
    r"este momento)",
    # People, not a dog kicked (animal services) or a door banged on.
    r"(?:est[aá]n? )?(?:golpeando|ahorcando|pateando|pegando) a (?:un|una|mi|alguien|su|sus|la|el|los|las)\b"
    r"(?! ?(?:\w{1,12} )?(?:perr|gat|caball|animal|puerta|ventana|pared|carro|coche|m[aá]quina))",
    r"(?:hombre|tipo|se[nñ]or|alguien|man|guy|someone|somebody) (?:est[aá] |is )?(?:armado|armed)",
    r"tied (?:up )?to (?:a |the |his |her )?(?:chair|bed|pole|tree)",
    r"suspicious (?:package|bag|device)",
    # Happening now in a service's setting: a dumpster on fire is not a missed collection, a man slumped over a
    # parked car's wheel is not an abandoned vehicle, someone getting beaten next door is not noise.
    r"(?:is|are|'s|'re|now|just|still) on fire(?! today)",
    r"(?:caught|catching|catches) (?:on )?fire",
    r"(?:smoke|flames) (?:is |are )?(?:pouring|billowing|shooting|coming) (?:out|from)",
    r"(?:i|we) (?:can )?smell gas",
    r"slumped (?:over|in|behind|against)",
    r"passed out (?:in|behind|at) (?:a |the |his |her |their )?(?:car|truck|van|wheel|driver'?s seat|front seat)",
    r"(?:someone|somebody|a (?:woman|man|kid|child|girl|boy|lady|guy)|she|he|they|people) (?:is |are |'s |'re )?"
    r"(?:getting|being) (?:hurt|hit|attacked|killed|beat(?:en)?(?: up)?|stabbed|shot)",
    r"(?:pointing|pointed|aiming|aimed|waving|brandishing) (?:a |an |the |his |her |their )?(?:gun|pistol|rifle|"
    r"knife|weapon|one) at",
    r"(?:hay|se ve) (?:un )?(?:fuego|incendio)",
    r"(?:huele|olor) (?:muy |mucho |fuerte |bien fuerte )?a gas",
    r"(?:estamos|est[aá]n?|estoy|qued[oó]|quedamos|quedaron|qued[eé]) atrapad[oa]s? (?:en|dentro de|por|bajo|entre) "
    r"(?:el |la |un |una |mi |los |las )?(?:agua|fuego|humo|incendio|inundaci[oó]n|escombros|elevador|ascensor|"
    r"s[oó]tano|edificio|casa|techo|azotea|nieve|lodo|r[ií]o|corriente)",
    rf"{_PERSON_ES} (?:\w{{1,15}} )?(?:est[aá]|sigue) (?:convulsionando|inconsciente|sangrando)",
    r"(?:le (?:est[aá] dando|dio)|me est[aá] dando) (?:un )?(?:infarto|ataque al coraz[oó]n|derrame)",
    r"(?:no respira|se est[aá] ahogando|no despierta(?=\s*(?:[.,;!?]|$)))",
    r"(?:se (?:cay[oó]|desmay[oó]|desplom[oó]|golpe[oó])|est[aá] tirad[oa])\W{1,3}(?:[\w']{1,20}\W{1,3}){0,4}?no "
    r"(?:despierta|reacciona|responde|se mueve)",
    # Violence or a threat heard now; people who cannot get out of floodwater, smoke or fire.
    r"(?:yelling|screaming|shouting|saying|gritando|grita) (?:that )?(?:i'?ll|i will|i'?m (?:gonna|going to)|te voy a|"
    r"los voy a) (?:kill|matar)",
    r"(?:someone|somebody|people|they|he|a (?:man|guy)) (?:is |are |'s )?(?:smashing|trashing|wrecking) "
    r"(?:stuff|things|everything)",
    r"strangl(?:ing|ed|es) (?:her|him|them|me|my|his|their|a |the (?:woman|man|kid|girl|boy|lady))",
    r"(?:hiding|locked|locked myself) in (?:the|my|a) (?:bathroom|closet|bedroom|room|basement)\W{1,3}(?:[\w']{1,20}"
    r"\W{1,3}){0,4}?(?:someone|somebody|a man|a stranger|he|they|intruder)",
    r"(?:someone|somebody|a (?:man|stranger|guy)) (?:is )?(?:walking|moving|creeping) around (?:in )?(?:my|our|the) "
    r"(?:house|apartment|home|place)",
    r"(?:grabbed|snatched|took|dragged) (?:my |a |the |our |this )?(?:kid|child|son|daughter|him|her|boy|girl|baby|"
    r"little (?:girl|boy))\W{1,3}(?:[\w']{1,20}\W{1,3}){0,3}?(?:drove|ran|took|sped) (?:off|away)",
    r"(?:stuck|trapped|stranded) with (?:a |the |my |his |her )?(?:family|kids|children|people|someone|driver|"
    r"passengers?) inside",
    r"water (?:is )?(?:up to|over) (?:the |their |his |her |my )?(?:windows|chest|neck|waist|doors|roof)",
    r"(?:humo|fuego|llamas|smoke|fire|flames)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,6}?(?:no (?:podemos|puedo|"
    r"pueden|puede) salir|(?:can'?t|cannot) get out)",
)

EMERGENCY_INDIRECT = any_of(
    r"help(?:\W{1,3}help){2,}",
    rf"(?:please|pls|plz) (?:come|hurry|send (?:help|someone|somebody|the police|an ambulance))(?: (?:quick|fast|"
    rf"now|asap|right now))?{_END}",
    r"auxilio",
    r"(?:co|carbon monoxide|gas) (?:alarm|detector)s? (?:is |are |keeps? |just )?(?:going off|went off|sounding)",
    r"(?:vengan|venga) (?:r[aá]pido|ya|pronto)",
    r"(?:ayuda\W{1,3}){2,}",
    # "¡FUEGO!" alone, or fire in a home or a vehicle; never "hacer fuego en el parque" or "arma de fuego".
    r"^\W*fuego(?=\W*$)",
    r"(?<!hacer )(?<!hacen )(?<!hace )(?<!prender )(?<!prenden )(?<!prendieron )(?<!hicieron )"
    r"fuego en (?:la |el |mi |su |nuestra |nuestro |una |un )?(?:cocina|casa|edificio|"
    r"apartamento|departamento|cuarto|garaje|techo|carro|coche|camion|cami[oó]n|troca|tienda|escuela|(?:\w{1,12} )?"
    r"piso|vecino|vecina|de al lado|calle|esquina|callej[oó]n|bodega|basurero|contenedor)",
)

VETO = any_of(
    # Longest shapes first: the first alternative that matches at a place is the one blanked.
    r"(?:fireworks|cohetes|petardos)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,4}?(?:sound|suenan|parecen)\w* (?:like|como) "
    r"(?:gun ?shots|"
    r"shots|gunfire|balazos|disparos|tiros)",
    r"(?:gun ?shots|shots|disparos|balazos) no,? (?:son|eran|it'?s|they'?re|were|just) (?:cohetes|fireworks|petardos)",
    r"not (?:gun ?shots|shots|gunfire),? (?:it'?s |they'?re |just )*fireworks",
    rf"{_CRIME_DONE}\W{{1,3}}(?:[\w']{{1,20}}\W{{1,3}}){{0,6}}?{_LONG_AGO}",
    r"fire(?:works|crackers?| trucks?| engines?| lanes?| tables?| pits?| hazards?| risks?| alarms? (?:test|goes off)|"
    r" reports?)",
    r"(?:smoke|gun|vape) shops?",
    r"gun violence (?:prevention|awareness|town hall|forum|meeting)",
    r"(?:photo|video|film|movie|music video) ?shoots?",
    r"shoot(?:ing)? (?:a |an |some )?(?:hoops|film|movie|video|music video|short film|photos?|pictures)",
    r"(?:burning|burn|burns|quema|quemar) (?:leaves|hojas|brush|yard waste|trash|basura)"
    r"(?:\W{1,3}(?:[\w']{1,20}\W{1,3})"
    r"{0,8}?(?:smoke|humo))?",
    r"(?:(?:smoke|smoky|haze|humo)\W{1,3}(?:[\w']{1,20}\W{1,3}){0,4}?)?controlled burn",
    r"(?:wild ?fire smoke|(?:smoke|haze|humo) (?:from|de) (?:the |los )?(?:wild ?fires?|incendios forestales|fires? "
    r"(?:up north|down south|out west|in (?:canada|california|the \w{1,15}))))",
    r"(?:how|what) (?:do|should|can|would) (?:i|we|you) (?:[\w']{1,15} ){0,5}?(?:if|when|in case) "
    r"(?:there'?s |there is |"
    r"of )?(?:an? )?(?:earthquake|hurricane|flood|tornado|wildfire|blackout|power outage|storm|heat wave)",
    r"(?:c[oó]mo|qu[eé]) (?:\w{1,15} ){1,6}?(?:si hay|si hubiera|en caso de) (?:un |una )?(?:temblor|terremoto|sismo|"
    r"hurac[aá]n|inundaci[oó]n|tornado|apag[oó]n)",
    r"(?:cigarette|cigar|weed|pot|vape|grill) smoke",
    r"(?:nearly|almost) (?:had|gave me) a heart attack",
    r"life ?savers?",
    r"kill me now",
    r"(?:will|'ll|is going to|gonna) kill me if (?:i |we )?(?:get|forget|miss|lose|don'?t (?:pay|fix|renew))",
    r"(?:drowning|bleeding) (?:money|in (?:paperwork|debt|bills|work|leaves|fees|fines|tickets|paper|e-?mails?|forms))",
    r"on fire today",
    r"highway robbery",
    r"(?:me (?:est[aá]n? )?matando|me mata)(?! (?:a golpes|con (?:un|una|el) (?:arma|cuchillo|pistola)))",
    r"me quiero morir (?:de|con) (?:la pena|verg[uü]enza|risa|coraje)",
    r"me quiero morir\W{1,3}(?:[\w']{1,20}\W{1,3}){0,8}?(?:gr[uú]a|multa|recibo|tr[aá]fico|fila|cuenta)",
    r"nadie (?:sali[oó] |result[oó] )?herido",
    r"(?:cohetes|petardos|fuegos artificiales)",
    r"(?:lockdown|fire|tornado|earthquake|active shooter|evacuation) drills?",
    r"(?:estamos|estoy|todos est[aá]n) (?:bien|a salvo)",
    r"(?:we'?re|we are|everyone'?s|everyone is) (?:fine|ok|okay|safe)",
    r"gas (?:line|main|pipe) (?:work|repairs?|replacement|project|construction)",
    # Property only, no one inside: "my car is trapped in the city garage", never "...with my kids in it".
    r"(?:car|truck|van|vehicle|bike)s? (?:is |are |got |was )?(?:trapped|stuck|blocked|snowed) in(?![^.!?]{0,60}"
    r"(?:inside|in it|people|kids?|child|someone|baby|driver|person|passengers?))",
    r"(?:ay[uú]d(?:e|a|en)me|help me) (?:a )?(?:encontrar|saber|buscar|pagar|sacar|llenar|registrar|find|figure out|"
    r"pay|fill|renew|register)",
    r"se (?:me )?meti[oó] (?:un|una) (?:murci[eé]lago|zarig[uü]eya|rata|rat[oó]n|ardilla|mapache|p[aá]jaro|v[ií]bora|"
    r"culebra)",
    r"(?:enjambre|panal) de (?:abejas|avispas)",
    r"(?:bat|possum|opossum|raccoon|squirrel|bird|snake|mouse|rat) (?:got |is |came )?(?:in|into|inside) (?:my|the|"
    r"our) (?:house|home|kitchen|attic|apartment|bedroom|garage)",
)
