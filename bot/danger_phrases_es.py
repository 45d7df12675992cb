"""Danger and crisis in Spanish, as US Spanish-speaking residents write it, accents or not ("me quiero morir",
"mi esposo me pega", "huele a gas", "no respira"), and the ordinary phrases that only sound like them
("fuegos artificiales" is a noise complaint, "violación del código" a housing complaint, "me lastimé en la
banqueta" a sidewalk repair).

Written from the language, not from any evaluation set; the same linear-time rules as bot/danger_phrases.py.
"""

from __future__ import annotations

from bot.danger_phrases import WORDS_GAP, any_of

# Accented vowels are matched with or without the accent ("[oó]"): residents often type without them.
_RELATIVE_ES = (
    r"(?:mi (?:esposo|esposa|marido|mujer|pareja|novio|novia|ex|husband|boyfriend|papa|papá|padre|padrastro|"
    r"mama|mamá|madre|madrastra|hermano|t[ií]o|primo|hijo|suegro|suegra))"
)
_ABUSER_ES = rf"(?:{_RELATIVE_ES}|el|ella)"
# After the verb "el" is the article ("me pegó el sol", "me golpeó el espejo"): only the accented pronoun counts.
_ABUSER_AFTER_ES = rf"(?:{_RELATIVE_ES}|él|ella)"
# Hurting words a partner or relative does to the resident, now or in the past, for "me pega mi marido" as well as
# "mi marido me pegó".
_HURTS_ES = (
    r"pega|peg[oó]|golpea|golpe[oó]|maltrata|maltrat[oó]|ahorca|ahorc[oó]|lastima|lastim[oó]|encierra|encerr[oó]|"
    r"patea|pate[oó]|empuja|empuj[oó]|quema|quem[oó]"
)

HARMLESS_ES = any_of(
    # Preparing, not happening: "¿qué hago si hay un incendio?", "en caso de que huela a gas".
    r"(?:qu[eé] (?:hago|hacer|debo hacer|se debe hacer)|en caso de(?: que)?) (?:si |cuando )?"
    r"(?:hay|haya|huele|huela|hubiera)[^.!?]{0,40}\w(?= ?\?)",
    r"fuegos? artificiales",
    r"violaci[oó]n(?:es)? (?:del?|al) (?:c[oó]digo|reglamento|contrato|permiso)",
    r"me (?:lastim[eé]|ca[ií]|tropec[eé]|resbal[eé])\w*[^.!?]{0,40}?(?:banqueta|acera|bache|calle|escalera)",
    r"me muero de (?:fr[ií]o|calor|hambre|sue[nñ]o|risa|ganas|aburrimiento)",
    r"me (?:est[aá]n? )?matando con (?:el|la|los|las) (?:ruido|m[uú]sica|fiesta|olor|peste|humo)\w*",
    r"se (?:me )?muri[oó] (?:el|la|mi) (?:carro|coche|tel[eé]fono|celular|bater[ií]a|planta)",
)

CRISIS_ES = any_of(
    r"(?:me )?quiero morir(?:me)?", r"quisiera morir(?:me)?", r"quiero matarme", r"me (?:voy|quiero) (?:a )?matar",
    r"pienso en (?:matarme|suicidarme|morirme|quitarme la vida)", r"suicid\w*",
    r"(?:ya )?no quiero (?:seguir )?vivir", r"no (?:le )?veo sentido a (?:la|mi) vida",
    r"quitarme la vida", r"(?:acabar|terminar) con mi vida", r"(?:mejor|mas|más) vale (?:estar|que me) muer\w*",
    r"estar[ií]an mejor sin m[ií]", r"(?:cortarme|me corto|me estoy cortando) (?:las venas|los brazos|otra vez)",
    r"(?:quiero|voy a) (?:hacerme da[nñ]o|lastimarme)", r"me hago da[nñ]o",
    rf"{_ABUSER_ES} (?:me|nos) (?:{_HURTS_ES}|amenaza|quiere matar|va a matar)",
    rf"(?:me|nos) (?:{_HURTS_ES}|est[aá] golpeando) {_ABUSER_AFTER_ES}\b",
    rf"(?:huyendo|escapando|escap[eé]|hu[ií]) de {_RELATIVE_ES}",
    r"me est[aá] (?:golpeando|ahorcando|asfixiando|pateando)",
    r"se (?:est[aá] )?(?:corta|cortando) (?:los brazos|las venas|las mu[nñ]ecas|las piernas)",
    r"ya no quiero seguir(?=\s*(?:[.,;!?]|$))",
    # Despair without the plain words.
    r"(?:no tengo|sin|perd[ií](?: las)?) ganas de vivir", r"(?:dormir(?:me)?|acostarme) y no despertar",
    r"no (?:volver a )?despertar(?:me)? (?:nunca|jam[aá]s)", r"para qu[eé] seguir (?:viviendo|vivo|en este mundo)",
    r"no vale la pena (?:vivir|seguir viviendo)", r"(?:soy|siento que soy|me siento) una carga",
    r"ojal[aá] (?:estuviera muert[oa]|me muriera|no hubiera nacido)",
    r"(?:me )?(?:tom[eé]|trag[uú][eé]) (?:todas las|muchas|un frasco de|un bote de|una caja de) (?:mis )?pastillas",
    r"(?:sucid|suicd|suisid)\w*", r"no quiero (?:estar|seguir) aqu[ií]",
    r"nadie me (?:extra[nñ]ar[ií]a|va a extra[nñ]ar)", r"(?:tomarme|tragarme) (?:todas )?las pastillas",
    r"(?:ya )?no (?:aguanto|puedo) (?:m[aá]s )?(?:con )?(?:esta|mi) vida", r"quiero desaparecer",
    r"(?:me|nos) (?:tienen|tiene) encerrad[oa]s?",
    # Held at home, not a lease: "no me deja salir de la casa", "no me dejan salir", never "...salir del contrato".
    r"no me dejan? salir (?:de )?(?:la |mi |el )?(?:casa|cuarto|habitaci[oó]n|apartamento|aqu[ií])",
    r"no me dejan? salir(?! del?\b)(?= *(?:[.,;!?]|$|y\b|ni\b))",
    r"me quit(?:aron|[oó]) (?:mis|el|los) (?:papeles|pasaporte|documentos)",
    r"me (?:sigue|persigue|acosa) a todas partes", r"abusaron de m[ií]", r"me (?:drogaron|drog[oó])",
    r"me amenaz\w* con matar\w*",
    r"violencia (?:dom[eé]stica|familiar|intrafamiliar)",
    r"abus\w* sexual\w*", r"me viol[oó]", r"me violaron", r"abus[oó] de (?:m[ií]|mi hij\w*)",
    r"(?:toca|toc[oó]|manosea|manose[oó]) (?:a )?mi (?:hija|hijo|ni[nñ]a|ni[nñ]o)",
    r"tengo miedo de (?:mi (?:esposo|esposa|marido|pareja|novio|novia|ex)|volver a (?:mi )?casa)",
)

EMERGENCY_ES = any_of(
    r"(?:hay|se ve) (?:un )?(?:fuego|incendio)", r"se (?:est[aá] )?incendi\w*", r"se est[aá] quemando", r"en llamas",
    r"(?:huele|olor|peste|fuga|escape) (?:a|de) gas", r"no (?:est[aá] )?respir\w*", r"no puede respirar",
    r"se desmay[oó]", r"inconsciente", r"(?:infarto|ataque al coraz[oó]n|convulsi\w*|sobredosis)",
    r"sangr(?:a|ando) mucho", r"se est[aá] ahogando",
    r"(?:est[aá]n|alguien est[aá]) (?:robando|entrando|meti[eé]ndose) (?:en |a )?(?:mi|la) (?:casa|apartamento|"
    r"apto|carro|tienda)",
    r"(?:est[aá]n )?(?:disparando|bala[sz]os|balacera|disparos)",
    r"(?:perros?|pitbulls?|animal) (?:\w{1,15} )?(?:est[aá]n? )?(?:atacando|mordiendo|atac[oó]|mordi[oó]) a "
    r"(?:mi|un|una|su|alguien|unos|unas)\b", r"tiene (?:un|una) (?:arma|pistola|cuchillo|navaja)",
    r"(?:hay|con) (?:un )?(?:hombre|tipo|señor|alguien) armado",
    rf"(?:chocaron|choque|accidente){WORDS_GAP}(?:herid\w*|sangr\w*|atrapad\w*|inconsciente)",
    r"cables? (?:de luz |el[eé]ctricos? )?(?:ca[ií]dos?|en el suelo|echando chispas)",
    r"(?:ni[nñ]o|ni[nñ]a|beb[eé]|perro) (?:encerrad[oa]|solit[oa]) en (?:un|el) carro",
    r"hay llamas", r"dolor (?:muy )?(?:fuerte )?(?:en el|de|del) pecho", r"reacci[oó]n al[eé]rgica",
    r"se cay[oó] y no (?:se )?puede (?:levantar|mover)", r"no puede (?:mover|sentir) (?:un|el) lado",
    r"(?:con|trae|sac[oó]) (?:una |un )?(?:pistola|arma|cuchillo|navaja|machete)",
    r"(?:est[aá]n? )?(?:forzando|tratando de (?:abrir|forzar)) (?:la|mi) (?:puerta|ventana)",
    r"me (?:est[aá]n? )?siguiendo", r"(?:se perdi[oó]|no encuentro a|no aparece) mi (?:hij[oa]|ni[nñ][oa]|beb[eé])",
    r"atrapad[oa]s? (?:en|dentro de) (?:el|la|un|una|mi) (?:carro|casa|edificio|elevador|ascensor|s[oó]tano|agua)",
)
