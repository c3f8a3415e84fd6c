"""Who publishes this edition: the "name on the door" of a deployment, like its address.

The handbook is the same everywhere; the organisation that publishes it is not. Readers need to
know who stands behind the copy they read, how to reach them, that it is an independent rebuild
of public texts (not endorsed by their publishers) and what they may do with it. These are
settings of a deployment (`mkdocs.yml` → `extra.uitgave`, from environment variables), so a fork
cannot publish under the previous publisher's name by accident: `build.py --publish` refuses an
edition without them, and a local build says they are unset.

An edition also has a day: `build_date`, which review dates and change records are compared with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

#: Setting in mkdocs.yml (extra.uitgave) → the environment variable that fills it.
SETTINGS = {
    "uitgever": "WERKKAARTEN_UITGEVER",
    "contact": "WERKKAARTEN_CONTACT",
    "hergebruik": "WERKKAARTEN_HERGEBRUIK",
}


def build_date() -> date:
    """The day the build stands on: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=UTC).date() if epoch else date.today()


_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Edition:
    """The publisher's name, a way to reach them (an e-mail address or an https address) and the terms of reuse."""

    uitgever: str = ""
    contact: str = ""
    hergebruik: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, object] | None) -> Edition:
        settings = settings or {}
        return cls(**{name: " ".join(str(settings.get(name) or "").split()) for name in SETTINGS})

    def unset(self) -> list[str]:
        """The environment variables still to set, in the order readers see the fields."""
        return [variable for name, variable in SETTINGS.items() if not getattr(self, name)]

    def problems(self) -> list[str]:
        """Why this edition cannot be published as it is (empty when it can)."""
        problems = [f"{variable} is not set" for variable in self.unset()]
        if self.contact and not self.contact_link:
            problems.append(f"WERKKAARTEN_CONTACT {self.contact!r} is not an e-mail address or an https:// address")
        return problems

    @property
    def contact_link(self) -> str:
        """The contact as a link a reader can follow, or '' when it is neither e-mail nor https."""
        if _EMAIL.match(self.contact):
            return f"mailto:{self.contact}"
        if re.match(r"^https://[^\s<>\"']+$", self.contact):
            return self.contact
        return ""


#: An edition with nothing set: a local build, and the default where no settings are passed.
UNSET = Edition()
