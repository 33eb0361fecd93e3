use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    AttendanceStatus, AttendanceView, HalfDayNumber, HalfDayTab, SessionId, SheetState,
};

use super::close_sheet::CloseSheetSection;
use super::kept_sheets::KeptSheets;
use super::paper_sheet::{PaperSheetSection, ReopenPaperSection};
use super::roll_call_line::RollCallLine;
use crate::components::{FormError, QueryNotice, id_param, loaded};
use crate::server_fns::{
    AddWalkIn, CloseAttendanceSheet, CorrectAttendance, MarkAttendance, ReopenPaperSheet,
    view_attendance,
};

/// `/seances/:id/emargement`: the roll-call on a phone or tablet in the room — one tap per
/// status, the self check-ins to confirm, signatures, walk-ins, closing; then the kept sheets
/// and the corrections. A full day has a tab per half-day (`?demi=2`: the afternoon), each
/// signed and closed on its own; without `demi`, the half-day under way.
#[component]
pub fn AttendancePage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let half_day = use_query_map()
        .read_untracked()
        .get("demi")
        .and_then(|typed| HalfDayNumber::parse_among(&typed, 2).ok());
    let attendance = Resource::new_blocking(
        move || (id, half_day),
        |(id, half_day)| view_attendance(id, half_day),
    );
    let mark = ServerAction::<MarkAttendance>::new();
    let walk_in = ServerAction::<AddWalkIn>::new();
    let close = ServerAction::<CloseAttendanceSheet>::new();
    let correct = ServerAction::<CorrectAttendance>::new();
    let reopen = ServerAction::<ReopenPaperSheet>::new();
    const NOTICES: &[(&str, &str)] = &[
        ("close", "La feuille est close et signée : le PDF est prêt."),
        (
            "demi-close",
            "Demi-journée close et signée : son appel est figé. La feuille et son PDF le seront à la clôture de la dernière demi-journée.",
        ),
        (
            "corrige",
            "Correction enregistrée : une feuille corrigée a été ajoutée, l'originale est gardée.",
        ),
        (
            "papier",
            "Feuille papier déposée : le scan est gardé comme preuve et la feuille est close.",
        ),
        (
            "rouverte",
            "Feuille rouverte : l'appel reprend. Le scan déposé reste gardé comme preuve.",
        ),
        ("signe", "Signature enregistrée."),
    ];
    let error = mark
        .value()
        .get_untracked()
        .or_else(|| walk_in.value().get_untracked())
        .or_else(|| close.value().get_untracked())
        .or_else(|| correct.value().get_untracked())
        .or_else(|| reopen.value().get_untracked())
        .and_then(Result::err);
    view! {
        <Title text="Émargement — Ateliers" />
        <p>
            <a href=format!("/seances/{id}")>"← La séance"</a>
        </p>
        <QueryNotice notices=NOTICES />
        <FormError error />
        {loaded(
            attendance,
            move |view| view! { <AttendanceSheetView view mark walk_in close correct reopen /> },
        )}
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
        half_days,
        half_day,
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
    let half_day_closed = half_days
        .iter()
        .any(|tab| tab.number == half_day && tab.closed);
    // The sheet is open and so is the half-day shown: its roll-call can change.
    let open = state == SheetState::Open && !half_day_closed;
    let last_half_day = half_days.last().is_none_or(|tab| tab.number == half_day);
    let present = lines
        .iter()
        .filter(|line| line.status.is_some_and(AttendanceStatus::attended))
        .count();
    let shown = half_days
        .iter()
        .find(|tab| tab.number == half_day)
        .filter(|_| half_days.len() > 1)
        .map(|tab| format!(" · {} ({})", tab.name, tab.hours))
        .unwrap_or_default();
    let summary = format!(
        "{state_label}{shown} · {present} présent·es sur {} ligne(s)",
        lines.len()
    );
    view! {
        <h1>{format!("Émargement — {title}")}</h1>
        <p class="lead">{format!("{when} · {place}")}</p>
        <HalfDayTabs session_id half_days half_day />
        <p data-test="sheet-state" data-state=state.code() data-half-day=half_day.ordinal()>
            {summary}
        </p>
        {closed.map(|closed| view! { <p data-test="sheet-closed">{closed}</p> })}
        {(open && !roll_call_open)
            .then(|| {
                view! {
                    <p class="notice" role="note">
                        "L'appel s'ouvre une heure avant le début de la séance."
                    </p>
                }
            })}
        {(open && check_in_open)
            .then(|| {
                view! {
                    <p class="actions">
                        <a
                            class="button"
                            href=format!("/seances/{session_id}/pointage")
                            data-test="open-check-in"
                        >
                            "Écran de pointage (code et QR code)"
                        </a>
                    </p>
                }
            })}
        <h2>"Appel"</h2>
        {lines.is_empty().then(|| view! { <p>"Personne n'est inscrit·e à cette séance."</p> })}
        <ul class="roll-call" data-test="roll-call">
            {lines
                .into_iter()
                .map(|line| {
                    view! {
                        <RollCallLine
                            session_id
                            half_day
                            line
                            open=open && roll_call_open
                            mark
                            may_correct=may_correct && state == SheetState::Closed
                            correct
                        />
                    }
                })
                .collect_view()}
        </ul>
        {(open && roll_call_open && !walk_in_candidates.is_empty())
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="sans-inscription">
                        <h2 id="sans-inscription">
                            "Ajouter un·e jeune venu·e sans inscription"
                        </h2>
                        <ActionForm action=walk_in attr:data-test="walk-in-form">
                            <input type="hidden" name="session_id" value=session_id.to_string() />
                            <input type="hidden" name="half_day" value=half_day.index() />
                            <label for="walk-in-youth">"Jeune"</label>
                            <select
                                id="walk-in-youth"
                                name="youth_id"
                                required
                                data-test="walk-in-youth"
                            >
                                <option value="">"— Choisir —"</option>
                                {walk_in_candidates
                                    .into_iter()
                                    .map(|youth| {
                                        view! {
                                            <option value=youth
                                                .id
                                                .to_string()>
                                                {format!("{} (suivi·e par {})", youth.name, youth.detail)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit" class="button" data-test="add-walk-in">
                                "Ajouter, présent·e"
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
        {(open && roll_call_open)
            .then(|| {
                view! {
                    <CloseSheetSection
                        session_id
                        half_day
                        last_half_day
                        not_closable_because
                        close
                    />
                }
            })}
        {(state == SheetState::Open)
            .then(|| view! { <PaperSheetSection session_id may_file=may_file_paper /> })}
        {(state == SheetState::Paper && may_file_paper)
            .then(|| view! { <ReopenPaperSection session_id reopen /> })}
        <KeptSheets session_id documents reopenings corrections />
    }
}

/// A full day's half-days as tabs (links: they work without JavaScript), each saying whether
/// it is closed; nothing for a session of one half-day.
#[component]
fn HalfDayTabs(
    session_id: SessionId,
    half_days: Vec<HalfDayTab>,
    half_day: HalfDayNumber,
) -> impl IntoView {
    (half_days.len() > 1).then(|| {
        view! {
            <nav class="half-days" aria-label="Demi-journées" data-test="half-days">
                {half_days
                    .into_iter()
                    .map(|tab| {
                        let current = tab.number == half_day;
                        let state = if tab.closed { " · close" } else { "" };
                        view! {
                            <a
                                class="half-days__tab"
                                href=format!(
                                    "/seances/{session_id}/emargement?demi={}",
                                    tab.number.ordinal(),
                                )
                                aria-current=current.then_some("page")
                                data-test=format!("half-day-{}", tab.number.ordinal())
                                data-closed=if tab.closed { "true" } else { "false" }
                            >
                                {format!("{} ({}){state}", tab.name, tab.hours)}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        }
    })
}
