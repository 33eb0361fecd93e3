//! Enrolment through HTTP, on SQLite and on PostgreSQL: a youth's journey (enrol, waiting list,
//! promotion, cancel, with and without JavaScript), the counsellor's (enrol several, remove,
//! promote, capacity), bad input that writes nothing, and the proof that a session is never
//! overbooked — under 200 concurrent requests, and across two server instances.
//!
//! Run the concurrency proofs alone with
//! `cargo nextest run -p ateliers-server --test api no_overbooking`.

use crate::support;

use std::collections::{HashMap, HashSet};

use app::server_fns::{
    CancelEnrolment, ChangeCapacity, EnrolInSession, EnrolYouths, PromoteFromWaitingList,
    RemoveEnrolment,
};
use chrono::Duration;
use futures::future::join_all;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use shared::domain::{
    Audience, EnrolmentEventKind, EnrolmentStatus, PersonId, SessionId, Standing, Theme,
    WorkshopTypeId, YouthPlaceView,
};
use shared::entities::{enrolment, enrolment_event, workshop_session};
use support::{Seed, TestApp, builders, server_fn_path};

/// Two Missions Locales (Bondy and Pantin) with a counsellor each, a coordinator and a workshop.
struct Organisers {
    bondy: builders::MissionLocale,
    counsellor: PersonId,
    pantin: builders::MissionLocale,
    elsewhere: PersonId,
    coordinator: PersonId,
    workshop: WorkshopTypeId,
}

async fn organisers(app: &TestApp) -> Organisers {
    let bondy = builders::mission_locale(app, "Bondy").await;
    let pantin = builders::mission_locale(app, "Pantin").await;
    Organisers {
        counsellor: builders::counsellor(bondy.id).insert(app).await.id,
        elsewhere: builders::counsellor(pantin.id)
            .named("Karim", "Haddad")
            .insert(app)
            .await
            .id,
        coordinator: builders::coordinator().insert(app).await.id,
        workshop: builders::workshop(app, "Mon CV en une page", Theme::Cv).await,
        bondy,
        pantin,
    }
}

/// A published session of Bondy for the whole federation, a week ahead (so that freed places
/// still go to the waiting list by themselves), with `capacity` places.
async fn open_session(
    app: &TestApp,
    organisers: &Organisers,
    capacity: i32,
) -> workshop_session::Model {
    let id = builders::session(
        organisers.workshop,
        &organisers.bondy,
        organisers.counsellor,
    )
    .capacity(capacity)
    .insert(app)
    .await;
    workshop_session::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// `count` youths of Bondy's counsellor.
async fn youths(app: &TestApp, organisers: &Organisers, count: usize) -> Vec<PersonId> {
    builders::youths(app, organisers.counsellor, count).await
}

async fn signed_in(app: &TestApp, people: &[PersonId]) -> HashMap<PersonId, String> {
    let mut sessions = HashMap::new();
    for &person in people {
        sessions.insert(person, app.session_for(person).await);
    }
    sessions
}

fn form(session_id: SessionId) -> Vec<(&'static str, String)> {
    vec![("session_id", session_id.to_string())]
}

async fn place_of(response: reqwest::Response) -> YouthPlaceView {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The session's places, checked: never more registered than seats, one row per youth,
/// tickets unique, nobody waiting while a seat is free (promotion is automatic this far
/// ahead), and every row's status is what its last event says. Returns (registered, waiting).
async fn check_invariants(app: &TestApp, session_id: SessionId) -> (usize, usize) {
    let session = workshop_session::Entity::find_by_id(session_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .all(&app.db)
        .await
        .unwrap();
    let registered = rows
        .iter()
        .filter(|row| row.status == EnrolmentStatus::Registered)
        .count();
    let waiting = rows
        .iter()
        .filter(|row| row.status == EnrolmentStatus::Waiting)
        .count();
    assert!(
        registered <= session.capacity as usize,
        "{registered} registered for {} seats",
        session.capacity
    );
    let youths: HashSet<PersonId> = rows.iter().map(|row| row.youth_id).collect();
    assert_eq!(youths.len(), rows.len(), "a youth holds two rows");
    let tickets: HashSet<i64> = rows
        .iter()
        .filter(|row| {
            row.status == EnrolmentStatus::Registered || row.status == EnrolmentStatus::Waiting
        })
        .map(|row| row.ticket)
        .collect();
    assert_eq!(
        tickets.len(),
        registered + waiting,
        "two places share a ticket"
    );
    assert!(
        registered == session.capacity as usize || waiting == 0,
        "{waiting} youths wait while {} seats are free",
        session.capacity as usize - registered
    );
    let events = enrolment_event::Entity::find()
        .filter(enrolment_event::Column::SessionId.eq(session_id))
        .order_by_asc(enrolment_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let mut last: HashMap<PersonId, EnrolmentEventKind> = HashMap::new();
    for event in events {
        last.insert(event.youth_id, event.kind);
    }
    for row in &rows {
        assert_eq!(
            last[&row.youth_id].status_after(),
            row.status,
            "the history of youth {} disagrees with their place",
            row.youth_id
        );
    }
    (registered, waiting)
}

/// What a burst of requests got back: every one is answered, with success or a French refusal.
async fn answered(responses: Vec<reqwest::Response>) -> Vec<(u16, String)> {
    let mut answers = Vec::new();
    for response in responses {
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert!(
            status == 200 || status == 400,
            "a request was not answered properly: {status} {body}"
        );
        answers.push((status, body));
    }
    answers
}

/// One request of a race: instance, server function, form, session token.
type Request = (String, &'static str, Vec<(&'static str, String)>, String);

/// 200 youths take the 10 seats of a session at once; then cancellations, new enrolments and
/// capacity changes all race; the rules hold after every wave.
async fn race_for_seats(app: &TestApp, addresses: &[String]) {
    let organisers = organisers(app).await;
    let session = open_session(app, &organisers, 10).await;
    let id = session.id;
    let people = youths(app, &organisers, 300).await;
    let (first_wave, later) = people.split_at(200);
    let tokens = signed_in(app, &people).await;
    let enrol = server_fn_path::<EnrolInSession>();
    let cancel = server_fn_path::<CancelEnrolment>();
    let address = |index: usize| addresses[index % addresses.len()].clone();

    let responses = join_all(first_wave.iter().enumerate().map(|(index, youth)| {
        let token = tokens[youth].clone();
        let at = address(index);
        async move { app.call_at(&at, enrol, &form(id), Some(&token)).await }
    }))
    .await;
    let mut positions = Vec::new();
    let mut answered_standing = HashMap::new();
    for (youth, response) in first_wave.iter().zip(responses) {
        let place = place_of(response).await;
        let standing = place
            .standing
            .expect("every request got a place or a position");
        if let Standing::Waiting { position } = standing {
            positions.push(position);
        }
        answered_standing.insert(*youth, standing);
    }
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=190).collect::<Vec<u32>>(),
        "190 distinct positions"
    );
    assert_eq!(check_invariants(app, id).await, (10, 190));
    assert_eq!(
        enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(id))
            .count(&app.db)
            .await
            .unwrap(),
        200,
        "one row per youth, no duplicate"
    );
    // First come, first served: every registered youth came before every waiting one, and the
    // answers given are the places stored.
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(id))
        .order_by_asc(enrolment::Column::Ticket)
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        rows[..10]
            .iter()
            .all(|row| row.status == EnrolmentStatus::Registered)
    );
    for (index, row) in rows[10..].iter().enumerate() {
        assert_eq!(
            answered_standing[&row.youth_id],
            Standing::Waiting {
                position: index as u32 + 1
            }
        );
    }

    // A double tap: the same answer, nothing new.
    let again = place_of(
        app.call_at(&address(1), enrol, &form(id), Some(&tokens[&first_wave[0]]))
            .await,
    )
    .await;
    assert_eq!(Some(answered_standing[&first_wave[0]]), again.standing);
    assert_eq!(check_invariants(app, id).await, (10, 190));

    // Waves where everything races: registered and waiting youths leave, newcomers enrol, a
    // coordinator raises and lowers the capacity.
    let coordinator_token = app.session_for(organisers.coordinator).await;
    let capacity = server_fn_path::<ChangeCapacity>();
    for (wave, capacities) in [["13", "9", "12"], ["11", "14", "10"]].iter().enumerate() {
        let rows = enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(id))
            .order_by_asc(enrolment::Column::Ticket)
            .all(&app.db)
            .await
            .unwrap();
        let registered: Vec<PersonId> = rows
            .iter()
            .filter(|row| row.status == EnrolmentStatus::Registered)
            .map(|row| row.youth_id)
            .take(4)
            .collect();
        let waiting: Vec<PersonId> = rows
            .iter()
            .filter(|row| row.status == EnrolmentStatus::Waiting)
            .map(|row| row.youth_id)
            .step_by(7)
            .take(20)
            .collect();
        let newcomers = &later[wave * 50..wave * 50 + 50];
        let mut requests: Vec<Request> = Vec::new();
        for youth in registered.iter().chain(&waiting) {
            requests.push((
                address(requests.len()),
                cancel,
                form(id),
                tokens[youth].clone(),
            ));
        }
        for youth in newcomers {
            requests.push((
                address(requests.len()),
                enrol,
                form(id),
                tokens[youth].clone(),
            ));
        }
        for value in capacities {
            requests.push((
                address(requests.len()),
                capacity,
                vec![
                    ("session_id", id.to_string()),
                    ("capacity", value.to_string()),
                ],
                coordinator_token.clone(),
            ));
        }
        // Interleave the kinds of request rather than send them grouped.
        let count = requests.len();
        let order: Vec<usize> = (0..count).map(|index| (index * 37) % count).collect();
        assert_eq!(order.iter().collect::<HashSet<_>>().len(), count);
        let responses = join_all(order.into_iter().map(|index| {
            let (at, path, fields, token) = requests[index].clone();
            async move { app.call_at(&at, path, &fields, Some(&token)).await }
        }))
        .await;
        let answers = answered(responses).await;
        // Refusals are the capacity going below the registered youths, told in French.
        for (status, body) in &answers {
            if *status == 400 {
                assert!(body.contains("déjà inscrits"), "{body}");
            }
        }
        check_invariants(app, id).await;
    }
}

on_both_databases!(
    no_overbooking_under_concurrency,
    Seed::Empty,
    |app: TestApp| async move {
        let address = app.address.clone();
        race_for_seats(&app, &[address]).await;
    }
);

on_both_databases!(
    no_overbooking_across_two_instances,
    Seed::Empty,
    |app: TestApp| async move {
        let second = app.second_instance().await;
        race_for_seats(&app, &[app.address.clone(), second.address.clone()]).await;
    }
);

// Taps that arrive while a session's places are being changed wait, then are served together
// in one transaction: each youth gets the answer, the place, the history and the mail of a tap
// served alone, in the order the taps came.
on_both_databases!(
    taps_at_once_are_served_together,
    Seed::Empty,
    |app: TestApp| async move {
        let organisers = organisers(&app).await;
        let session = open_session(&app, &organisers, 3).await;
        let id = session.id;
        let people = youths(&app, &organisers, 9).await;
        let tokens = signed_in(&app, &people).await;
        let enrol = server_fn_path::<EnrolInSession>();
        // The last youth holds a place at another session at the same time.
        let elsewhere = open_session(&app, &organisers, 5).await;
        let busy = people[8];
        place_of(
            app.call(enrol, &form(elsewhere.id), Some(&tokens[&busy]))
                .await,
        )
        .await;
        let mut youth_mail = youth_mail_count(&app, &people).await;

        // A long change of places holds the session's lock while every youth taps, the first
        // one twice (a double tap).
        let before = roster_version(&app, id).await;
        let holder = app.db.begin().await.unwrap();
        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::RosterVersion,
                Expr::col(workshop_session::Column::RosterVersion).add(1),
            )
            .filter(workshop_session::Column::Id.eq(id))
            .exec(&holder)
            .await
            .unwrap();
        let tappers: Vec<PersonId> = std::iter::once(people[0]).chain(people.clone()).collect();
        let taps = join_all(tappers.iter().map(|youth| {
            let token = tokens[youth].clone();
            let app = &app;
            async move { app.call(enrol, &form(id), Some(&token)).await }
        }));
        let release = async {
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            holder.commit().await.unwrap();
        };
        let (responses, ()) = tokio::join!(taps, release);
        assert!(
            roster_version(&app, id).await - before <= 3,
            "ten taps took the session's lock at most twice (after the long change)"
        );

        // Everyone is answered: the busy youth is told why, in French; the others hold the
        // place they were told, first come first served.
        let mut told: HashMap<PersonId, Vec<Standing>> = HashMap::new();
        for (youth, response) in tappers.iter().zip(responses) {
            if *youth == busy {
                support::assert_refused(response, 400, "au même moment").await;
                continue;
            }
            let place = place_of(response).await;
            told.entry(*youth)
                .or_default()
                .push(place.standing.expect("a place or a position"));
        }
        assert_eq!(told[&people[0]].len(), 2);
        assert_eq!(
            told[&people[0]][0], told[&people[0]][1],
            "a double tap, one answer"
        );
        assert_eq!(check_invariants(&app, id).await, (3, 5));
        let rows = enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(id))
            .order_by_asc(enrolment::Column::Ticket)
            .all(&app.db)
            .await
            .unwrap();
        assert!(rows.iter().all(|row| row.youth_id != busy));
        let stored: HashMap<PersonId, Standing> = rows
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let standing = match row.status {
                    EnrolmentStatus::Registered => Standing::Registered,
                    _ => Standing::Waiting {
                        position: index as u32 - 2,
                    },
                };
                (row.youth_id, standing)
            })
            .collect();
        for (youth, standings) in &told {
            assert_eq!(
                standings[0], stored[youth],
                "youth {youth} was told their place"
            );
        }

        // Each change is its youth's own, in the history as in the mail.
        let events = enrolment_event::Entity::find()
            .filter(enrolment_event::Column::SessionId.eq(id))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(events.len(), 8);
        for event in &events {
            assert_eq!(event.actor_id, Some(event.youth_id));
            assert_eq!(event.method.code(), "self");
        }
        for (youth, standing) in &stored {
            let mail = youth_mail_since(&app, *youth, &mut youth_mail).await;
            match standing {
                Standing::Registered => {
                    let calendar = mail.calendar.as_ref().expect("an invitation");
                    assert_eq!(calendar.method.as_deref(), Some("REQUEST"));
                    assert!(
                        mail.subject.starts_with("Inscription confirmée"),
                        "{}",
                        mail.subject
                    );
                }
                Standing::Waiting { position } => {
                    assert!(mail.calendar.is_none());
                    assert!(
                        mail.subject
                            .starts_with(&format!("Liste d'attente (n° {position})")),
                        "{}",
                        mail.subject
                    );
                }
            }
        }
    }
);

async fn roster_version(app: &TestApp, id: SessionId) -> i64 {
    workshop_session::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .roster_version
}

async fn email_of(app: &TestApp, person_id: PersonId) -> String {
    shared::entities::person::Entity::find_by_id(person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
        .expect("an email address")
}

/// How many messages each youth has received so far.
async fn youth_mail_count(app: &TestApp, people: &[PersonId]) -> HashMap<PersonId, usize> {
    let mut counts = HashMap::new();
    for &youth in people {
        let address = email_of(app, youth).await;
        let received = app
            .mail
            .messages()
            .iter()
            .filter(|mail| mail.envelope_to.contains(&address))
            .count();
        counts.insert(youth, received);
    }
    counts
}

/// The one new message `youth` has received (waits for it; fails on none or two).
async fn youth_mail_since(
    app: &TestApp,
    youth: PersonId,
    seen: &mut HashMap<PersonId, usize>,
) -> support::calendar_mail::ReadMail {
    let address = email_of(app, youth).await;
    let mine = || {
        app.mail
            .messages()
            .into_iter()
            .filter(|mail| mail.envelope_to.contains(&address))
            .collect::<Vec<_>>()
    };
    let before = seen[&youth];
    for _ in 0..150 {
        if mine().len() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let received = mine();
    assert_eq!(received.len(), before + 1, "one new message for {address}");
    seen.insert(youth, received.len());
    support::calendar_mail::read_mail(&received[before])
}

on_both_databases!(youth_journey, Seed::Empty, |app: TestApp| async move {
    let organisers = organisers(&app).await;
    let session = open_session(&app, &organisers, 1).await;
    let id = session.id;
    let people = youths(&app, &organisers, 3).await;
    let tokens = signed_in(&app, &people).await;
    let (lina, sam, noa) = (
        &tokens[&people[0]],
        &tokens[&people[1]],
        &tokens[&people[2]],
    );
    let enrol = server_fn_path::<EnrolInSession>();
    let page = format!("/ateliers/{id}");

    // The list shows the seats; the session page offers one tap.
    let list = app
        .get_as("/ateliers", Some(lina))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("1 place restante"));
    let public_list = || async { app.get("/ateliers").await.text().await.unwrap() };
    assert!(public_list().await.contains("1 place restante"));
    let before = app.get_as(&page, Some(lina)).await.text().await.unwrap();
    assert!(before.contains(r#"data-test="enrol""#));

    // The place panel is plain HTML: the page loads no script, even for a signed-in youth.
    assert!(
        !before.contains(r#"type="module""#) && !before.contains(".wasm"),
        "the session page loads no wasm"
    );
    // Nor the data it was rendered from: no script would read it.
    assert!(!before.contains("__RESOLVED_RESOURCES["), "{before}");
    assert!(!public_list().await.contains("__RESOLVED_RESOURCES["));

    // The form posts, the browser comes back to the page, which says so.
    let posted = app.submit(enrol, &page, &form(id), Some(lina)).await;
    assert_eq!(posted.status(), 302);
    let back = posted.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(back, format!("/ateliers/{id}?inscrit=1"));
    let after = app.get_as(&back, Some(lina)).await.text().await.unwrap();
    assert!(
        after.contains(r#"data-test="enrolment-message""#)
            && after.contains(r#"data-standing="registered""#),
        "{after}"
    );
    // A retry on a bad network: one place, one event.
    app.submit(enrol, &page, &form(id), Some(lina)).await;
    assert_eq!(
        enrolment_event::Entity::find()
            .filter(enrolment_event::Column::SessionId.eq(id))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    // The public list, kept in memory between changes, says so at once.
    let public = public_list().await;
    assert!(
        public.contains("Complet — liste d'attente") && !public.contains("1 place restante"),
        "{public}"
    );

    // The session is full: the next ones wait, in order, and are told their number.
    let sam_place = place_of(app.call(enrol, &form(id), Some(sam)).await).await;
    assert_eq!(sam_place.standing, Some(Standing::Waiting { position: 1 }));
    assert_eq!(
        sam_place.message.as_deref(),
        Some("Vous êtes n° 1 sur la liste d'attente.")
    );
    assert_eq!((sam_place.seats_left, sam_place.waiting), (0, 1));
    let noa_place = place_of(app.call(enrol, &form(id), Some(noa)).await).await;
    assert_eq!(noa_place.standing, Some(Standing::Waiting { position: 2 }));
    // The answer counts the places as the change left them.
    assert_eq!((noa_place.seats_left, noa_place.waiting), (0, 2));
    assert!(noa_place.enrol_refusal.is_none() && noa_place.cancel_refusal.is_none());
    let mine = app
        .get_as("/mes-inscriptions", Some(sam))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        mine.contains("Vous êtes n° 1 sur la liste d&#x27;attente")
            || mine.contains("Vous êtes n° 1 sur la liste d'attente"),
        "{mine}"
    );

    // Opening the cancel link (as a mail scanner would) cancels nothing.
    let confirm = app
        .get_as(&format!("/ateliers/{id}/annuler"), Some(lina))
        .await;
    support::assert_refused(confirm, 200, "Oui, annuler ma place").await;
    check_invariants(&app, id).await;
    assert_eq!(
        enrolment::Entity::find()
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
            .filter(enrolment::Column::SessionId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .youth_id,
        people[0]
    );

    // Its form's POST does; the first in line gets the place, automatically.
    let cancelled = app
        .submit(
            server_fn_path::<CancelEnrolment>(),
            &format!("/ateliers/{id}/annuler"),
            &form(id),
            Some(lina),
        )
        .await;
    assert_eq!(
        cancelled.headers()["location"].to_str().unwrap(),
        format!("/ateliers/{id}?annulee=1")
    );
    let told = app
        .get_as(&format!("/ateliers/{id}?annulee=1"), Some(lina))
        .await
        .text()
        .await
        .unwrap();
    assert!(told.contains("Votre place est annulée."));
    assert_eq!(check_invariants(&app, id).await, (1, 1));
    let sam_now = place_of(
        app.call(
            server_fn_path::<app::server_fns::ViewYouthPlace>(),
            &form(id),
            Some(sam),
        )
        .await,
    )
    .await;
    assert_eq!(sam_now.standing, Some(Standing::Registered));
    let noa_now = place_of(
        app.call(
            server_fn_path::<app::server_fns::ViewYouthPlace>(),
            &form(id),
            Some(noa),
        )
        .await,
    )
    .await;
    assert_eq!(noa_now.standing, Some(Standing::Waiting { position: 1 }));
    let events: Vec<(String, String)> = enrolment_event::Entity::find()
        .filter(enrolment_event::Column::SessionId.eq(id))
        .order_by_asc(enrolment_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|event| (event.kind.code().to_owned(), event.method.code().to_owned()))
        .collect();
    let expected: Vec<(String, String)> = [
        ("registered", "self"),
        ("waitlisted", "self"),
        ("waitlisted", "self"),
        ("cancelled", "self"),
        ("promoted", "promotion"),
    ]
    .iter()
    .map(|(kind, method)| (kind.to_string(), method.to_string()))
    .collect();
    assert_eq!(events, expected);

    // Cancelling twice gives the same answer; leaving the waiting list is allowed too.
    let twice = place_of(
        app.call(server_fn_path::<CancelEnrolment>(), &form(id), Some(lina))
            .await,
    )
    .await;
    assert_eq!(twice.standing, None);
    let left = place_of(
        app.call(server_fn_path::<CancelEnrolment>(), &form(id), Some(noa))
            .await,
    )
    .await;
    assert_eq!(left.standing, None);
    assert_eq!(check_invariants(&app, id).await, (1, 0));
});

on_both_databases!(
    bad_input_writes_nothing,
    Seed::Empty,
    |app: TestApp| async move {
        let organisers = organisers(&app).await;
        let session = open_session(&app, &organisers, 5).await;
        let id = session.id;
        let people = youths(&app, &organisers, 2).await;
        let tokens = signed_in(&app, &people[..1]).await;
        let token = &tokens[&people[0]];
        let enrol = server_fn_path::<EnrolInSession>();
        let events = || async {
            enrolment_event::Entity::find()
                .count(&app.db)
                .await
                .unwrap()
        };

        // An unknown session.
        let unknown = app
            .call(enrol, &form(SessionId::new(999_999)), Some(token))
            .await;
        support::assert_refused(unknown, 404, "n'existe pas").await;
        // A tampered id that is not a number.
        let tampered = app
            .call(
                enrol,
                &[("session_id", "1; DROP TABLE".into())],
                Some(token),
            )
            .await;
        support::assert_refused(tampered, 400, "formulaire").await;

        // The window has closed (the session starts within the hour).
        let soon = open_session(&app, &organisers, 5).await;
        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::StartsAt,
                Expr::value(support::now() + Duration::minutes(50)),
            )
            .col_expr(
                workshop_session::Column::EndsAt,
                Expr::value(support::now() + Duration::minutes(170)),
            )
            .filter(workshop_session::Column::Id.eq(soon.id))
            .exec(&app.db)
            .await
            .unwrap();
        let closed = app.call(enrol, &form(soon.id), Some(token)).await;
        support::assert_refused(closed, 400, "inscriptions en ligne sont closes").await;
        // The youth's list leaves it out; the public list (for anyone) still shows it.
        let link = format!(r#"href="/ateliers/{}""#, soon.id);
        let mine = app
            .get_as("/ateliers", Some(token))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !mine.contains(&link),
            "a session the youth can no longer join"
        );
        assert!(
            app.get("/ateliers")
                .await
                .text()
                .await
                .unwrap()
                .contains(&link)
        );

        // A youth the audience does not admit (reserved to another Mission Locale's youths).
        let elsewhere = builders::session(
            organisers.workshop,
            &organisers.pantin,
            organisers.elsewhere,
        )
        .audience(Audience::MissionLocale)
        .insert(&app)
        .await;
        let reserved = app.call(enrol, &form(elsewhere), Some(token)).await;
        support::assert_refused(reserved, 400, "réservée à d'autres jeunes").await;

        // Cancelling a place one does not hold.
        let not_mine = app
            .call(server_fn_path::<CancelEnrolment>(), &form(id), Some(token))
            .await;
        support::assert_refused(not_mine, 400, "Vous n'avez pas de place").await;

        // A youth cannot act on someone else's place, nor enrol others.
        let remove = app
            .call(
                server_fn_path::<RemoveEnrolment>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_id", people[1].to_string()),
                    ("reason", "x".into()),
                ],
                Some(token),
            )
            .await;
        assert_eq!(remove.status(), 403);
        let enrol_others = app
            .call(
                server_fn_path::<EnrolYouths>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_ids[0]", people[1].to_string()),
                ],
                Some(token),
            )
            .await;
        assert_eq!(enrol_others.status(), 403);

        // A counsellor enrolling, among their own youths, one of another Mission Locale: refused,
        // and their own youth is not enrolled either.
        let counsellor_token = app.session_for(organisers.counsellor).await;
        let foreign = builders::youth(organisers.elsewhere)
            .named("Yanis", "Cherif")
            .insert(&app)
            .await;
        let mixed = app
            .call(
                server_fn_path::<EnrolYouths>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_ids[0]", people[0].to_string()),
                    ("youth_ids[1]", foreign.to_string()),
                ],
                Some(&counsellor_token),
            )
            .await;
        support::assert_refused(mixed, 403, "pas accès").await;
        let nobody = app
            .call(
                server_fn_path::<EnrolYouths>(),
                &[("session_id", id.to_string())],
                Some(&counsellor_token),
            )
            .await;
        support::assert_refused(nobody, 400, "Cochez au moins").await;

        assert_eq!(events().await, 0, "nothing was written");
        assert_eq!(enrolment::Entity::find().count(&app.db).await.unwrap(), 0);
    }
);

on_both_databases!(
    counsellor_fills_a_session,
    Seed::Empty,
    |app: TestApp| async move {
        let organisers = organisers(&app).await;
        let session = open_session(&app, &organisers, 2).await;
        let id = session.id;
        // A counsellor of the organising Mission Locale, and three of their youths.
        let theirs = youths(&app, &organisers, 3).await;
        let token = app.session_for(organisers.counsellor).await;

        // One of them already holds a place at a session at the same time elsewhere: a warning.
        let clash = builders::session(
            organisers.workshop,
            &organisers.pantin,
            organisers.elsewhere,
        )
        .starts_at(session.starts_at)
        .minutes((session.ends_at - session.starts_at).num_minutes())
        .insert(&app)
        .await;
        let youth_token = app.session_for(theirs[2]).await;
        place_of(
            app.call(
                server_fn_path::<EnrolInSession>(),
                &form(clash),
                Some(&youth_token),
            )
            .await,
        )
        .await;

        let name_of = |person: PersonId| {
            let db = app.db.clone();
            async move {
                let person = shared::entities::person::Entity::find_by_id(person)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap();
                (person.first_name, person.last_name)
            }
        };
        let (first, last) = name_of(theirs[2]).await;
        let search = app
            .get_as(
                &format!("/seances/{id}?q={}", last.to_lowercase()),
                Some(&token),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(
            search.contains(&format!("{first} {last}")),
            "the search finds the youth"
        );
        assert!(
            search.contains("au même moment"),
            "and warns about the clash"
        );

        // Three at once, in one form: two seats, then the waiting list.
        let enrolled = app
            .submit(
                server_fn_path::<EnrolYouths>(),
                &format!("/seances/{id}"),
                &[
                    ("session_id", id.to_string()),
                    ("youth_ids[0]", theirs[0].to_string()),
                    ("youth_ids[3]", theirs[1].to_string()),
                    ("youth_ids[7]", theirs[2].to_string()),
                ],
                Some(&token),
            )
            .await;
        assert_eq!(enrolled.status(), 302);
        assert_eq!(check_invariants(&app, id).await, (2, 1));
        let page = app
            .get_as(&format!("/seances/{id}"), Some(&token))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("2 inscrit(s) sur 2 places · 1 en liste d&#x27;attente")
                || page.contains("2 inscrit(s) sur 2 places · 1 en liste d'attente"),
            "{page}"
        );

        // Lowering the capacity below the registered is refused; removing one promotes the next.
        let lower = app
            .call(
                server_fn_path::<ChangeCapacity>(),
                &[("session_id", id.to_string()), ("capacity", "1".into())],
                Some(&token),
            )
            .await;
        support::assert_refused(lower, 400, "2 jeunes sont déjà inscrits").await;
        let no_reason = app
            .call(
                server_fn_path::<RemoveEnrolment>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_id", theirs[0].to_string()),
                    ("reason", " ".into()),
                ],
                Some(&token),
            )
            .await;
        assert_eq!(no_reason.status(), 400);
        assert_eq!(check_invariants(&app, id).await, (2, 1));
        let removed = app
            .call(
                server_fn_path::<RemoveEnrolment>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_id", theirs[0].to_string()),
                    ("reason", "A trouvé un stage ce jour-là".into()),
                ],
                Some(&token),
            )
            .await;
        assert_eq!(removed.status(), 200);
        assert_eq!(check_invariants(&app, id).await, (2, 0));
        let removal = enrolment_event::Entity::find()
            .filter(enrolment_event::Column::Kind.eq(EnrolmentEventKind::Removed))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            removal.reason.as_deref(),
            Some("A trouvé un stage ce jour-là")
        );
        assert_eq!(removal.actor_id, Some(organisers.counsellor));

        // Within the last day, a freed seat waits for the counsellor, who picks someone.
        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::StartsAt,
                Expr::value(support::now() + Duration::hours(10)),
            )
            .col_expr(
                workshop_session::Column::EndsAt,
                Expr::value(support::now() + Duration::hours(12)),
            )
            .filter(workshop_session::Column::Id.eq(id))
            .exec(&app.db)
            .await
            .unwrap();
        // The counsellor enrols again the youth removed earlier: the session is full, they wait.
        app.call(
            server_fn_path::<EnrolYouths>(),
            &[
                ("session_id", id.to_string()),
                ("youth_ids[0]", theirs[0].to_string()),
            ],
            Some(&token),
        )
        .await;
        assert_eq!(check_invariants(&app, id).await, (2, 1));
        app.call(
            server_fn_path::<RemoveEnrolment>(),
            &[
                ("session_id", id.to_string()),
                ("youth_id", theirs[1].to_string()),
                ("reason", "Malade".into()),
            ],
            Some(&token),
        )
        .await;
        let rows = enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(id))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Waiting))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(rows, 1, "no automatic promotion in the last day");
        let page = app
            .get_as(&format!("/seances/{id}"), Some(&token))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("ne sont plus données automatiquement"));
        let promoted = app
            .call(
                server_fn_path::<PromoteFromWaitingList>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_id", theirs[0].to_string()),
                ],
                Some(&token),
            )
            .await;
        assert_eq!(promoted.status(), 200, "{:?}", promoted.text().await);
        let registered = enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(id))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(registered, 2);
        // Raising the capacity: the place is there for the counsellor to give.
        let raised = app
            .call(
                server_fn_path::<ChangeCapacity>(),
                &[("session_id", id.to_string()), ("capacity", "3".into())],
                Some(&token),
            )
            .await;
        assert_eq!(raised.status(), 200);
        let history = app
            .get_as(&format!("/seances/{id}"), Some(&token))
            .await
            .text()
            .await
            .unwrap();
        assert!(history.contains("retrait par un conseiller"));
        assert!(history.contains("places : 2 → 3"));
    }
);

on_both_databases!(
    thousands_of_ids_are_refused_at_once,
    Seed::Empty,
    |app: TestApp| async move {
        let organisers = organisers(&app).await;
        let session = open_session(&app, &organisers, 5).await;
        let token = app.session_for(organisers.counsellor).await;
        // 80,000 distinct ids (as many as fit in the 2 MB a form may weigh): a script, or a
        // tampered form.
        let mut form = format!("session_id={}", session.id);
        for index in 0..80_000 {
            form.push_str(&format!("&youth_ids[{index}]={}", index + 1));
        }
        assert!(form.len() < 2 * 1024 * 1024);
        let started = std::time::Instant::now();
        let response = app
            .client
            .post(format!(
                "{}{}",
                app.address,
                server_fn_path::<EnrolYouths>()
            ))
            .header("Origin", &app.address)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", format!("ateliers_session={token}"))
            .body(form)
            .timeout(std::time::Duration::from_secs(20))
            .send()
            .await
            .expect("an answer within 20 seconds");
        let status = response.status();
        let body = response.text().await.unwrap();
        println!("80,000 ids refused in {:?}", started.elapsed());
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("200 jeunes au plus"), "{body}");
        assert_eq!(enrolment::Entity::find().count(&app.db).await.unwrap(), 0);
        assert_eq!(
            enrolment_event::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0,
            "nothing written"
        );
    }
);
