"""An anslag kept (for signing) before the wet-ink justering of §§ under sekretess is
registered: it stays as it was kept, the program says so, and a new anslag says when
the full protokoll was justerat on paper and which anslag it replaces."""

from __future__ import annotations

from datetime import datetime

import pytest
from protokoll_fixtures import make_protokoll_org
from signing_pki import SigningCA

from app import clock
from app.validation import ValidationError
from protokoll.test_signering_dokument import JUSTERAT, justerat_with_sekretess, p12, pdf_text, sign_protokoll

KEPT_AT = datetime(2022, 3, 5, 10, 15)
REGISTERED_AT = datetime(2022, 3, 7, 9, 0)


@pytest.fixture(scope="module")
def ca():
    return SigningCA.make()


@pytest.fixture
def signed_with_paper_part(session, ca, tmp_path):
    """A justerat protokoll whose § under sekretess is left to paper, the public version
    signed by everyone."""
    po = make_protokoll_org(session.db)
    m, justering, secret = justerat_with_sekretess(po)
    po.svc.lamna_sekretess_till_papper(justering.id)
    sign_protokoll(po.svc, justering.id, ca, tmp_path)
    assert po.svc.signeringsstatus(justering.id).digitalt_justerat
    return po.svc, m, justering, secret


def test_an_anslag_kept_before_the_paper_justering_is_kept_and_a_new_one_replaces_it(signed_with_paper_part):
    svc, m, justering, secret = signed_with_paper_part
    assert svc.anslag_fore_papper(justering.id) is None  # nothing kept yet
    with clock.pinned(KEPT_AT):
        kept = svc.anslag_for_signering(justering.id)
    assert "det fullständiga protokollet justeras på papper." in pdf_text(kept)

    stale = svc.anslag_fore_papper(justering.id)
    assert stale is not None and stale.paragrafer == (secret.label,)
    assert stale.text == ("Anslaget sparades 2022-03-05 10:15 för signering, innan pappersjusteringen "
                          "registrerades, och säger att det fullständiga protokollet justeras på papper. Det "
                          "sparade anslaget är en allmän handling och ändras inte; när pappersjusteringen är "
                          "registrerad sätts ett nytt anslag upp som säger det.")
    with pytest.raises(ValidationError, match="Registrera pappersjusteringen först"):
        svc.nytt_anslag_pdf(m.id)

    with clock.pinned(REGISTERED_AT):
        svc.registrera_pappersjustering(justering.id, JUSTERAT, "Lars Bergkvist")
    # The kept anslag is a public record: unchanged, still the anslag.
    assert svc.anslag_pdf(m.id) == kept
    stale = svc.anslag_fore_papper(justering.id)
    assert stale is not None
    assert stale.text.endswith(f"; sätt upp ett nytt anslag som säger att det justerades på papper "
                               f"{JUSTERAT.isoformat()} (Spara nytt anslag…). Det gamla finns kvar.")

    new = pdf_text(svc.nytt_anslag_pdf(m.id))
    assert f"{secret.label} omfattas av sekretess och ingår inte i den digitala justeringen; det " \
           f"fullständiga protokollet justerades på papper {JUSTERAT.isoformat()}." in new
    assert "Detta anslag ersätter anslaget som sparades 2022-03-05 10:15, innan pappersjusteringen " \
           "registrerades; det finns kvar oförändrat." in new
    assert "justeras på papper." not in new
    assert "Protokollet är justerat digitalt" in new


def test_an_anslag_kept_after_the_paper_justering_needs_no_new_one(signed_with_paper_part):
    svc, m, justering, _secret = signed_with_paper_part
    with clock.pinned(REGISTERED_AT):
        svc.registrera_pappersjustering(justering.id, JUSTERAT)
    with clock.pinned(datetime(2022, 3, 8, 8, 0)):
        kept = svc.anslag_for_signering(justering.id)
    text = pdf_text(kept)
    assert f"det fullständiga protokollet justerades på papper {JUSTERAT.isoformat()}." in text
    assert "ersätter" not in text
    assert svc.anslag_fore_papper(justering.id) is None
    with pytest.raises(ValidationError, match="behöver inget nytt anslag"):
        svc.nytt_anslag_pdf(m.id)


def test_a_kept_and_signed_anslag_stays_signed_after_the_paper_justering(
        signed_with_paper_part, ca, tmp_path):
    svc, m, justering, _secret = signed_with_paper_part
    with clock.pinned(KEPT_AT):
        svc.signera_anslag(justering.id, p12(ca, svc.sekreterare_namn(m.id), tmp_path, "anslag"))
    signed = svc.anslag_pdf(m.id)
    with clock.pinned(REGISTERED_AT):
        svc.registrera_pappersjustering(justering.id, JUSTERAT)
    assert svc.anslag_pdf(m.id) == signed
    assert svc.anslag_signeringsstatus(justering.id).digitalt_justerat
    assert svc.anslag_fore_papper(justering.id) is not None
    assert "Detta anslag ersätter" in pdf_text(svc.nytt_anslag_pdf(m.id))
