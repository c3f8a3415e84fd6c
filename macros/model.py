"""The card model: what an editor may write in a card's front matter, and what the registries hold.

Everything a page shows about a card is derived from these models, so every rule an editor must
follow lives here, once. Models forbid unknown fields: a misspelt field is an error, never ignored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: Ids end up in web addresses and on paper, so they are short lowercase words joined by hyphens.
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=40),
]
#: Sources are named by the three-digit key of the source registry ("000" ... "004").
SourceKey = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]
#: Checklist codes are CL1, CL2 ...; no card type may use this prefix (short links would collide).
CHECKLIST_PREFIX = "CL"
#: Course pack codes are LP1, LP2 ...; reserved like CL, so a pack's short link never meets a card's.
PACK_PREFIX = "LP"
#: A code such as P3 or I12: a letter prefix from the card type, then a number.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}[1-9][0-9]{0,2}$")]


def _one_sentence(text: str) -> str:
    """A summary is read in grids, search results and link previews: one sentence, one line."""
    if "\n" in text or not re.search(r"[.?!]$", text):
        raise ValueError("must be one sentence on one line, ending with . ? or !")
    if re.search(r"[.?!]\s+[A-Z]", text[:-1]):
        raise ValueError("must be one sentence, not several")
    return text


#: Bidirectional controls (embeddings, overrides, isolates, the marks LRM and RLM): one of them makes the
#: text after it display in another order than it is written, in titles, grids, cards.json and on paper.
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _one_line(text: str) -> str:
    """Text from data goes into headings, table cells, link text and attributes: a line break or a
    control character there would end the element it sits in and change what follows."""
    if re.search(r"[\x00-\x1f\x7f\u2028\u2029]", text):
        raise ValueError("must be one line of text, without line breaks, tabs or control characters")
    if found := _BIDI.search(text):
        raise ValueError(
            f"holds the bidirectional control U+{ord(found.group()):04X}, which makes text display in another "
            "order than it is written; remove it"
        )
    return text


#: Applied after the length constraints, so a length is counted (and reported) in characters.
ONE_LINE = AfterValidator(_one_line)
#: One line of plain text (escaped wherever it is shown, so < > & [ ] are shown as written).
Line = Annotated[str, ONE_LINE]
Sentence = Annotated[str, StringConstraints(min_length=10, max_length=300), ONE_LINE, AfterValidator(_one_sentence)]


#: A word or short phrase a professional types that the card's own text does not use ("ouderschapsplan"):
#: lowercase letters, digits, spaces and hyphens, so it is indexed for search exactly as written and needs no
#: escaping. Readers never see it; search finds the card by it (macros/templates/search_terms.md.jinja).
SearchTerm = Annotated[
    str,
    StringConstraints(pattern=r"^[a-zà-ÿ0-9]+(?:[ -][a-zà-ÿ0-9]+)*$", min_length=3, max_length=40),
]
#: Search terms are reviewed one by one ("does this card answer it?"), so a page has a few, never a thesaurus.
MAX_SEARCH_TERMS = 8
#: The terms of one card or checklist.
SearchTerms = Annotated[list[SearchTerm], Field(max_length=MAX_SEARCH_TERMS)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors and parsed data cannot be changed later."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Caution(Strict):
    """A contra-indication or condition the sources give: shown in the card's "Let op" block."""

    text: Annotated[str, StringConstraints(min_length=10), ONE_LINE]
    sources: list[SourceKey] = Field(min_length=1)


class Moment(Strict):
    """A moment in a case (a heading on a case card) that illustrates other cards.

    Declared once, on the case; the illustrated cards show it as "In de praktijk".
    """

    id: Slug
    title: Annotated[str, StringConstraints(min_length=3), ONE_LINE]
    illustrates: list[Slug] = Field(min_length=1)


#: What a checklist item is: something to do or confirm, a question to ask in a conversation, a sign
#: to discuss, or a question for the professional's own reflection. A list holds one kind of item.
ItemKind = Literal["action", "question", "sign", "reflection"]


def _one_check(text: str) -> str:
    """One check per item: a professional answers it at that moment with one yes or no."""
    if re.search(r"\ben/of\b", text):
        raise ValueError("one check per item: split an item with 'en/of' into two")
    if text.count("?") > 1:
        raise ValueError("one check per item: one question, not several")
    return text


class Check(Strict):
    """A checklist item, declared on the card it comes from (one source of truth).

    `section` is the anchor of the heading on the card where the item comes from, so the
    checklist links the reader to the exact place; the build checks that the anchor exists.
    `sources` names the item's own source (one of its card's), so a list on paper says where each
    line comes from, and the source's kind of text limits which lists it may feed.
    """

    id: Slug
    kind: ItemKind
    text: Annotated[str, StringConstraints(min_length=8, max_length=170), ONE_LINE, AfterValidator(_one_check)]
    sources: list[SourceKey] = Field(min_length=1)
    section: Slug | None = None


class Change(Strict):
    """A change to what a card, checklist or pack says, recorded where readers and trainers see it.

    A change of substance gets a new `reviewed` date (the date printed on paper and in citations);
    a pure wording correction (`correction: true`) is the lighter record: listed, but the content's
    date stays, because what a trainer cited still holds.
    """

    date: date
    summary: Annotated[str, StringConstraints(min_length=10, max_length=300), ONE_LINE]
    correction: bool = False


def _changes_reviewed(changes: list[Change], reviewed: date) -> None:
    """A change of substance dated after the review date would leave paper and citations with the
    old date; the review date moves with the change."""
    for change in changes:
        if change.date > date.today():
            continue  # a date in the future is reported as such (validation.py), with the field it is in
        if not change.correction and change.date > reviewed:
            raise ValueError(
                f"the change of {change.date.isoformat()} is newer than reviewed ({reviewed.isoformat()}): "
                "set reviewed to the date of the change, or mark a pure wording correction `correction: true`"
            )


#: Cards are reviewed yearly unless a card sets its own `next_review`.
REVIEW_MONTHS = 12
#: A card's own `next_review` may postpone its review, but by three years at most: guidance that is
#: never due for review would never show readers that it may be out of date.
MAX_REVIEW_YEARS = 3


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=min(day.day, 28))


class Card(Strict):
    """One card: the front matter under the `card:` key of one Markdown file."""

    id: Slug
    code: Code
    type: Slug
    title: Annotated[str, StringConstraints(min_length=3, max_length=120), ONE_LINE]
    summary: Sentence
    sources: list[SourceKey] = Field(min_length=1)
    tags: list[Slug] = []
    related: list[Slug] = []
    roles: list[Slug] = []
    questions: list[Slug] = []
    cautions: list[Caution] = []
    moments: list[Moment] = []
    checks: list[Check] = []
    #: Words from practice that the sources do not use, for search only; each one answered by this card.
    search_terms: SearchTerms = []
    reviewed: date
    next_review: date | None = None
    changes: list[Change] = []

    @model_validator(mode="after")
    def _review_after_reviewed(self) -> Card:
        if self.next_review is not None and self.next_review <= self.reviewed:
            raise ValueError("next_review must come after reviewed")
        latest = _add_months(self.reviewed, 12 * MAX_REVIEW_YEARS)
        if self.next_review is not None and self.next_review > latest:
            raise ValueError(
                f"next_review may be at most {MAX_REVIEW_YEARS} years after reviewed ({latest.isoformat()} at the "
                f"latest), not {self.next_review.isoformat()}: a card is checked again at least every "
                f"{MAX_REVIEW_YEARS} years"
            )
        _changes_reviewed(self.changes, self.reviewed)
        return self

    @property
    def review_due(self) -> date:
        """When the card must be reviewed again; past this date the reader sees a notice."""
        if self.next_review is not None:
            return self.next_review
        return _add_months(self.reviewed, REVIEW_MONTHS)


#: The kinds of checklist: what its items are and how a reader uses it (see docs/_data/checklists.yml).
ChecklistKindName = Literal["read-do", "do-confirm", "conversation", "signs", "reflection"]


class SourceKind(Strict):
    """A kind of text (experience story, practice report ...): readers must see which one they read.

    `feeds` limits the checklists an item from such a text may appear on: one parent's story or a news
    article can prompt reflection, never an instruction. Empty means every kind of list.
    """

    label: Line
    caution: Line = ""
    feeds: list[ChecklistKindName] = []
    #: Guidance (a handreiking, a thematic text) can give a contra-indication ("Let op"); other texts
    #: give observations, shown as such.
    guidance: bool = False


class Source(Strict):
    """One of the source texts. No URL field: the sources give no working address."""

    title: Line
    publisher: Line
    date: Line
    authors: Line
    kind: Slug
    about: Line
    #: The publisher as readers meet it next to a statement ("NJi, Movisie, CCV"): part of the source's
    #: label, "thematekst NJi, Movisie, CCV (003)". Empty: the label is the kind of text and the key.
    short: Line = ""


class Family(Strict):
    """A section of the handbook: one folder in docs/ and one group in the navigation."""

    id: Slug
    title: Line
    intro: Line


class CardType(Strict):
    """A kind of card; its prefix makes the codes (P1, V2 ...) and its family decides the folder."""

    label: Line
    plural: Line
    prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}$")]
    family: Slug
    #: The card every card of this type opens with ("Steeds: is het nog veilig genoeg?"), if any.
    safety_first: Slug | None = None

    @model_validator(mode="after")
    def _prefix_not_reserved(self) -> CardType:
        if self.prefix == CHECKLIST_PREFIX:
            raise ValueError(f"the prefix {CHECKLIST_PREFIX} is reserved for checklists (CL1 ...)")
        if self.prefix == PACK_PREFIX:
            raise ValueError(f"the prefix {PACK_PREFIX} is reserved for course packs (LP1 ...)")
        return self


class Role(Strict):
    """A reader's role, used for the "per rol" way in."""

    id: Slug
    title: Line
    about: Line


class Term(Strict):
    """A glossary entry; its abbreviation becomes hover text on every page where it occurs.

    Every entry names the source(s) it rests on. A term a source only mentions, without saying what it
    means, is shown as mentioned (`mentioned_only: true`, no definition): the handbook does not fill in
    a meaning from general knowledge, least of all for a contested term.
    """

    term: Line
    abbr: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+&-]{2,12}$")] | None = None
    definition: Annotated[str, StringConstraints(min_length=10), ONE_LINE] | None = None
    #: What a reader needs but the sources do not say (what an organisation or a law is): shown
    #: labelled as general knowledge, never as the sources' definition.
    general: Annotated[str, StringConstraints(min_length=10), ONE_LINE] | None = None
    mentioned_only: bool = False
    #: The sources the definition rests on.
    sources: list[SourceKey] = Field(min_length=1)
    #: Sources that use the term without defining it: listed as such, so a definition from one
    #: source is never attributed to a text that only mentions the word (a parent's story, a news item).
    also_in: list[SourceKey] = Field(default_factory=list)

    @model_validator(mode="after")
    def _defined_or_mentioned(self) -> Term:
        if self.mentioned_only and (self.definition or self.general):
            raise ValueError("a term the sources only mention has no definition (remove it or mentioned_only)")
        if not self.mentioned_only and not (self.definition or self.general):
            raise ValueError("give the sources' definition (or a general one), or mark the term mentioned_only")
        return self


class SourceRegistry(Strict):
    kinds: dict[Slug, SourceKind]
    sources: dict[SourceKey, Source]


class FamilyRegistry(Strict):
    families: list[Family]
    types: dict[Slug, CardType]
    #: The order of the families on "Per rol": what a professional acts on first (the questions,
    #: interventions), background last. Every family once; empty keeps the navigation's order.
    role_order: list[Slug] = []

    @model_validator(mode="after")
    def _role_order_names_every_family(self) -> FamilyRegistry:
        ids = [family.id for family in self.families]
        if self.role_order and sorted(self.role_order) != sorted(ids):
            raise ValueError(f"role_order must name every family once ({', '.join(ids)})")
        return self

    @model_validator(mode="after")
    def _unique_prefixes(self) -> FamilyRegistry:
        """Two types with one prefix would give two cards the same code, short link and QR code."""
        seen: dict[str, str] = {}
        for name, card_type in self.types.items():
            if card_type.prefix in seen:
                raise ValueError(f"types {seen[card_type.prefix]} and {name} share the prefix {card_type.prefix}")
            seen[card_type.prefix] = name
        return self


#: A page's source path inside docs/, as MkDocs names it: "partnerschap/respecteer-ouders.md".
PagePath = Annotated[str, StringConstraints(pattern=r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$")]


class Moved(Strict):
    """Pages that moved: old source path → new source path. The old address keeps working as a
    redirect page, so links from training material outlive a reorganisation."""

    moved: dict[PagePath, PagePath] = {}


#: A reference to a check on a card: "<card id>/<check id>".
CheckRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")]


class NextStep(Strict):
    """What a source says to do when a sign is seen: printed under a list of signs.

    Its heading says whose words these are ("Wat de thematekst zegt bij …"): the sources give no
    sequence of steps, so the box never claims one.
    """

    heading: Annotated[str, StringConstraints(min_length=10, max_length=90), ONE_LINE] = "Wat de bron hierover zegt"
    text: Annotated[str, StringConstraints(min_length=10, max_length=300), ONE_LINE]
    sources: list[SourceKey] = Field(min_length=1)


class Checklist(Strict):
    """One checklist, declared in the front matter of its page under `checklist:`.

    The limits follow checklists that work in practice (the WHO surgical checklist, Gawande):
    one pause point in the work, five to nine items, one page. Its kind follows from what its items
    are; a list of signs names the next step its source gives (it is not a screening tool).
    """

    id: Slug
    code: Annotated[str, StringConstraints(pattern=rf"^{CHECKLIST_PREFIX}[1-9][0-9]{{0,2}}$")]
    title: Annotated[str, StringConstraints(min_length=3, max_length=80), ONE_LINE]
    purpose: Sentence
    pause: Slug
    kind: ChecklistKindName
    items: list[CheckRef] = Field(min_length=5, max_length=9)
    next_step: NextStep | None = None
    #: Sources that the list's own text below the items cites (a caution from another source).
    text_sources: list[SourceKey] = []
    #: Words from practice that the sources do not use, for search only; each one answered by this list.
    search_terms: SearchTerms = []
    reviewed: date
    changes: list[Change] = []

    @model_validator(mode="after")
    def _signs_have_a_next_step(self) -> Checklist:
        if self.kind == "signs" and self.next_step is None:
            raise ValueError("a list of signs needs next_step: what the source says to do when a sign is seen")
        if self.kind != "signs" and self.next_step is not None:
            raise ValueError("next_step belongs to a list of signs (kind: signs)")
        _changes_reviewed(self.changes, self.reviewed)
        return self

    @property
    def review_due(self) -> date:
        return _add_months(self.reviewed, REVIEW_MONTHS)


#: What each kind of list holds, by its meaning: instructions are actions, a conversation list asks
#: questions, a list of signs holds signs, a reflection list reflection questions. The registry
#: (checklists.yml) repeats it for editors, and must agree.
KIND_ITEMS: dict[str, str] = {
    "read-do": "action",
    "do-confirm": "action",
    "conversation": "question",
    "signs": "sign",
    "reflection": "reflection",
}


class ChecklistKind(Strict):
    """How a kind of list is read: its label, the instruction printed above it, the kind of item it holds."""

    label: Line
    how: Line
    items: ItemKind
    ordered: bool = False


def _all_kinds(kinds: dict[str, ChecklistKind]) -> dict[str, ChecklistKind]:
    missing = set(get_args(ChecklistKindName)) - set(kinds)
    if missing:
        raise ValueError(f"every kind of checklist needs its label and instruction; missing: {sorted(missing)}")
    return kinds


class ItemKindLabel(Strict):
    """How a card's checks of one kind are headed where they are repeated without their checklist
    (a course pack's handout): a list of signs stays a list to discuss, never a list to tick."""

    heading: Line
    #: Said with the points wherever they are repeated ("geen screeningsinstrument").
    caveat: Line = ""


def _every_item_kind(kinds: dict[str, ItemKindLabel]) -> dict[str, ItemKindLabel]:
    missing = set(get_args(ItemKind)) - set(kinds)
    if missing:
        raise ValueError(f"every kind of item needs its heading; missing: {sorted(missing)}")
    return kinds


class ChecklistRegistry(Strict):
    """Labels for the kinds of checklist and the pause points in the work they belong to."""

    kinds: Annotated[dict[ChecklistKindName, ChecklistKind], AfterValidator(_all_kinds)]
    item_kinds: Annotated[dict[ItemKind, ItemKindLabel], AfterValidator(_every_item_kind)]
    pauses: dict[Slug, Line]


class PackItem(Strict):
    """One step of a course pack: a card or a checklist (by id), with an optional note for the trainer.

    The item names what it is (`card:` or `checklist:`), so an id that exists only as the other kind
    is an error the editor sees, not a silent guess.
    """

    card: Slug | None = None
    checklist: Slug | None = None
    #: How the trainer uses the item in class ("bespreek in tweetallen"): shown under the item.
    note: Annotated[str, StringConstraints(min_length=3, max_length=200), ONE_LINE] | None = None

    @model_validator(mode="after")
    def _one_item(self) -> PackItem:
        if (self.card is None) == (self.checklist is None):
            raise ValueError("name exactly one item: card: <card id> or checklist: <checklist id>")
        return self

    @property
    def ref(self) -> tuple[str, str]:
        """("card", id) or ("checklist", id)."""
        return ("card", self.card) if self.card is not None else ("checklist", str(self.checklist))


class Pack(Strict):
    """A course pack (lespakket): the front matter under `lespakket:` of docs/lespakketten/<id>.md.

    Trainers link and print it as one: a page, a short link k/lp<n>/, a QR code and a handout PDF.
    Its sources are its items' sources, so a pack never claims a source its cards do not use.
    """

    id: Slug
    code: Annotated[str, StringConstraints(pattern=rf"^{PACK_PREFIX}[1-9][0-9]{{0,2}}$")]
    title: Annotated[str, StringConstraints(min_length=3, max_length=100), ONE_LINE]
    summary: Sentence
    audience: Annotated[str, StringConstraints(min_length=3, max_length=200), ONE_LINE]
    duration: Annotated[str, StringConstraints(min_length=3, max_length=80), ONE_LINE]
    goals: list[Sentence] = Field(min_length=1, max_length=6)
    items: list[PackItem] = Field(min_length=1, max_length=20)
    reviewed: date
    changes: list[Change] = []

    @model_validator(mode="after")
    def _changes_dated(self) -> Pack:
        _changes_reviewed(self.changes, self.reviewed)
        return self


class SiteChange(Change):
    """A change to content that lives in no card, checklist or pack (the glossary), named by its page."""

    page: PagePath


class ChangeLog(Strict):
    """The first edition's date and the changes to content outside the pages (docs/_data/wijzigingen.yml).

    Changes to a card, checklist or pack are recorded in its own front matter, where the editor works.
    """

    first_edition: date
    changes: list[SiteChange] = []


class Recorded(Strict):
    """What one page said when its changes were last recorded: a fingerprint, and how many change
    records it had then (a new record is how an editor says the content changed on purpose)."""

    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    records: Annotated[int, Field(ge=0)]


class ContentLock(Strict):
    """docs/_data/vastgelegd.yml, written by `make vastleggen`: every page's recorded content."""

    recorded: dict[str, Recorded]


#: A section of a card: "<card id>#<anchor of one of its level-2 headings>".
CardSection = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$")]


class SourceSection(Strict):
    """One stretch of a source text, in source order, and where it went (docs/_data/herkomst.yml).

    `path` is the source's own headings (the way a reader finds the passage in the original); anything
    the editors say about the passage goes in `description` and is shown labelled as theirs.
    """

    starts: Annotated[str, StringConstraints(min_length=10, max_length=120), ONE_LINE]
    path: list[Annotated[str, StringConstraints(min_length=2, max_length=120), ONE_LINE]] = Field(min_length=1)
    description: Annotated[str, StringConstraints(min_length=3, max_length=200), ONE_LINE] | None = None
    cards: list[CardSection] = []
    noise: Annotated[str, StringConstraints(min_length=5, max_length=200), ONE_LINE] | None = None

    @model_validator(mode="after")
    def _cards_or_noise(self) -> SourceSection:
        if bool(self.cards) == bool(self.noise):
            raise ValueError(
                "name the card sections that carry it (cards) or why it is left out (noise): one of the two"
            )
        return self


class Herkomst(Strict):
    """The source map: every source cut into consecutive sections, each carried by card sections or left out
    with a reason; `own` lists the card sections the editors wrote themselves (no source section feeds them)."""

    own: dict[CardSection, Annotated[str, StringConstraints(min_length=5, max_length=200), ONE_LINE]] = {}
    sources: dict[SourceKey, list[SourceSection]]
