"""The extractor: the recogniser families run in order of confidence over one document's tokens.

Each family claims tokens; later ones skip claimed tokens, so a law name never becomes a person,
a region pattern never yields a bare country, and an organization's inner place ("of Central Asia")
is never a place.
"""

from __future__ import annotations

from pipeline.extract.heads import HeadOrgRecogniser
from pipeline.extract.known import KnownFormsRecogniser
from pipeline.extract.laws import LawRecogniser
from pipeline.extract.named import NamedOrgRecogniser
from pipeline.extract.people import PersonRecogniser
from pipeline.extract.places import PlaceRecogniser
from pipeline.extract.roles import RoleRecogniser
from pipeline.extract.state import Found


class Extractor(
    LawRecogniser,
    HeadOrgRecogniser,
    NamedOrgRecogniser,
    PersonRecogniser,
    PlaceRecogniser,
    KnownFormsRecogniser,
    RoleRecogniser,
):
    def run(self) -> list[Found]:
        self.pass_laws()
        self.pass_dotted()
        self.pass_region_patterns()
        self.pass_landforms()
        self.pass_head_orgs()
        self.pass_title_orgs()
        self.pass_typed_names_after()
        self.pass_typed_names()
        self.pass_first_name_only()
        self.pass_titled_people()
        self.pass_particle_people()
        self.pass_morphology_people()
        self.pass_cued_people()
        self.pass_places()
        self.pass_region_readings()
        self.pass_known_forms()
        self.pass_acronyms_and_unknown()
        self.pass_qualifiers()
        self.pass_roles()
        return self.found


__all__ = ["Extractor", "Found"]
