"""The protokoll service the UI and the command line call. It composes collaborators,
each handed what it needs in its constructor, and offers their operations as its own
(bound methods, so the signatures and types are the collaborators', written once):

* :class:`app.protokoll.huvud.HuvudService`: settings per organ, the first page's
  fields, the names printed on it, the deadlines;
* ``narvaro`` (:class:`app.protokoll.narvaro.NarvaroService`) and ``paragrafer``
  (:class:`app.protokoll.paragrafer.ParagrafService`), used directly by callers;
* :class:`app.protokoll.kontroll.KontrollService`: the pre-print check;
* :class:`app.protokoll.rattelser.RattelseService`: rättelser after justering;
* :class:`app.protokoll.justering.JusteringService`: justering and the anslag's date;
* :class:`app.protokoll.dokumentservice.DokumentService`: the PDFs and the utskick;
* :class:`app.protokoll.signering.SigneringService`: digital justering (PAdES);
* :class:`app.protokoll.sekretess_papper.SekretessPapperService`: §§ under sekretess
  left to wet ink while the rest is signed;
* :class:`app.protokoll.dokumentsignering.DokumentSigneringService`: signed utdrag and anslag.

See :mod:`app.protokoll` for the whole API.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.meetings import MeetingService
from app.protokoll.dokument import DocsLoader
from app.protokoll.dokumentservice import DokumentService
from app.protokoll.dokumentsignering import DokumentSigneringService
from app.protokoll.huvud import HuvudService
from app.protokoll.justering import JusteringService
from app.protokoll.kontroll import KontrollService
from app.protokoll.model import Protokollinstallning
from app.protokoll.narvaro import NarvaroService
from app.protokoll.paragrafer import ParagrafService
from app.protokoll.rattelser import RattelseService
from app.protokoll.sekretess_papper import SekretessPapperService
from app.protokoll.signering import SigneringService


class ProtokollService:
    def __init__(self, db: Database):
        self.db = db
        self.meetings = MeetingService(db)
        self.narvaro = NarvaroService(db)
        self.paragrafer = ParagrafService(db)
        self.huvud = HuvudService(db, self.meetings, self.narvaro)
        self.kontroll = KontrollService(db, self.meetings, self.huvud, self.narvaro, self.paragrafer)
        self.rattelser_service = RattelseService(db, self.paragrafer)
        docs = DocsLoader(
            db, self.meetings, self.huvud, self.narvaro, self.paragrafer, self.rattelser_service
        )
        self.justering_service = JusteringService(
            db, self.huvud, self.paragrafer, self.kontroll, self.rattelser_service, docs
        )
        self.dokument = DokumentService(
            db, self.huvud, self.paragrafer, self.justering_service, self.rattelser_service, docs
        )
        self.signering = SigneringService(db, self.justering_service, self.huvud)
        self.sekretess_papper = SekretessPapperService(db, self.justering_service, self.paragrafer, docs)
        self.dokumentsignering = DokumentSigneringService(
            db, self.huvud, self.justering_service,
            lambda meeting_id, justering_id: self.dokument.rendered_anslag(meeting_id, justering_id))

        # Settings per organ and the protokoll's own fields.
        self.installning = self.huvud.installning
        self.save_installning = self.huvud.save_installning
        self.is_started = self.huvud.is_started
        self.get = self.huvud.get
        self.start = self.huvud.start
        self.save = self.huvud.save
        self.justerare_namn = self.huvud.justerare_namn
        self.ordforande_namn = self.huvud.ordforande_namn
        self.sekreterare_namn = self.huvud.sekreterare_namn
        self.frister = self.huvud.frister
        # The pre-print check.
        self.check_before_print = self.kontroll.check_before_print
        # Justering and the anslag's date.
        self.justeringar = self.justering_service.justeringar
        self.justering = self.justering_service.justering
        self.stored_pdf = self.justering_service.stored_pdf
        self.arkivformat = self.justering_service.arkivformat
        self.justera = self.justering_service.justera
        self.justera_omedelbart = self.justering_service.justera_omedelbart
        # Registering the anslag as posted keeps the anslag that went up (app/protokoll/anslag_sparat.py).
        self.mark_anslaget = self.dokument.mark_anslaget
        # Rättelser after justering.
        self.add_rattelse = self.rattelser_service.add_rattelse
        self.rattelser = self.rattelser_service.rattelser
        # The documents and the utskick.
        self.protokoll_pdf = self.dokument.protokoll_pdf
        self.original_pdf = self.dokument.original_pdf
        self.utdrag_pdf = self.dokument.utdrag_pdf
        self.skicka_utdrag = self.dokument.skicka_utdrag
        self.utskick = self.dokument.utskick
        self.utskick_pdf = self.dokument.utskick_pdf
        self.anslag_pdf = self.dokument.anslag_pdf
        self.anslag_utskrift = self.dokument.anslag_utskrift
        self.nytt_anslag_pdf = self.dokument.nytt_anslag_pdf
        # Digital justering.
        self.signaturplatser = self.signering.signaturplatser
        self.signeringsstatus = self.signering.signeringsstatus
        self.signerad_pdf = self.signering.signerad_pdf
        self.signera = self.signering.signera
        self.importera_signerad = self.signering.importera
        self.importera_signerad_fil = self.signering.importera_fil
        # §§ under sekretess left to wet ink.
        self.sekretess_paragrafer = self.sekretess_papper.sekretess_paragrafer
        self.pappersdel = self.sekretess_papper.pappersdel
        self.lamna_sekretess_till_papper = self.sekretess_papper.lamna_till_papper
        self.registrera_pappersjustering = self.sekretess_papper.registrera_pappersjustering
        # Signed utdrag and anslag.
        self.utdrag_signeringsstatus = self.dokumentsignering.utdrag_signeringsstatus
        self.utdrag_for_signering = self.dokumentsignering.utdrag_for_signering
        self.signera_utdrag = self.dokumentsignering.signera_utdrag
        self.importera_signerat_utdrag = self.dokumentsignering.importera_utdrag
        self.importera_signerat_utdrag_fil = self.dokumentsignering.importera_utdrag_fil
        self.anslag_signeringsstatus = self.dokumentsignering.anslag_signeringsstatus
        self.anslag_for_signering = self.dokumentsignering.anslag_for_signering
        self.signera_anslag = self.dokumentsignering.signera_anslag
        self.importera_signerat_anslag = self.dokumentsignering.importera_anslag
        self.importera_signerat_anslag_fil = self.dokumentsignering.importera_anslag_fil
        self.anslag_fore_papper = self.dokumentsignering.anslag_fore_papper


__all__ = ["ProtokollService", "Protokollinstallning"]
