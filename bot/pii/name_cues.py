"""The words that put a name after them: weak cues (a greeting, a sign-off, a relative, a role) after which a
listed or unusual capitalised word is a name, and titles (a courtesy, an office, a military rank) after which
any capitalised word is.

Cues are matched on the lower-cased text; titles on the text as written, since a title is capitalised and
what follows it must be too.
"""

from __future__ import annotations

import re

WEAK_CUE = re.compile(
    r"(?:\b(?:thanks|thank you|thx|ty|tks|regards|best|cheers|sincerely|respectfully|love|hi|hello|hey|hiya"
    r"|dear|gracias|it's|its|it is|per|ask for|ask|tell|reply to|talk to|speak to|speak with|call|contact|me"
    r"|spouse|owner|tenant|landlord|neighbor|neighbour|ex|boyfriend|girlfriend|partner|roommate|coworker|boss"
    r"|caseworker|caller|complainant|applicant|reported by|submitted by|attention|attn|on behalf of|helping"
    r"|guardian of|family of|newborn|baby|boys|girls|sons|daughters|twins|grandkids|llamen a|llama a|hablar con"
    r"|pregunten por|de parte de|mam[aá]|pap[aá]|madre|padre|herman[oa]|herman[oa]s|novi[oa]|nombre|ni[ñn][oa]"
    r"|named|son|daughter|kid|kids|child|grandson|granddaughter|grandma|grandpa|wife|husband|mom|dad|mother"
    r"|auntie|aunty|t[ií]a|t[ií]o|abuela|abuelo|saludos|atentamente|atte|vecin[oa]|cuñad[oa]|suegr[oa]|prim[oa]"
    r"|sobrin[oa]|niet[oa]|twins|nephew|niece|grandfather|grandmother|stepson|stepdaughter|fianc[eé]e?|lola|lolo"
    r"|father|brother|sister|friend|aunt|uncle|cousin|hija|hijo|esposa|esposo"
    # Roles of the people a resident deals with ("my landlord Rudy", "the property manager Dawn"), and praise
    # that names someone ("especially Dominic", "shout out to Lorena").
    r"|manager|super|superintendent|supervisor|caretaker|handyman|janitor|contractor|plumber|electrician"
    r"|teacher|coach|nurse|driver|mechanic|realtor|foreman|technician|especially|shout ?out to|kudos to"
    r"|thanks to|props to)(?: (?:are|is|was|named))?\b"
    r"|(?:^|\s)[-–—~])"
    r"[,:!.]{0,3}[ \t]{0,3}(?:[-–—~][ \t]{0,2})?\(?"
)
TITLE = re.compile(
    r"\b(?:[Mm](?:r|rs|s|iss|x)|[Dd]r|[Oo]fficer|[Oo]fc|[Dd]et(?:ective)?|[Ss]gt|[Ss]ergeant|[Dd]eputy|[Ii]nspector"
    r"|[Jj]udge|[Pp]astor|[Rr]ev|[Cc]ouncil(?:wo)?man|[Cc]ouncilmember|[Aa]lder(?:wo)?man|[Ss]r|[Ss]ra|[Ss]rta"
    r"|[Dd]o[nñ]a|[Ll]t|[Cc]apt|[Cc]ol|[Mm]aj|[Cc]pl|[Pp]vt|[Gg]en|[Cc]mdr|[Aa]dm|[Pp]rof)\.?\s{1,3}"
    r"(?:\([Rr]et(?:ired|\.)?\)\s{1,3})?"  # "Lt. (ret.) Don Abernathy"
    r"(?=[A-Z]|(?:de|del|de la|van|von|da|di|du|le|la) [A-Z][a-z]{2})"
)
