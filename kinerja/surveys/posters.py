"""The QR poster of a survey point: A4 portrait, as a PNG (Pillow) and a PDF (WeasyPrint through
`kinerja.reports.pdf`, offline: the QR code is embedded as a `data:` SVG).

The poster names the agency, the unit, the counter and its service, asks in Indonesian (English
beneath) to scan the code, and writes out the absolute survey URL under the code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from kinerja.reports.pdf import render_pdf

# A4 at 150 dots per inch.
A4_PIXELS = (1240, 1754)
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


def survey_url(point) -> str:
    """The absolute address of the point's survey page (the site's public address)."""
    return settings.SITE_URL + reverse("surveys:public", args=[point.token])


def _call_to_action() -> str:
    return _(
        "How was our service today? Scan this code and fill in the public satisfaction "
        "survey: no name, about three minutes."
    )


@dataclass(frozen=True)
class Poster:
    agency: str
    unit: str
    counter: str
    service: str
    url: str
    heading_id: str
    heading_en: str
    call_id: str
    call_en: str

    @property
    def qr(self):
        return segno.make(self.url, error="m")


def poster_of(point) -> Poster:
    texts = {}
    for language in ("id", "en"):
        with translation.override(language):
            texts[language] = (_("Public satisfaction survey"), _call_to_action())
    return Poster(
        agency=point.unit.agency.name,
        unit=point.unit.name,
        counter=point.name,
        service=point.service.name if point.service_id else "",
        url=survey_url(point),
        heading_id=texts["id"][0],
        heading_en=texts["en"][0],
        call_id=texts["id"][1],
        call_en=texts["en"][1],
    )


def poster_pdf(point) -> bytes:
    poster = poster_of(point)
    context = {
        "poster": poster,
        "qr_uri": poster.qr.svg_data_uri(scale=8, border=2, dark="#000", light="#fff"),
    }
    return render_pdf("surveys/setup/poster_pdf.html", context)


def _font(size: int, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(FONT_DIR + name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def poster_png(point) -> bytes:
    poster = poster_of(point)
    width = A4_PIXELS[0]
    margin = 100
    image = Image.new("RGB", A4_PIXELS, "white")
    draw = ImageDraw.Draw(image)
    y = margin

    def block(text, size, *, bold=False, fill="#111111", gap=14):
        nonlocal y
        font = _font(size, bold)
        for line in _wrap(draw, text, font, width - 2 * margin):
            line_width = draw.textlength(line, font=font)
            draw.text(((width - line_width) / 2, y), line, font=font, fill=fill)
            y += size + gap

    block(poster.agency, 34, fill="#333333")
    block(poster.unit, 52, bold=True)
    y += 10
    block(poster.heading_id, 44, bold=True, fill="#0b5394")
    block(poster.heading_en, 30, fill="#444444")
    y += 20
    qr_buffer = io.BytesIO()
    poster.qr.save(qr_buffer, kind="png", scale=1, border=2)
    qr_image = Image.open(io.BytesIO(qr_buffer.getvalue())).convert("RGB")
    side = 760
    qr_image = qr_image.resize((side, side), Image.Resampling.NEAREST)
    image.paste(qr_image, ((width - side) // 2, y))
    y += side + 20
    block(poster.url, 26, fill="#111111")
    y += 16
    block(poster.call_id, 34, bold=True)
    block(poster.call_en, 26, fill="#444444")
    y += 16
    counter = f"{poster.counter} · {poster.service}" if poster.service else poster.counter
    block(counter, 36, bold=True, fill="#0b5394")
    output = io.BytesIO()
    image.save(output, format="PNG", dpi=(150, 150), optimize=True)
    return output.getvalue()
