"""The seven BerAKHLAK core values and their behaviour guides (PermenPANRB 6/2022 Ps 10(3),
Lampiran p.29-30). The value names stay in Indonesian; the guides are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoreValue(models.TextChoices):
    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", "Berorientasi Pelayanan"
    AKUNTABEL = "akuntabel", "Akuntabel"
    KOMPETEN = "kompeten", "Kompeten"
    HARMONIS = "harmonis", "Harmonis"
    LOYAL = "loyal", "Loyal"
    ADAPTIF = "adaptif", "Adaptif"
    KOLABORATIF = "kolaboratif", "Kolaboratif"


BEHAVIOUR_GUIDES = {
    CoreValue.BERORIENTASI_PELAYANAN: (
        _("Understands and meets the needs of the public"),
        _("Is friendly, quick, solution-oriented and reliable"),
        _("Keeps improving without end"),
    ),
    CoreValue.AKUNTABEL: (
        _("Works honestly, responsibly, carefully, with discipline and high integrity"),
        _("Uses state assets and property responsibly, effectively and efficiently"),
        _("Does not abuse the authority of office"),
    ),
    CoreValue.KOMPETEN: (
        _("Raises own competence to meet changing challenges"),
        _("Helps others learn"),
        _("Does the job at the best quality"),
    ),
    CoreValue.HARMONIS: (
        _("Respects everyone whatever their background"),
        _("Likes helping others"),
        _("Builds a conducive work environment"),
    ),
    CoreValue.LOYAL: (
        _("Holds to Pancasila, the 1945 Constitution, loyalty to NKRI and the lawful government"),
        _("Guards the good name of fellow ASN, leaders, agency and state"),
        _("Keeps office and state secrets"),
    ),
    CoreValue.ADAPTIF: (
        _("Adapts quickly to change"),
        _("Keeps innovating and developing creativity"),
        _("Acts proactively"),
    ),
    CoreValue.KOLABORATIF: (
        _("Gives various parties the chance to contribute"),
        _("Is open to working together to add value"),
        _("Mobilises the use of resources for shared goals"),
    ),
}

VALUE_MEANINGS = {
    CoreValue.BERORIENTASI_PELAYANAN: _("Committed to excellent service for public satisfaction"),
    CoreValue.AKUNTABEL: _("Responsible for the trust given"),
    CoreValue.KOMPETEN: _("Keeps learning and building capability"),
    CoreValue.HARMONIS: _("Caring and respecting differences"),
    CoreValue.LOYAL: _("Dedicated to the nation and state first"),
    CoreValue.ADAPTIF: _("Keeps innovating and is enthusiastic about change"),
    CoreValue.KOLABORATIF: _("Builds synergistic cooperation"),
}
