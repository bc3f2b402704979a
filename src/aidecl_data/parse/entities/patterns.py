"""General patterns for named initiatives nobody put in the gazetteer yet.

What counts as a name (the rule, applied in this order):

1. A *head noun* that names a kind of initiative (French "Sommet", "Pacte", "Processus",
   "Feuille de route"...; English "Summit", "Forum", "Convention"...), see ``HEADS``.
2. French: the head is followed by a *complement*, read up to a stopping point
   (punctuation, a relative pronoun, a participle or verb such as "organisé", "qui", "a",
   a date such as "du 7 avril" / "en 2025", a place "à Paris", or a conjunction "et" that
   does not introduce a parallel complement "et de ..."). A trailing "(ACRONYM)" or
   "(2023-2027)" belongs to the name.
3. It is a name only if it is *distinctive*:
   - the head is capitalized ("Sommet pour un nouveau pacte") and the complement holds a
     preposition phrase or a capitalized word or a number, or
   - the head is lower case and the complement holds a capitalized word ("sommet de
     Kigali"), a number ("mémorandum d'entente de 2023"), or a demonym compound
     ("déclaration conjointe franco-chinoise");
   - and the head is not introduced by an indefinite or demonstrative determiner
     ("un programme de recherche", "ce sommet"), is not a lower-case plural ("les
     résolutions de l'Assemblée générale" names a class), and some heads
     (``CAPITAL_ONLY``, e.g. "Année", "Plan", "Conseil") count only when capitalized.
   Capitalized abbreviations of common nouns ("IA", "TIC") are not distinctive.
   A bare head ("le Sommet", "ce sommet"), or a head with adjectives only ("un sommet
   mondial"), is never a name.
4. English names are read by ``english.py`` (title-case words around the head).
5. Resolution codes: "UNEP/EA.7/Res.9", "A/RES/78/265".

Legal French capitalizes defined terms ("l'Union", "la Commission", "le Traité"), so a
capitalized head is read with care: the word after it must read as an adjective (not
"l'Union respecte"), an institution takes its domain with "de"/"pour" (not "l'Union
dans la poursuite"), and a verb form, an infinitive after "de", an article that follows
no preposition, a participle, a quantifier ("de tout État membre") or a pronoun ends the
name. A capitalized institution head may take adjectives alone ("Union européenne",
"Pacte numérique mondial"), unless they only say which one of a kind ("la Commission
mixte", "l'Institut national ...": one state's). Groups of states and conferences by
their number ("G20", "COP28") and numbered resolutions ("UNSCR 1701", "A/RES/78/265")
are names too.

Patterns never run on section headings (they name topics, not initiatives); the
gazetteer does. How pattern names and gazetteer names combine is in ``initiatives.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from aidecl_data.parse.entities.countries import demonym_index, lookup
from aidecl_data.parse.entities.folding import fold_same_length
from aidecl_data.parse.text import fold_for_match, trie_pattern

# head (folded, singular) -> kind
HEADS: dict[str, str] = {
    "sommet": "summit",
    "conference": "summit",
    "forum": "forum",
    "pacte": "agreement",
    "accord": "agreement",
    "traite": "agreement",
    "convention": "agreement",
    "charte": "agreement",
    "arrangement": "agreement",
    "memorandum d'entente": "agreement",
    "processus": "process",
    "dialogue": "process",
    "recommandation": "resolution",
    "resolution": "resolution",
    "groupe": "body",
    "comite": "body",
    "conseil": "body",
    "organe": "body",
    "observatoire": "body",
    "agence": "organisation",
    "fonds": "organisation",
    "partenariat": "partnership",
    "alliance": "partnership",
    "reseau": "partnership",
    "strategie": "strategy",
    "mission": "programme",
    "programme": "programme",
    "plan": "programme",
    "agenda": "programme",
    "feuille de route": "programme",
    "annee": "programme",
    "declaration": "declaration",
    "appel": "declaration",
    "initiative": "initiative",
    "organisation": "organisation",
    "union": "organisation",
    "communaute": "organisation",
    "association": "organisation",
    "banque": "organisation",
    "institut": "organisation",
    "centre": "organisation",
    "assemblee": "body",
    "commission": "body",
    "coalition": "partnership",
    "cadre": "programme",
    "protocole": "agreement",
    "reglement": "law",
    "nations": "organisation",  # "Nations Unies"
    "cour": "body",
    "secretariat": "body",
    "parlement": "body",
    "acte": "agreement",  # "Acte final d'Helsinki"
    "unite": "body",
    "statut": "agreement",
    "academie": "organisation",
    "directive": "law",
}
CAPITAL_ONLY = {
    "conseil", "agence", "fonds", "reseau", "plan", "annee", "mission", "dialogue",
    "organisation", "union", "communaute", "association", "banque", "institut", "centre",
    "assemblee", "commission", "cadre", "nations", "cour", "secretariat", "acte", "unite",
    "statut", "academie", "parlement",
}  # fmt: skip
# Heads of instruments and joint bodies that name their parties: "Commission mixte entre
# la France et la Malaisie", "convention culturelle entre le Maroc et la France" (the
# "et" between the parties does not end the name).
BETWEEN_HEADS = {
    "accord", "traite", "convention", "charte", "arrangement", "memorandum d'entente",
    "protocole", "pacte", "commission", "comite", "dialogue", "partenariat", "conseil",
    "groupe",
}  # fmt: skip
# Capitalized common nouns of legal French ("le Gouvernement", "l'autre Partie", "les
# États membres") and bare institution heads used as back-references ("l'Organisation",
# "l'Alliance"): a capital that names no one in particular, so not distinctive.
LEGAL_CAPS = {
    "gouvernement", "gouvernements", "partie", "parties", "etat", "etats", "membre",
    "membres", "haute", "hautes", "contractante", "contractantes", "ministre", "ministres",
}  # fmt: skip
# Capitalized heads that make a name with adjectives alone ("Pacte numérique mondial",
# "Union européenne", "Banque mondiale"): French capitalizes the first word of a name
# only, so a capital head followed by adjectives is a name...
ADJECTIVE_NAME_HEADS = {
    "pacte", "union", "banque", "charte", "alliance", "partenariat", "agenda", "programme",
    "fonds", "forum", "organisation", "communaute", "commission", "strategie", "initiative",
    "agence", "coalition", "reseau", "observatoire", "institut", "centre", "nations",
    "comite", "academie", "secretariat", "parlement", "conseil",
}  # fmt: skip
# Adjectives that make an institution one state's ("Conseil fédéral", "Conseil
# constitutionnel"), beside the states' demonyms ("Parlement néerlandais").
NATIONAL_ADJECTIVES = {
    "national", "nationale", "federal", "federale", "constitutionnel", "municipal",
    "municipale", "regional", "regionale", "departemental", "departementale", "royal",
    "royale", "superieur", "superieure", "executif", "d'etat", "d'administration",
}  # fmt: skip
# ... unless the adjectives say which one of a kind the text means, not which initiative
# ("la Commission mixte", "le présent Pacte", "la Stratégie nationale").
GENERIC_ADJECTIVES = {
    "present", "presente", "meme", "dernier", "derniere", "prochain", "prochaine", "conjoint",
    "conjointe", "mixte", "bilateral", "bilaterale", "commun", "commune", "national",
    "nationale", "nouveau", "nouvelle", "premier", "premiere", "second", "seconde",
    "precedent", "precedente", "actuel", "actuelle", "general", "generale", "special",
    "speciale", "annuel", "annuelle", "intitule", "intitulee", "susmentionne",
    "susmentionnee", "vise", "visee", "ci-dessus", "ci-apres", "suivant", "suivante",
}  # fmt: skip
# Titles of office: "l'Organe consultatif ... *du Secrétaire général* des Nations unies"
# names the office holder, not the initiative.
_OFFICE_TITLES = {
    "secretaire", "president", "presidente", "ministre", "premier", "directeur",
    "directrice", "commissaire", "haut-commissaire", "representant", "representante",
    "ambassadeur", "ambassadrice", "gouverneur", "chef",
}  # fmt: skip

# A head at the start of a word, searched in the folded text (``fold_same_length``: lower
# case, no accents, same offsets) behind a space: the match starts with the character
# before the head, a class the regex engine skips to in C (``\b`` first had it try every
# position), and the heads are a trie, not 35 alternatives tried in turn (measured 0.27
# -> 0.12 ms per document). ``_heads_fr`` drops a match whose first character is a word
# character (no word boundary there).
_HEAD_FR = re.compile(
    r"[^a-z](?P<head>"
    + trie_pattern(HEADS).replace(r"\ ", r"\s+")
    + r")(?P<plural>s?)(?:-[a-z]+)?\b"  # "Convention-cadre"
)
_WORD_CHAR = re.compile(r"\w")


def _heads_fr(folded: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, head, plural)`` of every head in ``folded``, as ``finditer`` of
    ``\b(?P<head>...)...`` gives them: leftmost first, never overlapping."""
    padded = " " + folded
    pos = 0
    while m := _HEAD_FR.search(padded, pos):
        if _WORD_CHAR.match(padded, m.start()):
            pos = m.start() + 1  # inside a word: a head may still start further on
            continue
        yield m.start("head") - 1, m.end() - 1, m.group("head"), m.group("plural")
        pos = m.end()


# Tokens of a complement: a word (with inner hyphens/apostrophes), a number, a sign.
_TOKEN = re.compile(
    r"(?-i:(?:[A-Z]\.)+[A-Z]\.?)|\d+(?:er|e|ème|eme|th|st|nd|rd)?\b|(?:jusqu|lorsqu|puisqu|qu|[dlsnmjtc])['’]"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*|[^\s\w]",
    re.IGNORECASE,
)
_PREPS = {
    "de", "d'", "du", "des", "pour", "sur", "contre", "en", "dans", "au", "aux", "à",
    "relatif", "relative", "concernant", "vers", "instituant", "portant", "etablissant",
    "creant",
}  # fmt: skip
_ARTS = {"le", "la", "les", "l'", "un", "une"}
_STOP_WORDS = {
    "qui", "que", "qu'", "dont", "où", "lequel", "laquelle", "a", "ont", "est", "sont",
    "sera", "seront", "était", "fut", "avait", "ainsi", "afin", "notamment", "y", "ne",
    "se", "s'", "il", "elle", "ils", "elles", "nous", "vous", "par", "avec", "lors",
    "ou", "mais", "car", "donc", "comme", "auquel", "auxquels", "leur", "leurs", "entre",
    "selon", "conformement", "present", "presente", "presents", "presentes", "ledit",
    "ladite", "lesdits", "lesdites", "aura", "auront", "aurait", "auraient", "serait",
    "seraient", "peut", "peuvent", "doit", "doivent", "fait", "font", "prend", "prennent",
    "invite", "decide", "demande", "reconnait", "constate", "note", "affirme", "souligne",
    "rappelle", "estime", "considere", "entend", "assure", "arrete", "exprime", "salue",
    "encourage", "appelle", "reaffirme", "contribue", "comprend", "comporte", "designe",
    "prevoit", "devient", "reste", "informe", "notifie", "avise", "applique", "s'applique",
    "ses", "son", "sa", "notre", "nos", "votre", "vos", "ce", "cet", "cette", "ces",
    "pendant", "depuis", "durant", "avant", "apres", "jusqu'", "parmi", "sauf", "malgre",
    "via", "egalement", "aussi", "toutefois", "cependant", "neanmoins", "desormais", "deja",
    "encore", "ensuite", "enfin", "soit", "soient", "tel", "tels", "telle", "telles",
    "desquels", "desquelles", "auxquelles", "lesquels", "lesquelles", "duquel", "tout",
    "toute", "tous", "toutes", "chaque", "lui", "eux", "moi", "soi", "aucun", "aucune",
    "plusieurs", "certains", "certaines", "n'",
}  # fmt: skip
# Endings of French verb forms (future, conditional, imperfect) that end a name: "la
# Convention entrera en vigueur", "le Conseil fédéral suisse avisera".
_VERB_ENDINGS = (
    "era", "eront", "erait", "eraient", "ront", "rait", "raient", "aient", "vra", "rra", "ient",
    "ira", "ura", "dra", "ssent", "nnent", "erent", "rtent", "iait", "issait", "egent",
)  # fmt: skip
# A word right after a head that does not end like an adjective is no part of a name: in
# legal French, "l'Union", "la Commission", "le Traité" are followed by their verb.
_ADJECTIVE_ENDINGS = (
    "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ien", "ienne", "iens",
    "iennes", "en", "enne", "ens", "ennes", "ais", "aise", "aises", "ois", "oise", "oises",
    "ique", "iques", "aire", "aires", "if", "ive", "ifs", "ives", "eux", "euse", "euses",
    "ain", "aine", "ains", "aines", "ier", "iere", "iers", "ieres", "in", "ine", "ins",
    "ines", "ant", "ante", "ants", "antes", "ent", "ente", "ents", "entes", "int", "inte",
    "ints", "intes", "xte", "xtes", "uni", "unie", "unis", "unies", "il", "ile", "ils",
    "iles", "ible", "ibles", "able", "ables", "ieur", "ieure", "ieurs", "ieures", "ee",
    "ees", "ere", "eres", "ste", "stes", "ond", "onde", "tre", "tres",
)  # fmt: skip
# ... unless it ends like a verb in the plural ("l'Union reconnaissent", "conviennent").
_VERB_PLURALS = ("ssent", "nnent", "ment", "erent", "iment", "uent", "egent")
# Complements that say what a body does, not which one it is: "Conseil d'administration",
# "Comité de suivi", "Plan d'action", "Règlement des différends".
_GENERIC_COMPLEMENTS = {
    "administration", "direction", "gestion", "suivi", "surveillance", "pilotage",
    "coordination", "action", "differends", "travail", "experts", "redaction", "conciliation",
    "arbitrage", "securite",
}  # fmt: skip
# Participles (and a few verbs) that end a name: "Sommet ... organisé par la France".
_PARTICIPLE_BASES = [
    "organise",
    "adopte",
    "signe",
    "lance",
    "preside",
    "copreside",
    "co-preside",
    "cree",
    "approuve",
    "annonce",
    "mene",
    "conclu",
    "institue",
    "etabli",
    "developpe",
    "porte",
    "tenu",
    "prevu",
    "issu",
    "accueilli",
    "consacre",
    "dedie",
    "lie",
    "visant",
    "vise",
    "organised",
    "organized",
    "adopted",
    "signed",
    "launched",
    "held",
    "hosted",
    "established",
    "led",
    "endorsed",
]
_PARTICIPLES = {b + end for b in _PARTICIPLE_BASES for end in ("", "e", "s", "es")}
_MONTHS = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
}  # fmt: skip
_DETERMINERS_BEFORE = re.compile(
    r"(?:\b(?:un|une|des|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos|votre|vos|"
    r"chaque|tout|toute|tel|telle|autre|nouveau|nouvelle|aucun|aucune|quelque)|\bd['’]une?)"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# Capitalized abbreviations of common nouns: not what makes a name distinctive.
_GENERIC_CAPS = {"ia", "ai", "tic", "ict", "ong", "ngo", "pme", "sme", "r&d"}
_TRAILING_PAREN = re.compile(r"\s*\((?=[^()]*[A-Za-z])(?:[A-Z0-9][A-Za-z0-9&.\-]{0,11})\)")
# The name in another language, with or without its acronym, in parenthesis: "Réseau
# européen des administrations publiques (European Public Administration Network – EUPAN)".
_TRANSLATION_PAREN = re.compile(
    r"[ \t]*\((?:[A-Z][\w’'-]*)(?:[ \t]+(?:[A-Z][\w’'-]*|of|for|on|and|the|de|du|des|la))*"
    r"(?:[ \t]*[–—,-][ \t]*[A-Z][A-Za-z0-9&.\-]{1,11})?\)"
)
_MAX_TOKENS = 16

_RESOLUTION = re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Za-z0-9.]+)*?/(?:RES|Res)[./]\d+(?:[./]\d+)*")


@dataclass(frozen=True)
class PatternHit:
    start: int
    end: int
    kind: str
    capital: bool  # the head is capitalized (tried before lower-case heads)
    head: int = -1  # where the head noun starts, when words come before it (English)


@lru_cache(maxsize=4096)
def _fold_token(token: str) -> str:
    """``fold_same_length`` of one token, in a cache of its own: tokens would evict the
    region texts the gazetteer, the patterns and the country finder share."""
    return fold_same_length.__wrapped__(token)


@lru_cache(maxsize=4096)
def _is_demonym_compound(word: str) -> bool:
    parts = fold_for_match(word).split("-")
    if len(parts) < 2:
        return False
    combining, adjective = demonym_index()
    return all(p in combining for p in parts[:-1]) and parts[-1] in adjective


def _plain_word(tokens: list[re.Match[str]], folded: list[str], k: int) -> bool:
    """Token ``k`` is a lower-case word that may sit in a name (not a verb-like stop word,
    a participle, a head that starts another name, an infinitive)."""
    if k >= len(tokens):
        return False
    tok, low = tokens[k].group(), folded[k]
    return (
        tok[:1].isalpha()
        and tok[:1].islower()
        and low not in _STOP_WORDS
        and low not in _PARTICIPLES
        and low not in _PREPS
        and low not in _ARTS
        and low.rstrip("s") not in HEADS
        and not low.endswith(("er", "ir"))
    )


def _ends_phrase(tokens: list[re.Match[str]], text: str, k: int) -> bool:
    """Nothing of the phrase follows token ``k - 1``: the text ends, or a mark does."""
    if k >= len(tokens):
        return True
    gap = text[tokens[k - 1].end() : tokens[k].start()]
    return bool(gap.strip()) or "\n\n" in gap or not tokens[k].group()[:1].isalnum()


def _coordinated_word(tokens: list[re.Match[str]], folded: list[str], k: int) -> int:
    """After "et" at ``k - 1``: an adjective that goes on with the name ("durable et
    inclusive pour ...") or an article and a noun that close it ("pour les peuples et la
    planète."; in title case, "pour les Peuples et la Planète", not a country): 1 when
    the name goes on, 2 when it ends on that noun, 0 when "et" ends it."""
    if k >= len(tokens):
        return 0
    text = tokens[k].string
    if _plain_word(tokens, folded, k):
        goes_on = _ends_phrase(tokens, text, k + 1) or (
            k + 1 < len(folded) and folded[k + 1] in _PREPS
        )
        return int(goes_on)
    if k + 1 < len(folded) and folded[k] in {"le", "la", "les", "l'"}:
        noun = tokens[k + 1].group()
        title = noun[:1].isupper() and k >= 2 and tokens[k - 2].group()[:1].isupper()
        noun_ok = _plain_word(tokens, folded, k + 1) or (title and lookup(noun) is None)
        closes = _ends_phrase(tokens, text, k + 2) or (
            k + 2 < len(folded) and folded[k + 2] in {"et", "ou"}
        )
        if noun_ok and closes:
            return 2  # the name ends on that noun
    return 0


_NOT_INFINITIVES = {"avenir", "plaisir", "loisir", "mer", "hiver", "fer", "cuir", "desir"}


def _infinitive(word: str) -> bool:
    return len(word) > 3 and word.endswith(("er", "ir")) and word not in _NOT_INFINITIVES


_MONTHS_RX = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre"
    r"|d[ée]cembre)"
)
# A date inside a name, followed by more of the name: "convention de Vienne du 18 avril 1961
# sur les Relations diplomatiques", "directive du Conseil du 24 novembre 1988 relative à".
_INNER_DATE = re.compile(
    rf"(?:du|des|le)\s+\d{{1,2}}(?:er)?(?:\s+et\s+\d{{1,2}})?\s+{_MONTHS_RX}\s+\d{{4}}\s+"
    r"(?=(?:sur|relati(?:f|ve)|concernant|portant|pour|instituant|établissant)\s)",
    re.IGNORECASE,
)


def _complement_end(
    text: str, pos: int, between: bool = False, capital_head: bool = False
) -> tuple[int, bool, bool, bool]:
    """Read a complement from ``pos``: (end, has_prep_phrase, has_capital, has_special).

    ``between``: the head may name its parties ("entre la France et la Malaisie")."""
    end = last = pos
    n = 0
    has_prep = has_cap = special = False
    after_prep = False
    parties_open = party_next = False
    cap_tail = capital_head  # the last word read is a proper noun (or its adjective)
    # The loop reads at most _MAX_TOKENS tokens and looks 4 ahead: fold no more than that.
    limit = _MAX_TOKENS + (20 if between else 0)  # parties' names are long
    tokens = list(
        itertools.islice(_TOKEN.finditer(text, pos, min(len(text), pos + 600)), limit + 5)
    )
    folded = [_fold_token(t.group()) for t in tokens]
    k = 0
    while k < len(tokens) and n < limit:
        m = tokens[k]
        gap = text[last : m.start()]
        if "\n\n" in gap or gap.strip():
            break
        last = m.end()
        tok = m.group()
        low = folded[k] if tok not in {"à", "À"} else "à"  # the preposition, not "a" (has)
        nxt = folded[k + 1] if k + 1 < len(tokens) else ""
        if not (tok[0].isalnum()):
            break
        nxt_cap = k + 1 < len(tokens) and tokens[k + 1].group()[:1].isupper()
        after_party, party_next = party_next, False
        if low == "entre" and between and not parties_open and (nxt in _ARTS or nxt_cap):
            parties_open = after_prep = party_next = True  # "entre la France et ...": parties
            k += 1
            n += 1
            continue
        if parties_open and low == "et" and (nxt in _ARTS or nxt_cap):
            parties_open = False  # "... et la Malaisie": the second party
            party_next = True
            k += 1
            n += 1
            continue
        if low in {"du", "des", "le"} and nxt[:1].isdigit():
            d = _INNER_DATE.match(text, m.start())
            if d:  # "du 18 avril 1961 sur ...": a date inside the name
                special = True
                while k < len(tokens) and tokens[k].start() < d.end():
                    k += 1
                    n += 1
                last = d.end()
                continue
            break
        if (
            low in {"ses", "sa", "son", "leurs", "cette", "cet"}
            and n
            and (folded[k - 1] in _PREPS or tokens[k - 1].group() in {"à", "À"})
            and k + 1 < len(tokens)
            and tokens[k + 1].group()[:1].isalpha()
        ):
            k += 1  # "... et à ses privilèges", "de cette Organisation": within the name
            n += 1
            continue
        if low in _STOP_WORDS or low in _PARTICIPLES or low.endswith(_VERB_ENDINGS):
            break
        if (
            n
            and tok[:1].islower()
            and tok[:1].isalpha()
            and tokens[k - 1].group()[:1].isupper()
            and low not in _PREPS
            and low not in _ARTS
            and low.endswith(("ssent", "nnent", "erent", "uent", "egent"))
        ):
            break  # "l'Assemblée ... de l'U.E.O. siègent": a verb after the name
        if n == 0 and low in _ARTS | {"et", "ou"}:
            break  # "l'Accord Les Membres ...": a complement never starts with an article
        if (
            n == 0
            and tok[:1].isalpha()
            and tok[:1].islower()
            and low not in _PREPS
            and (not low.endswith(_ADJECTIVE_ENDINGS) or low.endswith(_VERB_PLURALS))
            and not _is_demonym_compound(tok)
        ):
            break  # "l'Union respecte ...", "la Commission déclare": a verb, not a name
        nxt_low = k + 1 < len(tokens) and tokens[k + 1].group()[:1].islower()
        if cap_tail and (
            (low == "de" and nxt_low and nxt.endswith("s") and nxt not in _ARTS)
            or (low == "et" and nxt in {"de", "du", "des", "d'"})
            or (low == "en" and nxt_cap)
        ):
            # "le traité instituant la Communauté européenne de titres relatifs ...", "... et
            # du droit dérivé", "l'Institut de l'U.E.O. en Académie ...": the name ended
            break
        if low in {"et", "and"}:
            rest = folded[k + 2 : k + 5]
            rest = [w for w in rest if w not in _ARTS] or [""]
            after = rest[0]
            if (
                nxt in {"de", "d'", "du", "des", "pour", "sur", "a", "à", "au", "aux"}
                and not after.endswith(("er", "ir", "re"))
                and after.rstrip("s") not in HEADS
            ):
                after_prep = False  # "et de ...": the name goes on (``end`` moves on words)
                k += 1
                n += 1
                continue
            how = _coordinated_word(tokens, folded, k + 1)
            if how == 2:  # "pour les peuples et la planète": the name ends there
                end = tokens[k + 2].end()
                break
            if how:  # "durable et inclusive pour ...": the name goes on
                k += 1
                n += 1
                continue
            break
        if low in {"en", "le", "du", "au", "des"} and (nxt[:1].isdigit() or nxt in _MONTHS):
            break
        if low == "de" and nxt in _MONTHS:
            break
        if low in {"de", "d'"} and nxt in {"un", "une"}:
            break  # "l'Union d'un système ...": a description follows
        nxt_tok = tokens[k + 1].group() if k + 1 < len(tokens) else ""
        if low in {"a", "à", "in", "at"} and nxt_tok[:1].isupper():  # a place: "à Paris"
            break
        if (
            low in {"au", "aux"}
            and nxt_tok[:1].isupper()
            and (n == 0 or folded[k - 1] not in _PREPS)
        ):
            break  # "la Convention aux Antilles néerlandaises": a place
        if low in _PREPS and (
            nxt in _OFFICE_TITLES
            or (nxt in _ARTS and k + 2 < len(folded) and folded[k + 2] in _OFFICE_TITLES)
        ):
            break  # "... du Secrétaire général": an office holder follows
        if low in {"de", "d'", "pour", "a", "à"} and _infinitive(nxt):
            break  # "le Conseil exécutif d'étudier ...": a verb follows
        if low in _ARTS and n and folded[k - 1] not in _PREPS and not after_party:
            break  # "... Suisse l'accomplissement": an article follows a preposition
        if n and low.endswith("ant") and low not in _PREPS:
            break  # "... traitant des questions": a participle ends the name
        if low in _PREPS or low in _ARTS:
            after_prep = after_prep or low in _PREPS
            # A preposition or an article never ends a name: ``end`` moves on words only.
            k += 1
            n += 1
            continue
        cap_tail = tok[0].isupper() or (
            cap_tail and tok[0].islower() and (not k or folded[k - 1] not in _PREPS | _ARTS)
        )
        if tok[0].isdigit():
            special = True
        elif (
            tok[0].isupper()
            and low not in _GENERIC_CAPS
            and low not in GENERIC_ADJECTIVES
            and low not in LEGAL_CAPS
            and not (  # "l'Organisation de ...", "l'Alliance": a bare head, a back-reference
                low in HEADS
                and k
                and folded[k - 1] in _ARTS
                and (nxt in _PREPS or nxt in _ARTS or not nxt[:1].isalpha())
            )
        ):
            has_cap = True
        elif _is_demonym_compound(tok):
            special = True
        if after_prep:
            has_prep = True
        end = m.end()
        k += 1
        n += 1
    return end, has_prep, has_cap, special


@dataclass(frozen=True)
class Rejected:
    """A candidate name a pattern saw and turned down (published as an
    ``initiative_rejected`` warning): its span in the region's text and why."""

    start: int
    end: int
    reason: str


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+(?:-[^\W\d_]+)+)")


def _demonym_next(text: str, pos: int) -> bool:
    """A demonym compound follows ("commission maroco-française"): a lower-case
    institution head is then one joint body, not a class."""
    m = _NEXT_WORD.match(text, pos)
    return bool(m) and _is_demonym_compound(m.group(1))


def find_french(text: str, rejected: list[Rejected] | None = None) -> list[PatternHit]:
    """French names in ``text``; the candidates turned down go to ``rejected``."""
    hits = []
    refuse = rejected.append if rejected is not None else (lambda r: None)
    for start, head_end, head_folded, plural in _heads_fr(fold_same_length(text)):
        head_text = text[start:head_end]
        head = " ".join(head_folded.split())
        kind = HEADS.get(head)
        if kind is None:
            continue
        capital = head_text[0].isupper()
        if not capital and (plural or (head in CAPITAL_ONLY and not _demonym_next(text, head_end))):
            continue  # "les résolutions de l'AGNU" names a class, not one initiative
        determiner = _DETERMINERS_BEFORE.search(text, max(0, start - 40), start)
        if determiner and not (capital and determiner.group().split()[0].lower() in {"un", "une"}):
            continue
        end, has_prep, has_cap, special = _complement_end(
            text, head_end, head in BETWEEN_HEADS, capital
        )
        if end == head_end:
            continue
        if determiner and not has_cap:
            continue  # "un Programme de recherche"; but "Une Commission mixte entre la
            # France et la Malaisie (ci-après ...) est créée": a capitalized name, created
        # A capitalized head may take a plain preposition phrase, or adjectives alone for
        # heads that name institutions ("Union européenne"); a lower-case one needs
        # something distinctive (a proper noun, a number, a demonym compound).
        words = [_fold_token(w) for w in _TOKEN.findall(text, head_end, end)]
        content = [w for w in words if w not in _PREPS and w not in _ARTS]
        if words and words[0] == "entre" and "et" in words:
            after = words[words.index("et") + 1 :]
            if not any(w in _PREPS - {"de", "d'", "du", "des", "au", "aux"} for w in after):
                # "l'accord entre la France et le Mali": the parties alone describe; a
                # qualifier ("convention culturelle entre ...") or an object ("... pour le
                # développement de ...") names one instrument
                refuse(Rejected(start, end, "generic phrase"))
                continue
        if len(content) == 1 and content[0] in _GENERIC_COMPLEMENTS:
            refuse(Rejected(start, end, "generic phrase"))
            continue  # "Conseil d'administration", "Plan d'action"
        if (
            head in CAPITAL_ONLY
            and words
            and words[0] in _PREPS - {"de", "d'", "du", "des", "pour"}
        ):
            continue  # "l'Union dans la poursuite ...": an institution's domain takes "de"
        if (
            kind in {"organisation", "body"}
            and words
            and (words[0] in NATIONAL_ADJECTIVES or words[0] in demonym_index()[1])
        ):
            refuse(Rejected(start, end, "national office"))
            continue  # "Institut national du service public": one state's institution
        if kind == "declaration" and words and words[0] in {"de", "d'", "du", "des"}:
            party = lookup(text[head_end:end].strip().removeprefix("de ").removeprefix("d'"))
            if party is not None and party.entity_type == "state":
                refuse(Rejected(start, end, "a state's statement, not an initiative"))
                continue  # "Déclaration de la Belgique": one state's statement
        # An institution's head with a plain complement is a description ("l'Union pour les
        # matières ...", "l'Organisation de la compétence ..."): it needs a proper noun.
        plain = (
            head in CAPITAL_ONLY
            and kind in {"organisation", "body"}
            and not (has_cap or special)
            and len(words) > 1
            and (words[0] in {"pour", "sur"} or (words[0] in {"de", "d'"} and words[1] in _ARTS))
            # "Conseil de la banque centrale européenne": an institution's own body
            and not any(w in HEADS for w in words[1:])
        )
        if not (has_cap or special or (capital and has_prep and not plain)) and not (
            capital
            and head in ADJECTIVE_NAME_HEADS
            and words
            and words[0] not in GENERIC_ADJECTIVES
            and words[0] not in _PREPS
            and not words[0].endswith("ant")  # a participle: "l'Union appartenant à"
        ):
            if capital or has_prep:
                refuse(Rejected(start, end, "generic phrase"))
            continue
        p = _TRAILING_PAREN.match(text, end) or _TRANSLATION_PAREN.match(text, end)
        if p:
            end = p.end()
        if not capital:
            # "l'initiative French Tech Tickets": a name in apposition to a lower-case
            # head is the name, without the head
            first = _TOKEN.search(text, head_end, end)
            gap = text[head_end : first.start()] if first else "x"
            if first and first.group()[:1].isupper() and not gap.strip():
                start = first.start()
        hits.append(PatternHit(start, end, kind, capital))
    return hits


# Groups of states named by their number: "G7", "G20", "G77" (not "5G", not "G7-led"),
# and "COP28". The pattern ``(?:G|COP ?)\d{1,2}(?![\w-])`` as its two branches, each led
# by its literal, which the engine skips to in C (the alternation stopped at every "C");
# their matches never overlap one another. The character before is checked in Python,
# for the few matches there are.
_GROUPING_G = re.compile(r"G\d{1,2}(?![\w-])")
_GROUPING_COP = re.compile(r"COP ?\d{1,2}(?![\w-])")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def find_groupings(text: str) -> list[PatternHit]:
    """Groupings by their number ("G20", "COP28"), not inside a word."""
    if "G" not in text and "COP" not in text:
        return []  # no match can start (``in``: half the cost of the scan, a document)
    spans = [m.span() for m in _GROUPING_G.finditer(text)]
    if "COP" in text:
        spans = sorted(spans + [m.span() for m in _GROUPING_COP.finditer(text)])
    return [
        PatternHit(s, e, "summit" if text[s] == "C" else "organisation", True)
        for s, e in spans
        if not (s and _WORD_OR_HYPHEN.match(text, s - 1))
    ]


# A resolution by its number: "UNSCR 1701", "Resolution No. ES-11/1", "résolution 2231",
# "UN Security Council Resolution 2231" (the body before it is part of the name).
_NUMBERED_RESOLUTION = re.compile(
    r"(?<![\w-])(?P<body>(?:(?:UN|U\.N\.|United\s+Nations)\s+)?(?:Security\s+Council|General"
    r"\s+Assembly)\s+|UNSC\s+|UNGA\s+)?(?:UNSCR|UNGAR|(?P<head>[Rr](?:e|é)solution))\s+"
    r"(?:No\.?\s*|n°\s*)?(?:[A-Z]{1,4}-)?\d{2,4}(?:/\d+)*(?![\w-])"
)


# What every match of ``_NUMBERED_RESOLUTION`` holds, led by a class of three capitals
# the engine skips to in C (the pattern's leading look-behind is tried at every
# character): "solution" is a common word, a numbered resolution is rare.
_NUMBERED_HINT = re.compile(
    r"(?:UNSCR|UNGAR|[Rr](?:e|é)solution)\s+(?:No\.?\s*|n°\s*)?(?:[A-Z]{1,4}-)?\d"
)


def find_resolutions(text: str) -> list[PatternHit]:
    hits = []
    if "/RES" in text or "/Res" in text:  # every code holds one (0.19 -> 0.02 ms a document)
        hits = [
            PatternHit(m.start(), m.end(), "resolution", True) for m in _RESOLUTION.finditer(text)
        ]
    if ("solution" in text or "UNSCR" in text or "UNGAR" in text) and _NUMBERED_HINT.search(text):
        for m in _NUMBERED_RESOLUTION.finditer(text):
            head = m.start("head") if m.group("head") else m.start()
            hits.append(PatternHit(m.start(), m.end(), "resolution", True, head))
    return hits
