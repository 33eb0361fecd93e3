//! `access_matrix`: every server function and every page, called by every kind of actor, gets
//! the answer the access policy promises. A server function or a route without an entry in the
//! tables below fails the test: access is decided for everything, on purpose.

mod cast;
mod functions;
mod pages;

use crate::support;

use app::server_fns::*;
use cast::cast;
use functions::server_function_table;
use pages::page_table;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::domain::{
    MissionLocaleId, PersonId, RoomId, SessionId, SessionStatus, SiteId, WorkshopTypeId,
};
use shared::entities::{audit_event, facilitator, person, staff_member, youth};
use support::{Seed, TestApp, server_fn_path};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Coordinator,
    /// Same Mission Locale as the youth, not their referent, no speciality.
    CounsellorSameMl,
    CounsellorOtherMl,
    /// Disability specialist of the youth's Mission Locale.
    Specialist,
    /// The youth whose file is at stake.
    Youth,
    AnotherYouth,
    Facilitator,
    Anonymous,
}
use Who::*;

const EVERYONE: &[Who] = &[
    Coordinator,
    CounsellorSameMl,
    CounsellorOtherMl,
    Specialist,
    Youth,
    AnotherYouth,
    Facilitator,
    Anonymous,
];
const SIGNED_IN: &[Who] = &[
    Coordinator,
    CounsellorSameMl,
    CounsellorOtherMl,
    Specialist,
    Youth,
    AnotherYouth,
    Facilitator,
];
const STAFF: &[Who] = &[Coordinator, CounsellorSameMl, CounsellorOtherMl, Specialist];
const YOUTH_EDITORS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist];
const YOUTH_READERS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist, Youth];
/// The staff of the Mission Locale whose site is at stake, and coordinators.
const SITE_EDITORS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist];
const COORDINATORS: &[Who] = &[Coordinator];
const FACILITATORS: &[Who] = &[Facilitator];
const YOUTHS: &[Who] = &[Youth, AnotherYouth];
/// Those who keep the guest facilitators of the matrix, who run a session of the Mission Locale:
/// its staff, and coordinators.
const FACILITATOR_KEEPERS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist];
/// Those who take a session's attendance: its organisers and its guest facilitator.
const ATTENDANCE_TAKERS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist, Facilitator];

/// What an entry promises.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// No access rule: every actor gets the same answer, never 401 or 403.
    Public,
    /// These actors succeed; every other one is refused (401, 403 or 404) and changes nothing.
    Only(&'static [Who]),
    /// Exists only in demo mode (the local mail viewer, which shows everyone's mail): there,
    /// every actor succeeds; outside it, 404 for every actor, whatever the mail backend.
    DemoOnly,
}

/// The message the local mail viewer shows in the demo-only checks (`<id>.eml` in its folder).
const LOCAL_MAIL: &str = "matrice-courriel";

/// The people of the demo the matrix plays with.
struct Cast {
    /// The Monday the matrix plans from (see [`matrix_monday`]).
    monday: chrono::NaiveDate,
    coordinator: PersonId,
    referent: PersonId,
    counsellor_same_ml: PersonId,
    counsellor_other_ml: PersonId,
    specialist: PersonId,
    youth: PersonId,
    another_youth: PersonId,
    youth_to_archive: PersonId,
    facilitator: PersonId,
    youth_form: Vec<(&'static str, String)>,
    mission_locale: MissionLocaleId,
    other_mission_locale: MissionLocaleId,
    site: SiteId,
    room: RoomId,
    staff_to_archive: PersonId,
    facilitator_to_edit: PersonId,
    facilitator_to_archive: PersonId,
    /// A session of the Mission Locale, in `room`, for edits.
    session_to_edit: SessionId,
    /// A session of the Mission Locale next week, open to every youth, with 4 places.
    open_session: SessionId,
    /// One per planner: a cancelled session cannot be cancelled again.
    sessions_to_cancel: Vec<SessionId>,
    /// A workshop type of the demo catalogue to edit, and its title and theme.
    workshop_type: (WorkshopTypeId, String, String),
    workshop_type_to_archive: WorkshopTypeId,
    /// A message to `youth` that could not be delivered.
    failed_mail: i32,
    failed_sms: i32,
    /// A session of the Mission Locale under way, run by the referent and the facilitator, with
    /// `youth` and `another_youth` registered.
    session_under_way: SessionId,
    /// Its check-in secret, for the code of the moment.
    check_in_secret: String,
    /// One session under way without places per attendance taker: each closes its own.
    sessions_to_close: Vec<SessionId>,
    /// A session whose sheet is closed, `youth` present on it.
    closed_session: SessionId,
    /// The verification code printed on its PDF.
    seal_code: String,
}

impl Cast {
    fn person(&self, who: Who) -> Option<PersonId> {
        Some(match who {
            Coordinator => self.coordinator,
            CounsellorSameMl => self.counsellor_same_ml,
            CounsellorOtherMl => self.counsellor_other_ml,
            Specialist => self.specialist,
            Youth => self.youth,
            AnotherYouth => self.another_youth,
            Facilitator => self.facilitator,
            Anonymous => return None,
        })
    }
}

const REFUSED: [u16; 3] = [401, 403, 404];

on_both_databases!(access_matrix, Seed::Demo, |app: TestApp| async move {
    let cast = cast(&app).await;
    let functions = server_function_table();

    // Completeness: a server function nobody thought about is a failure.
    let listed: Vec<&str> = functions.iter().map(|(path, _, _)| *path).collect();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        assert!(
            listed.contains(&path),
            "server function {path} has no entry in the access matrix"
        );
    }
    let pages = page_table(&cast);
    let routes = leptos_axum::generate_route_list(app::App);
    for route in &routes {
        let pattern = route.path().replace('{', ":").replace('}', "");
        assert!(
            pages.iter().any(|(known, _, _)| *known == pattern),
            "route {pattern} has no entry in the access matrix"
        );
    }

    // Every way the app departs from the table, reported together at the end.
    let mut mismatches: Vec<String> = Vec::new();
    let mut call = 0;
    for (path, args, access) in &functions {
        if let Access::DemoOnly = access {
            continue; // checked below, with and without demo mode
        }
        let mut statuses = Vec::new();
        for &who in EVERYONE {
            call += 1;
            let session = match cast.person(who) {
                Some(person_id) => Some(app.session_for(person_id).await),
                None => None,
            };
            let response = app
                .call(path, &args(&cast, who, call), session.as_deref())
                .await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            match access {
                Access::Public => {
                    if matches!(status, 401 | 403) {
                        mismatches.push(format!("{path} as {who:?}: {status} {body}"));
                    }
                    statuses.push(status);
                }
                Access::Only(allowed) if allowed.contains(&who) => {
                    if !(200..300).contains(&status) {
                        mismatches
                            .push(format!("{path} as {who:?} should succeed: {status} {body}"));
                    }
                }
                Access::Only(_) => {
                    if !REFUSED.contains(&status) {
                        mismatches.push(format!(
                            "{path} as {who:?} should be refused: {status} {body}"
                        ));
                    } else if who == Anonymous && status != 401 {
                        mismatches
                            .push(format!("{path}: the anonymous must sign in, got {status}"));
                    }
                }
                Access::DemoOnly => unreachable!(),
            }
        }
        if let Access::Public = access
            && !statuses.windows(2).all(|pair| pair[0] == pair[1])
        {
            mismatches.push(format!("{path} answers differently by actor: {statuses:?}"));
        }
    }

    // Refused calls changed nothing: only the three editors' updates are in the youth's history.
    let updates = audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(cast.youth))
        .filter(audit_event::Column::Action.eq("youth_updated"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(updates, YOUTH_EDITORS.len() as u64);
    let created = person::Entity::find()
        .filter(person::Column::LastName.eq("Matrice"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        created,
        (STAFF.len() + 1) as u64,
        "only staff created youths, and a coordinator one account"
    );
    let rooms = shared::entities::room::Entity::find()
        .filter(shared::entities::room::Column::SiteId.eq(cast.site))
        .filter(shared::entities::room::Column::Name.starts_with("Salle matrice"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        rooms,
        SITE_EDITORS.len() as u64,
        "only the site's editors added rooms"
    );
    let planned = shared::entities::workshop_session::Entity::find()
        .filter(shared::entities::workshop_session::Column::NoteForYouths.eq("matrix"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(planned, SITE_EDITORS.len() as u64, "only planners planned");
    let cancelled = shared::entities::workshop_session::Entity::find()
        .filter(shared::entities::workshop_session::Column::Status.eq(SessionStatus::Cancelled))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        cancelled,
        SITE_EDITORS.len() as u64,
        "only planners cancelled"
    );
    let workshop_types = shared::entities::workshop_type::Entity::find()
        .filter(shared::entities::workshop_type::Column::Title.starts_with("Atelier matrice"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        workshop_types,
        STAFF.len() as u64,
        "only staff added workshop types"
    );
    // Only those who keep the facilitators changed them: each keeper's update, one archiving,
    // one restoring (the others found it done).
    for (action, subject, expected) in [
        (
            "facilitator_updated",
            cast.facilitator_to_edit,
            FACILITATOR_KEEPERS.len(),
        ),
        ("facilitator_archived", cast.facilitator_to_archive, 1),
        ("facilitator_restored", cast.facilitator_to_archive, 1),
    ] {
        let count = audit_event::Entity::find()
            .filter(audit_event::Column::SubjectId.eq(subject))
            .filter(audit_event::Column::Action.eq(action))
            .count(&app.db)
            .await
            .expect("a count");
        assert_eq!(count, expected as u64, "{action}");
    }
    let catalogue_updates = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("workshop_type_updated"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        catalogue_updates,
        STAFF.len() as u64,
        "only staff edited the catalogue"
    );

    // Refused calls changed no place: the two youths enrolled and cancelled, the youth editors
    // enrolled the youth once (the others found them enrolled) and one of them removed them.
    let events: Vec<String> = shared::entities::enrolment_event::Entity::find()
        .filter(shared::entities::enrolment_event::Column::SessionId.eq(cast.open_session))
        .order_by_asc(shared::entities::enrolment_event::Column::Id)
        .all(&app.db)
        .await
        .expect("events")
        .into_iter()
        .map(|event| event.kind.code().to_owned())
        .collect();
    assert_eq!(
        events,
        [
            "registered",
            "registered",
            "cancelled",
            "cancelled",
            "registered",
            "removed"
        ],
        "only youths and their editors changed places"
    );

    for (pattern, url, access) in &pages {
        if let Access::DemoOnly = access {
            continue; // checked below, with and without demo mode
        }
        let mut statuses = Vec::new();
        for &who in EVERYONE {
            let session = match cast.person(who) {
                Some(person_id) => Some(app.session_for(person_id).await),
                None => None,
            };
            let status = app.get_as(url, session.as_deref()).await.status().as_u16();
            match access {
                Access::Public => statuses.push(status),
                Access::Only(allowed) if allowed.contains(&who) => {
                    if status != 200 {
                        mismatches
                            .push(format!("{pattern} as {who:?} should be 200, got {status}"));
                    }
                }
                Access::Only(_) => {
                    if !REFUSED.contains(&status) {
                        mismatches.push(format!(
                            "{pattern} as {who:?} should be refused, got {status}"
                        ));
                    }
                }
                Access::DemoOnly => unreachable!(),
            }
        }
        if let Access::Public = access
            && (!statuses.windows(2).all(|pair| pair[0] == pair[1]) || statuses.contains(&403))
        {
            mismatches.push(format!(
                "{pattern} answers differently by actor: {statuses:?}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} answers differ from the access table:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );

    // Demo-only: this app's routes over the same database, with a mail folder holding one
    // message, in demo mode (every actor reads it, as with `make run`) and outside it (404 for
    // every actor: a start with a mail folder outside the demo is refused anyway).
    let folder = tempfile::tempdir().expect("a folder");
    std::fs::write(
        folder.path().join(format!("{LOCAL_MAIL}.eml")),
        "From: Ateliers <ne-pas-repondre@ateliers.example>\r\nTo: jeune@exemple.fr\r\n\
         Subject: Courriel de la matrice\r\nMessage-ID: <matrice@ateliers.example>\r\n\r\n\
         Bonjour\r\n",
    )
    .expect("a message in the folder");
    let mailer = shared::mail::Mailer::folder(folder.path()).expect("a folder mailer");
    let raw_download = format!("/courriels/{LOCAL_MAIL}/eml");
    for (demo, expected) in [(true, 200), (false, 404)] {
        let variant = app
            .serve_variant(app::state::AppState::new(app::state::StateParts {
                demo,
                mailer: mailer.clone(),
                ..(*app.state).clone()
            }))
            .await;
        for &who in EVERYONE {
            let session = match cast.person(who) {
                Some(person_id) => Some(app.session_for(person_id).await),
                None => None,
            };
            for (path, args, access) in &functions {
                if let Access::DemoOnly = access {
                    call += 1;
                    let response = app
                        .call_at(
                            &variant.address,
                            path,
                            &args(&cast, who, call),
                            session.as_deref(),
                        )
                        .await;
                    assert_eq!(
                        response.status().as_u16(),
                        expected,
                        "{path} as {who:?}, demo mode {demo}"
                    );
                }
            }
            let urls = pages
                .iter()
                .filter(|(_, _, access)| matches!(access, Access::DemoOnly))
                .map(|(_, url, _)| url)
                .chain([&raw_download]);
            for url in urls {
                let mut request = app.client.get(format!("{}{url}", variant.address));
                if let Some(session) = &session {
                    request = request.header("Cookie", format!("ateliers_session={session}"));
                }
                let status = request.send().await.expect("an answer").status().as_u16();
                assert_eq!(status, expected, "{url} as {who:?}, demo mode {demo}");
            }
        }
    }
});
