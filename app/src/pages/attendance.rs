use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    AttendanceLineView, AttendanceStatus, AttendanceView, CHECKED_IN_ELSEWHERE, PersonId,
    SessionId, SheetState, SignatureRequest,
};

use crate::components::{FormError, IslandsScripts, id_param, loaded};
use crate::islands::{CheckInScreenPanel, SignaturePad};
use crate::server_fns::{
    AddWalkIn, CheckInWithCode, CloseAttendanceSheet, CorrectAttendance, MarkAttendance,
    ReopenPaperSheet, ShowCheckInCode, SignAttendanceSheet, list_sheets_to_close,
    show_check_in_code, view_attendance, view_signature_request,
};

/// `/seances/:id/emargement`: the roll-call on a phone or tablet in the room — one tap per
/// status, the self check-ins to confirm, signatures, walk-ins, closing; then the kept sheets
/// and the corrections.
#[component]
pub fn AttendancePage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let attendance = Resource::new_blocking(move || id, view_attendance);
    let mark = ServerAction::<MarkAttendance>::new();
    let walk_in = ServerAction::<AddWalkIn>::new();
    let close = ServerAction::<CloseAttendanceSheet>::new();
    let correct = ServerAction::<CorrectAttendance>::new();
    let reopen = ServerAction::<ReopenPaperSheet>::new();
    let query = use_query_map().read_untracked();
    let notice = if query.get("close").is_some() {
        Some("La feuille est close et signée : le PDF est prêt.")
    } else if query.get("corrige").is_some() {
        Some("Correction enregistrée : une feuille corrigée a été ajoutée, l'originale est gardée.")
    } else if query.get("papier").is_some() {
        Some("Feuille papier déposée : le scan est gardé comme preuve et la feuille est close.")
    } else if query.get("rouverte").is_some() {
        Some("Feuille rouverte : l'appel reprend. Le scan déposé reste gardé comme preuve.")
    } else if query.get("signe").is_some() {
        Some("Signature enregistrée.")
    } else {
        None
    };
    let error = mark
        .value()
        .get_untracked()
        .or_else(|| walk_in.value().get_untracked())
        .or_else(|| close.value().get_untracked())
        .or_else(|| correct.value().get_untracked())
        .or_else(|| reopen.value().get_untracked())
        .and_then(Result::err);
    view! {
        <Title text="Émargement — Ateliers"/>
        <p><a href=format!("/seances/{id}")>"← La séance"</a></p>
        {notice.map(|notice| view! { <p class="notice notice--success" role="status" data-test="notice">{notice}</p> })}
        <FormError error/>
        {loaded(attendance, move |view| view! { <AttendanceSheetView view mark walk_in close correct reopen/> })}
    }
}

#[component]
fn AttendanceSheetView(
    view: AttendanceView,
    mark: ServerAction<MarkAttendance>,
    walk_in: ServerAction<AddWalkIn>,
    close: ServerAction<CloseAttendanceSheet>,
    correct: ServerAction<CorrectAttendance>,
    reopen: ServerAction<ReopenPaperSheet>,
) -> impl IntoView {
    let AttendanceView {
        session_id,
        title,
        when,
        place,
        state,
        roll_call_open,
        check_in_open,
        lines,
        walk_in_candidates,
        may_correct,
        may_file_paper,
        not_closable_because,
        closed,
        documents,
        corrections,
        reopenings,
    } = view;
    let state_label = match state {
        SheetState::Open => "Feuille ouverte",
        SheetState::Closed => "Feuille close et signée",
        SheetState::Paper => "Feuille papier déposée",
    };
    let open = state == SheetState::Open;
    let present = lines
        .iter()
        .filter(|line| line.status.is_some_and(AttendanceStatus::attended))
        .count();
    let summary = format!(
        "{state_label} · {present} présent·es sur {} ligne(s)",
        lines.len()
    );
    view! {
        <h1>{format!("Émargement — {title}")}</h1>
        <p class="lead">{format!("{when} · {place}")}</p>
        <p data-test="sheet-state" data-state=state.code()>{summary}</p>
        {closed.map(|closed| view! { <p data-test="sheet-closed">{closed}</p> })}
        {(open && !roll_call_open).then(|| view! {
            <p class="notice" role="note">"L'appel s'ouvre une heure avant le début de la séance."</p>
        })}
        {(open && check_in_open).then(|| view! {
            <p class="actions">
                <a class="button" href=format!("/seances/{session_id}/pointage") data-test="open-check-in">
                    "Écran de pointage (code et QR code)"
                </a>
            </p>
        })}
        <h2>"Appel"</h2>
        {lines.is_empty().then(|| view! { <p>"Personne n'est inscrit·e à cette séance."</p> })}
        <ul class="roll-call" data-test="roll-call">
            {lines
                .into_iter()
                .map(|line| view! { <RollCallLine session_id line open=open && roll_call_open mark may_correct=may_correct && !open correct/> })
                .collect_view()}
        </ul>
        {(open && roll_call_open && !walk_in_candidates.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="sans-inscription">
                <h2 id="sans-inscription">"Ajouter un·e jeune venu·e sans inscription"</h2>
                <ActionForm action=walk_in attr:data-test="walk-in-form">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <label for="walk-in-youth">"Jeune"</label>
                    <select id="walk-in-youth" name="youth_id" required data-test="walk-in-youth">
                        <option value="">"— Choisir —"</option>
                        {walk_in_candidates.into_iter().map(|youth| view! {
                            <option value=youth.id.to_string()>{format!("{} (suivi·e par {})", youth.name, youth.detail)}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button" data-test="add-walk-in">"Ajouter, présent·e"</button>
                </ActionForm>
            </section>
        })}
        {(open && roll_call_open).then(|| view! {
            <section class="card" aria-labelledby="cloturer">
                <h2 id="cloturer">"Signer et clôturer la feuille"</h2>
                {if not_closable_because.is_empty() {
                    view! {
                        <p>"Signez en dernier : la feuille sera close et le PDF produit. Après, un statut ne change que par une correction motivée."</p>
                        <ActionForm action=close attr:data-test="close-form">
                            <input type="hidden" name="session_id" value=session_id.to_string()/>
                            <SignaturePad label="Votre signature, pour clôturer la feuille".to_owned()/>
                            <noscript><p>"La signature au doigt demande JavaScript : imprimez la feuille papier."</p></noscript>
                            <button type="submit" class="button button--large" data-test="close-sheet">"Signer et clôturer"</button>
                        </ActionForm>
                        <IslandsScripts/>
                    }.into_any()
                } else {
                    view! {
                        <p>"Avant de clôturer :"</p>
                        <ul data-test="not-closable">
                            {not_closable_because.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
        {open.then(|| view! { <PaperSheetSection session_id may_file=may_file_paper/> })}
        {(state == SheetState::Paper && may_file_paper).then(|| view! { <ReopenPaperSection session_id reopen/> })}
        <section id="documents" aria-labelledby="feuilles">
            <h2 id="feuilles">"Feuilles gardées"</h2>
            {documents.is_empty().then(|| view! { <p>"Aucune : la feuille est produite à la clôture, ou le scan de la feuille papier déposé."</p> })}
            <ul data-test="sheet-documents">
                {documents.into_iter().map(|document| view! {
                    <li>
                        <a href=format!("/seances/{session_id}/emargement/documents/{}", document.id) data-test="sheet-pdf" download="">
                            {format!("{} — {}", document.label, document.made_at)}
                        </a>
                        <br/>
                        <small class="fingerprint">{format!("Empreinte SHA-256 : {}", document.fingerprint)}</small>
                    </li>
                }).collect_view()}
            </ul>
            {(!reopenings.is_empty()).then(|| view! {
                <h3>"Réouvertures de la feuille papier"</h3>
                <ul data-test="reopenings">
                    {reopenings.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            })}
            {(!corrections.is_empty()).then(|| view! {
                <h3>"Corrections après clôture"</h3>
                <ul data-test="corrections">
                    {corrections.into_iter().map(|correction| view! {
                        <li>{format!(
                            "{} : {} → {} — {} (par {}, le {})",
                            correction.youth,
                            correction.from.label(),
                            correction.to.label(),
                            correction.reason,
                            correction.by,
                            correction.at
                        )}</li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// The paper fallback (no tablet, no network, no JavaScript): print the pre-filled sheet,
/// have it signed, upload its scan. A plain multipart form posting to an axum route
/// (`server/src/routes.rs::upload_paper_sheet`): server functions take no files without
/// JavaScript.
#[component]
fn PaperSheetSection(
    session_id: SessionId,
    /// Only the organisers file the scan, which closes the sheet; a guest prints the sheet and
    /// hands it over.
    may_file: bool,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="feuille-papier" data-test="paper-sheet">
            <h2 id="feuille-papier">"Feuille papier"</h2>
            {if may_file {
                view! { <p>"Sans tablette ni réseau : imprimez la feuille pré-remplie (noms, colonne de signature vide), faites-la signer, puis déposez son scan ou sa photo. La feuille sera close, le scan gardé comme preuve ; les statuts déjà saisis restent tels quels."</p> }.into_any()
            } else {
                view! { <p data-test="paper-sheet-for-guests">"Sans tablette ni réseau : imprimez la feuille pré-remplie (noms, colonne de signature vide), faites-la signer, puis remettez-la à la Mission Locale qui organise la séance : elle en déposera le scan."</p> }.into_any()
            }}
            <p>
                <a class="button button--secondary" href=format!("/seances/{session_id}/emargement/a-signer.pdf") data-test="print-blank-sheet">
                    "Imprimer la feuille à signer (PDF)"
                </a>
            </p>
            {may_file.then(|| view! {
            <form method="post" enctype="multipart/form-data" action=format!("/seances/{session_id}/emargement/scan") data-test="paper-scan-form">
                <label for="paper-scan-file">"Scan de la feuille signée (PDF, JPEG ou PNG, 10 Mo au plus)"</label>
                <input type="file" id="paper-scan-file" name="scan" accept="application/pdf,image/jpeg,image/png" required data-test="paper-scan-file"/>
                <button type="submit" class="button" data-test="paper-scan-submit">"Déposer le scan et clore la feuille"</button>
            </form>
            })}
        </section>
    }
}

/// An organiser reopens a paper sheet (a scan of the wrong sheet, an unreadable one, a youth
/// forgotten), with a reason kept in the audit log; the scan stays among the kept sheets.
#[component]
fn ReopenPaperSection(
    session_id: SessionId,
    reopen: ServerAction<ReopenPaperSheet>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="rouvrir" data-test="reopen-paper">
            <h2 id="rouvrir">"Rouvrir la feuille"</h2>
            <p>"Le scan déposé ne convient pas (mauvaise feuille, illisible, un·e jeune oublié·e) ? Rouvrez la feuille : l'appel reprend, puis déposez un nouveau scan ou clôturez à l'écran. Le scan déposé reste gardé comme preuve, et la réouverture est notée avec sa raison."</p>
            <ActionForm action=reopen attr:data-test="reopen-paper-form">
                <input type="hidden" name="session_id" value=session_id.to_string()/>
                <label for="reopen-reason">"Raison de la réouverture"</label>
                <input id="reopen-reason" type="text" name="reason" required minlength="5" maxlength="500" data-test="reopen-reason"/>
                <button type="submit" class="button button--secondary" data-test="reopen-paper">"Rouvrir la feuille"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn RollCallLine(
    session_id: SessionId,
    line: AttendanceLineView,
    /// The sheet is open and the roll-call has begun: statuses can be tapped.
    open: bool,
    mark: ServerAction<MarkAttendance>,
    may_correct: bool,
    correct: ServerAction<CorrectAttendance>,
) -> impl IntoView {
    let AttendanceLineView {
        youth_id,
        name,
        status,
        walk_in,
        checked_in_at,
        confirmed,
        signed_at,
        checked_in_elsewhere,
    } = line;
    let mut details = Vec::new();
    details.push(
        status
            .map_or("Pas encore de statut", AttendanceStatus::label)
            .to_owned(),
    );
    if walk_in {
        details.push("sans inscription".to_owned());
    }
    if let Some(at) = &checked_in_at {
        details.push(format!("pointé·e à {at}"));
        if checked_in_elsewhere {
            details.push(format!("depuis un {CHECKED_IN_ELSEWHERE}"));
        }
        if !confirmed {
            details.push("à confirmer".to_owned());
        }
    }
    if let Some(at) = &signed_at {
        details.push(format!("signé à {at}"));
    }
    let attended = status.is_some_and(AttendanceStatus::attended);
    let name_for_buttons = name.clone();
    view! {
        <li
            id=format!("jeune-{youth_id}")
            class="roll-call__line"
            data-test="roll-call-line"
            data-youth=name.clone()
            data-status=status.map(AttendanceStatus::code).unwrap_or("")
            data-signed=if signed_at.is_some() { "true" } else { "false" }
        >
            <p class="roll-call__name"><strong>{name.clone()}</strong></p>
            <p class="roll-call__details" data-test="line-details">{details.join(" · ")}</p>
            {open.then(|| view! {
                <ActionForm action=mark attr:class="roll-call__statuses">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <input type="hidden" name="youth_id" value=youth_id.to_string()/>
                    {AttendanceStatus::ALL.into_iter().map(|choice| {
                        let pressed = status == Some(choice) && confirmed;
                        view! {
                            <button
                                type="submit"
                                name="status"
                                value=choice.code()
                                class="button roll-call__status"
                                aria-pressed=if pressed { "true" } else { "false" }
                                aria-label=format!("{} : {}", name_for_buttons, choice.label())
                                data-test=format!("mark-{}", choice.code())
                            >
                                {choice.label()}
                            </button>
                        }
                    }).collect_view()}
                </ActionForm>
            })}
            {(open && attended && signed_at.is_none()).then(|| view! {
                <a class="button button--secondary" href=format!("/seances/{session_id}/emargement/signer/{youth_id}") data-test="collect-signature">
                    "Faire signer"
                </a>
            })}
            {(may_correct && status.is_some()).then(|| view! {
                <details class="roll-call__correct">
                    <summary data-test="open-correction">"Corriger"</summary>
                    <ActionForm action=correct attr:data-test="correction-form">
                        <input type="hidden" name="session_id" value=session_id.to_string()/>
                        <input type="hidden" name="youth_id" value=youth_id.to_string()/>
                        <label for=format!("correct-status-{youth_id}")>"Nouveau statut"</label>
                        <select id=format!("correct-status-{youth_id}") name="status" data-test="correction-status">
                            {AttendanceStatus::ALL.into_iter().map(|choice| view! {
                                <option value=choice.code() selected=status == Some(choice)>{choice.label()}</option>
                            }).collect_view()}
                        </select>
                        <label for=format!("correct-reason-{youth_id}")>"Raison (figurera sur la feuille corrigée)"</label>
                        <textarea id=format!("correct-reason-{youth_id}") name="reason" rows="2" required minlength="5" maxlength="500" data-test="correction-reason"></textarea>
                        <button type="submit" class="button" data-test="submit-correction">"Enregistrer la correction"</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

/// `/seances/:id/pointage`: the screen the facilitator shows the room — a code that changes
/// every 30 seconds, its QR code, and the check-ins to confirm.
#[component]
pub fn CheckInScreenPage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let screen = Resource::new_blocking(move || id, show_check_in_code);
    let refresh_path = <ShowCheckInCode as leptos::server_fn::ServerFn>::PATH;
    let confirm_path = <MarkAttendance as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text="Pointage — Ateliers"/>
        <p><a href=format!("/seances/{id}/emargement")>"← L'appel"</a></p>
        {loaded(screen, move |screen| view! {
                <h1>{format!("Pointage — {}", screen.title)}</h1>
                <p class="lead">"Les jeunes inscrit·es scannent le QR code, ou ouvrent « Pointer » dans Ateliers et tapent le code."</p>
                <CheckInScreenPanel screen refresh_path=refresh_path.to_owned() confirm_path=confirm_path.to_owned()/>
                <IslandsScripts/>
            })}
    }
}

/// `/pointer`: a youth types the code shown in the room (the QR code opens this page with the
/// code filled in).
#[component]
pub fn CheckInPage() -> impl IntoView {
    let check_in = ServerAction::<CheckInWithCode>::new();
    let code = use_query_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    view! {
        <Title text="Pointer — Ateliers"/>
        <h1>"Pointer à un atelier"</h1>
        <FormError error=check_in.value().get_untracked().and_then(Result::err)/>
        <p class="lead">"Tapez le code affiché dans la salle : il change toutes les 30 secondes."</p>
        <ActionForm action=check_in attr:data-test="check-in-form">
            <label for="check-in-code">"Code à 6 chiffres"</label>
            <input
                id="check-in-code"
                name="code"
                value=code
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9 ]*"
                maxlength="7"
                required
                class="input--code"
                data-test="check-in-code-input"
            />
            <button type="submit" class="button button--large" data-test="check-in">"Je suis là"</button>
        </ActionForm>
    }
}

/// `/ateliers/:id/signer`: a youth signs the sheet on their own phone.
#[component]
pub fn YouthSignaturePage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let checked_in = use_query_map().read_untracked().get("pointe").is_some();
    view! {
        <Title text="Signer la feuille — Ateliers"/>
        {checked_in.then(|| view! {
            <p class="notice notice--success" role="status" data-test="checked-in">
                "Vous êtes pointé·e. L'animateur·rice confirme votre présence ; signez la feuille ci-dessous."
            </p>
        })}
        <SignatureSection session_id=id youth_id=PersonId::new(0)/>
    }
}

/// `/seances/:id/emargement/signer/:youth`: a youth signs on the facilitator's device.
#[component]
pub fn CollectSignaturePage() -> impl IntoView {
    let id: SessionId = id_param("id");
    view! {
        <Title text="Faire signer — Ateliers"/>
        <p><a href=format!("/seances/{id}/emargement")>"← L'appel"</a></p>
        <SignatureSection session_id=id youth_id=id_param("youth")/>
    }
}

/// Whose signature, and the pad (or the thanks once signed). `youth_id` 0: the signed-in youth.
#[component]
fn SignatureSection(session_id: SessionId, youth_id: PersonId) -> impl IntoView {
    let request = Resource::new_blocking(
        move || (session_id, youth_id),
        |(session_id, youth_id)| view_signature_request(session_id, youth_id),
    );
    let sign = ServerAction::<SignAttendanceSheet>::new();
    view! {
        <FormError error=sign.value().get_untracked().and_then(Result::err)/>
        {loaded(request, move |request| view! { <SignatureForm request sign/> })}
    }
}

#[component]
fn SignatureForm(
    request: SignatureRequest,
    sign: ServerAction<SignAttendanceSheet>,
) -> impl IntoView {
    let SignatureRequest {
        session_id,
        youth_id,
        title,
        when,
        youth_name,
        status,
        signed_at,
        checked_in_elsewhere,
    } = request;
    view! {
        <h1>{format!("Feuille d'émargement — {title}")}</h1>
        <p class="lead">{when}</p>
        <p>{format!("{youth_name} · {}", status.label())}</p>
        {checked_in_elsewhere.then(|| view! {
            <p class="notice" role="status" data-test="checked-in-elsewhere">
                {format!("Pointage fait depuis un {CHECKED_IN_ELSEWHERE} (données mobiles, ou à distance) : l'animateur·rice vérifie votre présence avant de la confirmer.")}
            </p>
        })}
        {match signed_at {
            Some(at) => view! {
                <p class="notice notice--success" role="status" data-test="signed">
                    {format!("Signé à {at}. Merci !")}
                </p>
            }.into_any(),
            None if status.attended() => view! {
                <ActionForm action=sign attr:data-test="signature-form">
                    <input type="hidden" name="session_id" value=session_id.to_string()/>
                    <input type="hidden" name="youth_id" value=youth_id.to_string()/>
                    <p>{format!("Signature de {youth_name}, avec le doigt dans le cadre :")}</p>
                    <SignaturePad label=format!("Signature de {youth_name}")/>
                    <noscript><p>"La signature au doigt demande JavaScript : signez la feuille papier."</p></noscript>
                    <button type="submit" class="button button--large" data-test="sign">"Je signe"</button>
                </ActionForm>
                <IslandsScripts/>
            }.into_any(),
            None => view! {
                <p class="notice" data-test="not-to-sign">"Seul·es les jeunes présent·es ou en retard signent la feuille."</p>
            }.into_any(),
        }}
    }
}

/// `/emargements`: the sheets still open once their session has started, oldest first — the
/// sessions under way, then those whose roll-call or signatures are missing.
#[component]
pub fn SheetsToClosePage() -> impl IntoView {
    let sheets = Resource::new_blocking(|| (), |_| list_sheets_to_close());
    view! {
            <Title text="Émargements à clôturer — Ateliers"/>
            <h1>"Émargements à clôturer"</h1>
            <p class="lead">"Les séances commencées dont la feuille n'est pas encore close, de la plus ancienne à la plus récente."</p>
            {loaded(sheets, move |value| match value {
                sheets if sheets.is_empty() => view! {
                    <p class="notice" data-test="no-sheet-to-close">"Toutes les feuilles sont closes."</p>
                }.into_any(),
                sheets => view! {
                    <ul class="session-list" data-test="sheets-to-close">
                        {sheets.into_iter().map(|sheet| view! {
                            <li class="card" data-test="sheet-to-close">
                                <h2>
                                    <a href=format!("/seances/{}/emargement", sheet.session_id)>{sheet.title}</a>
                                </h2>
                                <p>{format!("{} · {}", sheet.when, sheet.mission_locale)}</p>
                                <p><strong>{if sheet.under_way { format!("En cours · {}", sheet.what_is_left) } else { sheet.what_is_left }}</strong></p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
    })}
        }
}
