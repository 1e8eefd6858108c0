"""Protokoll: närvaro, paragraphs, votes, justering, anslag, protokollsutdrag and the
deadlines. Headless; the UI and the CLI call these.

Start with ``svc = ProtokollService(db)`` (``app.protokoll.service``, which composes the
collaborators named below and passes calls on to them). Every write
validates, raises :class:`app.validation.ValidationError` with Swedish messages (field
name + text), and runs in one transaction. Once justerat, writes are refused ("…är
justerat och kan inte ändras; gör en rättelse i stället").

Protokoll and settings (:mod:`app.protokoll.huvud`)
    ``svc.installning(organ_id) -> Protokollinstallning`` (justering_dagar, default 14;
    forvaringsplats), ``svc.save_installning(s)``.
    ``svc.start(meeting_id) -> Protokoll``: begin (idempotent): närvaro from the organ's
    members on the meeting date. ``svc.is_started(meeting_id)``.
    ``svc.get(meeting_id) -> Protokoll`` / ``svc.save(Protokoll)``: ajournering,
    justerare (1–2 narvaro ids of present ledamöter or serving ersättare), justeringens
    plats/datum/tid, förvaringsplats, planned anslag date, own start number, chosen
    ordförande. ``svc.justerare_namn(id)``, ``svc.ordforande_namn(id)``,
    ``svc.sekreterare_namn(id)``.

Närvaro (``svc.narvaro``, :mod:`app.protokoll.narvaro`)
    ``narvaro(id)``, ``save(Narvaro)`` (present, arrives at / leaves after a §),
    ``delete``, ``tjanstgoringar``, ``save_tjanstgoring``, ``delete_tjanstgoring``,
    ``suggest_tjanstgoring``, ``beslutande(id) -> {arende_id: Beslutande}`` (who votes
    at each §, chair, ``beslutfor``), ``platser(id)``.

Paragraphs (``svc.paragrafer``, :mod:`app.protokoll.paragrafer`)
    ``paragrafer(id) -> list[Paragraf]`` (number, label, defaults from the ärende),
    ``get(arende_id)``, ``save(Paragraf)`` (beslut as NK-HTML, yrkanden, voteringar,
    reservationer, särskilda yttranden, protokollsanteckningar, jäv, justeras
    omedelbart, beslut skickas till, utfall beslut/bordlagt/återremitterat/utgår),
    ``numrering(id)``, ``open_arenden(id)`` and ``take_up(arende_id, id)`` for
    bordlagda/återremitterade ärenden. Vote results: :func:`app.protokoll.rostning.rakna`.

Checks and deadlines (:mod:`app.protokoll.kontroll`, :mod:`app.protokoll.frister`)
    ``svc.check_before_print(id, today=None) -> list[Problem]`` (severity fel/varning,
    Swedish message, arende_id/narvaro_id to jump to), ``svc.frister(id, today=None) ->
    Frister`` (justering deadline, tillkännagivande, appeal period, anslag nedtas,
    warnings; pure rules in :mod:`app.protokoll.frister`).

Justering (:mod:`app.protokoll.justering`)
    ``svc.justera(id, datum, justerat_av, anslag_datum) -> Justering`` (stores the
    PDF/A with SHA-256, locks, status "justerat", runs the hooks),
    ``svc.justera_omedelbart(id, arende_ids, …)``, ``svc.mark_anslaget(justering_id,
    datum)`` (status "anslaget"; keeps the anslag that went up,
    :mod:`app.protokoll.anslag_sparat`), ``svc.justeringar(id)``, ``svc.stored_pdf(j_id)``
    (hash checked). Rättelser (:mod:`app.protokoll.rattelser`): ``svc.add_rattelse(id,
    text, gjord_av, datum, arende_id)``, ``svc.rattelser(id)``.

Documents (PDF/A-2b bytes; :mod:`app.protokoll.dokumentservice`, laid out by
:mod:`app.protokoll.pdf`)
    ``svc.protokoll_pdf(id)`` (once justerat: the stored PDF with the rättelser after
    it), ``svc.original_pdf(id, justering_id=None)`` (the stored PDF alone, as justerat:
    the one whose SHA-256 the anslag prints), ``svc.utdrag_pdf(id, arende_ids, bestyrkt_av, datum,
    mottagare)``, ``svc.skicka_utdrag(id, bestyrkt_av, datum, mottagare=None) ->
    list[Utskick]`` (one per recipient, recorded), ``svc.utskick(id)``,
    ``svc.utskick_pdf(u_id)``, ``svc.anslag_pdf(id, justering_id=None)`` (once posted: the
    kept anslag; ``svc.anslag_utskrift`` adds the note on one kept at its first print),
    ``svc.nytt_anslag_pdf(id, justering_id=None)`` (kept once). For a worker
    thread: open a connection with :func:`db.connection.connect` and make a
    ``ProtokollService(wrap(conn))`` there.

Digital justering (:mod:`app.protokoll.signering`)
    ``svc.signaturplatser(j_id, ordning)`` (the signature lines of the stored PDF, in
    signing order), ``svc.signera(j_id, nyckel, ordning=…, tidsstampel_url=…)`` (the next
    one signs with a :class:`app.pdf.pades.Pkcs12Key` or ``Pkcs11Key``),
    ``svc.signerad_pdf(j_id)`` (the newest signed version, else the original: what is
    sent to an e-signing service), ``svc.importera_signerad(j_id, data)`` (only
    signatures may have been added), ``svc.signeringsstatus(j_id)`` (``digitalt_justerat``).
    The signing time is the program's clock.

§§ under sekretess left to wet ink (:mod:`app.protokoll.sekretess_papper`)
    ``svc.sekretess_paragrafer(j_id)``, ``svc.lamna_sekretess_till_papper(j_id)`` (the
    public version, those §§ replaced by a note, is what is signed from then on),
    ``svc.registrera_pappersjustering(j_id, datum, av)``, ``svc.pappersdel(j_id)``.

Signed utdrag and anslag (:mod:`app.protokoll.dokumentsignering`)
    ``svc.signera_utdrag(u_id, nyckel)``, ``svc.utdrag_for_signering(u_id)``,
    ``svc.importera_signerat_utdrag(u_id, data)``, ``svc.utdrag_signeringsstatus(u_id)``;
    the same for the anslag by justering (``svc.signera_anslag(j_id, nyckel)`` …), which
    keeps the anslag first: ``svc.anslag_pdf`` then gives the kept, signed anslag.

Other features: :mod:`app.protokoll.hooks` (``on_protokoll_justerat``,
``is_justerat``, ``protokoll_justering``).
"""

from app.protokoll.model import Protokollinstallning
from app.protokoll.service import ProtokollService

__all__ = ["ProtokollService", "Protokollinstallning"]
