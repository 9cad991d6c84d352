"""The controlled vocabularies of the content model: one place, read by the checks and
rendered on the contributing and methodology pages."""

SECTIONS = {
    "opening": "Opening principles",
    "data-governance": "Data governance",
    "supply-chains": "Global digital economy supply chains",
    "artificial-intelligence": "Artificial intelligence",
    "digital-economy-development": "Digital economy development",
    "next-session": "Key points for the next session",
}

# Where a new source goes: the .bib file of the section of the first recommendation its
# development names (memorandum.bib holds the memorandum and general background).
BIB_FILES = {
    "opening": "supply-chains.bib",
    "data-governance": "data-governance.bib",
    "supply-chains": "supply-chains.bib",
    "artificial-intelligence": "artificial-intelligence.bib",
    "digital-economy-development": "digital-economy-development.bib",
    "next-session": "subsidies-procurement-jurisdiction.bib",
}
GENERAL_BIB_FILE = "memorandum.bib"

STATUSES = {
    "advanced": "Governments on both sides have taken concrete steps that do most of what the recommendation asks.",
    "partial": "Some concrete steps in the recommended direction, by one side or both, with large parts still undone.",
    "stalled": "Steps were taken or talks begun, but progress has stopped or been suspended.",
    "reversed": "Developments since 2019 have mainly moved policy away from what the recommendation asks.",
    "no-visible-action": "No public development found that bears on the recommendation either way.",
}

EFFECTS = {
    "advances": "moves policy toward what the recommendation asks",
    "contradicts": "moves policy away from what the recommendation asks",
    "mixed": "does both, or advances it in form while contradicting it in substance",
    "context": "bears on the recommendation without moving it either way",
}

TYPES = {
    "law": "a statute adopted by a legislature",
    "regulation": "binding rules issued by a government body under a law",
    "executive-order": "a presidential executive order, proclamation or memorandum",
    "agency-rule": "a rule or list issued by an agency (export controls, sanctions lists, procurement rules)",
    "standard": "a national or international technical standard",
    "initiative": "a policy initiative or proposal announced by a government",
    "declaration": "a joint declaration, statement or resolution of several governments",
    "agreement": "a signed bilateral or multilateral agreement",
    "negotiation": "a negotiation launched, paused or concluded",
    "dialogue": "an official or semi-official meeting or dialogue",
    "institution": "a body created or reorganised",
    "court-ruling": "a judgment or ruling of a court or dispute-settlement body",
    "plan": "a government plan, strategy or funding programme",
}

ACTORS = {
    "united-states": "the United States government",
    "china": "the government of the People's Republic of China",
    "eu": "the European Union",
    "g7": "the Group of Seven",
    "g20": "the Group of Twenty",
    "apec": "Asia-Pacific Economic Cooperation",
    "wto": "the World Trade Organization or groups of its members",
    "un": "the United Nations",
    "oecd": "the Organisation for Economic Co-operation and Development",
    "ipef": "the Indo-Pacific Economic Framework partners",
    "uk": "the United Kingdom",
    "japan": "Japan",
    "netherlands": "the Netherlands",
    "multilateral": "a group of governments not listed separately",
    "track-ii": "non-governmental dialogue participants",
}

DATE_KINDS = {
    "adopted": "adopted or passed by a legislature or an assembly (e.g. the UN General Assembly)",
    "signed": "signed",
    "issued": "issued or promulgated by the authority",
    "published": "published (official text or draft released)",
    "announced": "announced",
    "in-force": "entered into force or took effect",
    "held": "the day a meeting was held or opened",
    "ruled": "the day a court or panel ruled",
}

_LABELS = {
    "united-states": "United States", "eu": "EU", "g7": "G7", "g20": "G20", "apec": "APEC", "wto": "WTO",
    "un": "UN", "oecd": "OECD", "ipef": "IPEF", "uk": "UK", "track-ii": "Track II", "in-force": "in force",
}


def label(value: str) -> str:
    """How a vocabulary value reads in running text and tables."""
    if value in _LABELS:
        return _LABELS[value]
    text = value.replace("-", " ")
    return text[0].upper() + text[1:]
