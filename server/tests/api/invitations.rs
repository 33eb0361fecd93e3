//! Invitations by email, read back from a real SMTP server on loopback, on SQLite and on
//! PostgreSQL: the journey of one session (published, youths register, rescheduled across the
//! change to summer time, moved, one youth removed, cancelled) and every message it causes —
//! recipients, METHOD, UID, SEQUENCE, Europe/Paris times in UTC, the French text; reminders;
//! the private calendar feed; undelivered mail set aside and resent.
//!
//! Every message the sink receives is kept under `<target>/test-mail/<test>-<database>/`.

use crate::support;

use std::collections::HashMap;
use std::time::Duration;

use app::server_fns::{
    CancelEnrolment, CancelSession, CreateWorkshopType, EnrolInSession, EnrolYouths,
    ListFailedMail, OpenCalendarFeed, PlanSessions, RemoveEnrolment, RenewCalendarFeed,
    ResendFailedMail, UpdateSession,
};
use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use server::smtp_sink::SmtpSink;
use shared::domain::{
    FailedMail, MyCalendarFeed, PARIS, PersonId, SessionId, Theme, WorkshopTypeId,
};
use shared::entities::{mail_outbox, person, room, site, workshop_session, workshop_type, youth};
use support::calendar_mail::{ReadMail, read_mail};
use support::{Backend, Seed, TestApp, builders, migrated_database, server_fn_path};

/// A counsellor with their Mission Locale's two rooms, a workshop with something to bring and a
/// facilitator: Moussa Diallo of Aubervilliers, as in the mail the snapshots keep.
struct Planner {
    counsellor: PersonId,
    counsellor_email: String,
    counsellor_name: String,
    session: String,
    rooms: Vec<room::Model>,
    workshop: WorkshopTypeId,
    facilitator: PersonId,
    facilitator_email: String,
}

async fn planner(app: &TestApp) -> Planner {
    let ml = builders::mission_locale_in("Aubervilliers")
        .named("Mission Locale d'Aubervilliers")
        .address("2 rue Achille Domart, 93300 Aubervilliers")
        .room("Salle Louise Michel", 14)
        .room("Bureau d'entretien", 4)
        .insert(app)
        .await;
    let counsellor = builders::counsellor(ml.id)
        .named("Moussa", "Diallo")
        .insert(app)
        .await;
    let workshop = builders::workshop_type("Mon CV en une page", Theme::Cv)
        .what_to_bring(
            "Une clé USB ou ton téléphone, une pièce d'identité, et si tu en as un, ton ancien CV.",
        )
        .insert(app)
        .await;
    let facilitator = builders::facilitator(app, "Karim", "Amrani").await;
    let facilitator_email = person::Entity::find_by_id(facilitator)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap();
    Planner {
        session: counsellor.session(app).await,
        counsellor: counsellor.id,
        counsellor_email: counsellor.email,
        counsellor_name: "Moussa Diallo".to_owned(),
        rooms: ml.rooms,
        workshop,
        facilitator,
        facilitator_email,
    }
}

fn session_form(
    planner: &Planner,
    room: &room::Model,
    day: &str,
    starts: &str,
    ends: &str,
    capacity: u32,
) -> Vec<(&'static str, String)> {
    vec![
        ("session[workshop_type_id]", planner.workshop.to_string()),
        ("session[day]", day.to_owned()),
        ("session[starts_at]", starts.to_owned()),
        ("session[ends_at]", ends.to_owned()),
        ("session[place]", format!("room-{}", room.id)),
        ("session[capacity]", capacity.to_string()),
        ("session[counsellor_ids][0]", planner.counsellor.to_string()),
        (
            "session[facilitator_ids][0]",
            planner.facilitator.to_string(),
        ),
        ("session[audience]", "federation".to_owned()),
        ("session[closes_hours_before]", "2".to_owned()),
        ("session[publish]", "on".to_owned()),
    ]
}

/// Moves the session `id` (alone) to `room` on `day`, 18:00–20:00, for two.
async fn move_to(
    app: &TestApp,
    planner: &Planner,
    id: SessionId,
    room: &room::Model,
    day: NaiveDate,
) {
    let day = day.format("%Y-%m-%d").to_string();
    let mut form = session_form(planner, room, &day, "18:00", "20:00", 2);
    form.push(("id", id.to_string()));
    form.push(("scope", "this_session".to_owned()));
    ok(app
        .call(
            server_fn_path::<UpdateSession>(),
            &form,
            Some(&planner.session),
        )
        .await)
    .await;
}

async fn ok(response: reqwest::Response) -> String {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_success(), "{status} {body}");
    body
}

/// `count` youths of `referent` with an email address, young enough to join the tests'
/// sessions up to [`spring_tuesday`], in the programme then
/// (see [`enter_programme_before_the_tests`]): Inès, Théo, Jade…
async fn youths_with_email(
    app: &TestApp,
    referent: PersonId,
    count: usize,
) -> Vec<(PersonId, String)> {
    let ids = builders::youths(app, referent, count).await;
    enter_programme_before_the_tests(app, &ids).await;
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .order_by_asc(person::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let found: Vec<(PersonId, String)> = people
        .into_iter()
        .map(|person| (person.id, person.email.unwrap()))
        .collect();
    assert_eq!(found.len(), count);
    found
}

/// The one message among `mail` addressed to `email`; checks it lists only its recipient.
fn for_whom<'a>(mail: &'a [ReadMail], email: &str) -> &'a ReadMail {
    let found: Vec<&ReadMail> = mail.iter().filter(|m| m.to == email).collect();
    assert_eq!(found.len(), 1, "one message for {email}");
    let message = found[0];
    assert_eq!(
        message.envelope_to,
        vec![email.to_owned()],
        "one recipient per message"
    );
    if let Some(calendar) = &message.calendar {
        assert_eq!(
            calendar.attendees,
            vec![email.to_owned()],
            "only the recipient attends"
        );
        assert_eq!(
            calendar.method.as_deref(),
            Some(calendar.content_type_method.as_str()),
            "METHOD matches the part's method"
        );
    }
    message
}

/// The test sessions' first evening: a Tuesday in winter (Paris at UTC+1, and so is the week
/// after it), after the demo's four weeks of sessions, so that the reminders due around it are
/// those of the tests' own sessions. Computed from today: fixed dates end up in the past.
fn winter_tuesday() -> NaiveDate {
    let mut day = support::now().with_timezone(&PARIS).date_naive() + chrono::Duration::days(35);
    loop {
        let winter =
            matches!(day.month(), 11 | 12 | 1 | 2) || (day.month() == 3 && day.day() <= 15);
        if winter && day.weekday() == Weekday::Tue {
            return day;
        }
        day += chrono::Duration::days(1);
    }
}

/// The first Tuesday from the 6th of the April after [`winter_tuesday`]: summer time in Paris
/// (UTC+2).
fn spring_tuesday() -> NaiveDate {
    let winter = winter_tuesday();
    let year = winter.year() + i32::from(winter.month() >= 11);
    let mut day = NaiveDate::from_ymd_opt(year, 4, 6).unwrap();
    while day.weekday() != Weekday::Tue {
        day += chrono::Duration::days(1);
    }
    day
}

/// `days` after [`winter_tuesday`], as the planning form takes it.
fn evening(days: i64) -> String {
    (winter_tuesday() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// `day` at `hour` o'clock UTC.
fn utc(day: NaiveDate, hour: u32) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
}

/// The text with what changes from run to run replaced: links (ports, ids, tokens) and dates
/// (« mardi 15 décembre 2026 », computed from today).
fn redacted(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("http://127.0.0.1:") {
            Some(at) => format!("{}[lien]", &line[..at]),
            None => line.to_owned(),
        };
        out.push_str(&without_dates(&line));
        out.push('\n');
    }
    out
}

fn without_dates(line: &str) -> String {
    const WEEKDAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    let words: Vec<&str> = line.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let is_date = index + 3 < words.len()
            && WEEKDAYS.contains(&words[index])
            && words[index + 1].parse::<u32>().is_ok()
            && words[index + 3].len() >= 4
            && words[index + 3][..4].chars().all(|c| c.is_ascii_digit());
        if is_date {
            out.push(format!("[date]{}", &words[index + 3][4..]));
            index += 4;
        } else {
            out.push(words[index].to_owned());
            index += 1;
        }
    }
    out.join(" ")
}

on_both_databases!(
    invitations_follow_a_session_from_enrolment_to_cancellation,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let mut seen = app.mail.messages().len();

        // Published on a Tuesday in winter, 18:00–20:00 in Paris (UTC+1).
        let tuesday = winter_tuesday();
        let id = plan_evening(&app, &planner, &evening(0), 2).await;
        let staff = app.next_mail(&mut seen, 2).await;
        let to_facilitator = for_whom(&staff, &planner.facilitator_email);
        let calendar = to_facilitator.calendar.as_ref().expect("an invitation");
        assert_eq!(calendar.method.as_deref(), Some("REQUEST"));
        assert_eq!(calendar.sequence, 0);
        assert_eq!(calendar.starts_at, utc(tuesday, 17));
        assert_eq!(calendar.ends_at, utc(tuesday, 19));
        assert!(
            calendar
                .attendee_params
                .contains(&("ROLE".into(), vec!["CHAIR".into()]))
        );
        assert!(to_facilitator.text.contains("comme intervenant·e"));
        let uid = calendar.uid.clone();
        assert!(uid.starts_with(&format!("atelier-{id}@")) && uid.contains('.'));
        for_whom(&staff, &planner.counsellor_email);

        // A youth registers from their phone.
        let youths = youths_with_email(&app, planner.counsellor, 3).await;
        let tokens: Vec<String> = {
            let mut tokens = Vec::new();
            for (youth, _) in &youths {
                tokens.push(app.session_for(*youth).await);
            }
            tokens
        };
        enrol_themself(&app, &tokens[0], id).await;
        let first = app.next_mail(&mut seen, 1).await;
        let invitation = for_whom(&first, &youths[0].1);
        let calendar = invitation.calendar.as_ref().expect("an invitation");
        assert_eq!(calendar.method.as_deref(), Some("REQUEST"));
        assert_eq!(calendar.uid, uid, "one UID per session");
        assert_eq!(calendar.sequence, 0);
        assert_eq!(calendar.status.as_deref(), Some("CONFIRMED"));
        assert_eq!(calendar.tzid, "Europe/Paris");
        assert_eq!(calendar.timezones, 1);
        assert!(calendar.prodid.starts_with("-//") && calendar.prodid.ends_with("//FR"));
        assert!(
            calendar
                .attendee_params
                .contains(&("PARTSTAT".into(), vec!["NEEDS-ACTION".into()]))
        );
        assert!(
            calendar
                .attendee_params
                .contains(&("RSVP".into(), vec!["TRUE".into()]))
        );
        assert!(calendar.organizer.contains(&planner.counsellor_email));
        assert_eq!(calendar.starts_at, utc(tuesday, 17));
        assert!(invitation.subject.starts_with("Inscription confirmée : "));
        assert!(invitation.text.contains("Votre inscription à l'atelier"));
        assert!(invitation.text.contains(&format!(
            "Quand : {}, 18 h 00 – 20 h 00",
            shared::domain::format_session_date(utc(tuesday, 17))
        )));
        assert!(invitation.text.contains("À apporter : "));
        assert!(
            invitation
                .text
                .contains("Programme cofinancé par l'Union européenne")
        );
        assert!(invitation.html.contains("<table"));
        insta::assert_snapshot!("youth_registered_themself", redacted(&invitation.text));

        // Their counsellor registers another: the mail says who did it.
        ok(app
            .call(
                server_fn_path::<EnrolYouths>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_ids[0]", youths[1].0.to_string()),
                ],
                Some(&planner.session),
            )
            .await)
        .await;
        let second = app.next_mail(&mut seen, 1).await;
        let by_counsellor = for_whom(&second, &youths[1].1);
        assert!(
            by_counsellor
                .text
                .contains(&format!("{} (", planner.counsellor_name))
                && by_counsellor.text.contains("vous a inscrit·e"),
            "{}",
            by_counsellor.text
        );

        // The session is full: the third youth is told their place in line, no calendar.
        enrol_themself(&app, &tokens[2], id).await;
        let third = app.next_mail(&mut seen, 1).await;
        let waiting = for_whom(&third, &youths[2].1);
        assert!(waiting.calendar.is_none());
        assert!(waiting.subject.starts_with("Liste d'attente (n° 1)"));
        insta::assert_snapshot!("youth_waitlisted", redacted(&waiting.text));

        // Rescheduled to a Tuesday in April, 18:00–20:00: summer time (UTC+2) by then.
        let spring = spring_tuesday();
        move_to(&app, &planner, id, &planner.rooms[0], spring).await;
        let updates = app.next_mail(&mut seen, 4).await;
        for email in [
            &youths[0].1,
            &youths[1].1,
            &planner.counsellor_email,
            &planner.facilitator_email,
        ] {
            let update = for_whom(&updates, email);
            let calendar = update.calendar.as_ref().expect("an update");
            assert_eq!(calendar.method.as_deref(), Some("REQUEST"));
            assert_eq!(calendar.uid, uid);
            assert_eq!(calendar.sequence, 1, "SEQUENCE + 1");
            assert_eq!(calendar.starts_at, utc(spring, 16));
            assert!(update.text.contains("a modifié la séance"));
        }
        insta::assert_snapshot!(
            "youth_rescheduled",
            redacted(&for_whom(&updates, &youths[0].1).text)
        );

        // Moved to another room of the site: the new address, SEQUENCE + 1 again.
        move_to(&app, &planner, id, &planner.rooms[1], spring).await;
        let moves = app.next_mail(&mut seen, 4).await;
        let moved_invitation = for_whom(&moves, &youths[0].1).calendar.as_ref().unwrap();
        assert_eq!(moved_invitation.sequence, 2);
        assert!(moved_invitation.location.contains(&planner.rooms[1].name));
        assert!(for_whom(&moves, &youths[0].1).text.contains("Lieu changé"));

        // The counsellor removes the first youth: a cancellation for them alone, and the
        // first in line gets the seat.
        ok(app
            .call(
                server_fn_path::<RemoveEnrolment>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_id", youths[0].0.to_string()),
                    (
                        "reason",
                        "Tu as commencé ta formation ce jour-là".to_owned(),
                    ),
                ],
                Some(&planner.session),
            )
            .await)
        .await;
        let removal = app.next_mail(&mut seen, 2).await;
        let removed = for_whom(&removal, &youths[0].1);
        let cancel = removed.calendar.as_ref().expect("a cancellation");
        assert_eq!(cancel.method.as_deref(), Some("CANCEL"));
        assert_eq!(cancel.uid, uid);
        assert_eq!(cancel.status, None, "one person leaves: no STATUS");
        assert_eq!(cancel.sequence, 3);
        assert!(removed.text.contains("a retiré votre inscription"));
        assert!(
            removed
                .text
                .contains("Raison : Tu as commencé ta formation ce jour-là")
        );
        insta::assert_snapshot!("youth_removed", redacted(&removed.text));
        let promoted = for_whom(&removal, &youths[2].1);
        let seat = promoted.calendar.as_ref().expect("an invitation");
        assert_eq!(seat.method.as_deref(), Some("REQUEST"));
        assert_eq!(seat.sequence, 2);
        assert!(promoted.text.contains("une place s'est libérée"));

        // The session is cancelled: everyone who holds it is told why, youth 1 no more.
        ok(app
            .call(
                server_fn_path::<CancelSession>(),
                &[
                    ("id", id.to_string()),
                    ("scope", "this_session".to_owned()),
                    ("reason", "L'intervenante est malade".to_owned()),
                ],
                Some(&planner.session),
            )
            .await)
        .await;
        let cancellations = app.next_mail(&mut seen, 4).await;
        assert!(cancellations.iter().all(|mail| mail.to != youths[0].1));
        for email in [
            &youths[1].1,
            &youths[2].1,
            &planner.counsellor_email,
            &planner.facilitator_email,
        ] {
            let mail = for_whom(&cancellations, email);
            let calendar = mail.calendar.as_ref().expect("a cancellation");
            assert_eq!(calendar.method.as_deref(), Some("CANCEL"));
            assert_eq!(calendar.status.as_deref(), Some("CANCELLED"));
            assert_eq!(calendar.uid, uid);
            assert_eq!(calendar.sequence, 3);
            assert_eq!(calendar.alarms, 0);
            assert!(
                mail.text
                    .contains(&format!("{} (", planner.counsellor_name))
                    && mail.text.contains("a annulé la séance")
            );
            assert!(mail.text.contains("Raison : L'intervenante est malade"));
        }
        insta::assert_snapshot!(
            "session_cancelled",
            redacted(&for_whom(&cancellations, &youths[1].1).text)
        );

        // For each recipient, SEQUENCE never went down and DTSTAMP always went up.
        let mut last: HashMap<String, (i32, chrono::DateTime<Utc>)> = HashMap::new();
        for mail in app.mail.messages().iter().map(read_mail) {
            let Some(calendar) = mail.calendar else {
                continue;
            };
            if let Some((sequence, dtstamp)) = last.get(&mail.to) {
                assert!(
                    calendar.sequence >= *sequence,
                    "SEQUENCE went down for {}",
                    mail.to
                );
                assert!(
                    calendar.dtstamp > *dtstamp,
                    "DTSTAMP did not go up for {}",
                    mail.to
                );
            }
            last.insert(mail.to.clone(), (calendar.sequence, calendar.dtstamp));
        }
        let ids: std::collections::HashSet<String> = app
            .mail
            .messages()
            .iter()
            .map(|mail| read_mail(mail).message_id)
            .collect();
        assert_eq!(
            ids.len(),
            app.mail.messages().len(),
            "a Message-ID per message"
        );
    }
);

on_both_databases!(
    reminders_reach_registered_youths_once,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let mut seen = app.mail.messages().len();
        let id = plan_evening(&app, &planner, &evening(1), 5).await;
        let youths = youths_with_email(&app, planner.counsellor, 2).await;
        for (youth, _) in &youths {
            let token = app.session_for(*youth).await;
            enrol_themself(&app, &token, id).await;
        }
        // The second youth cancels: no reminder for them.
        let token = app.session_for(youths[1].0).await;
        ok(app
            .call(
                server_fn_path::<CancelEnrolment>(),
                &[("session_id", id.to_string())],
                Some(&token),
            )
            .await)
        .await;
        // Two staff invitations, two youths' invitations, one cancellation.
        app.next_mail(&mut seen, 2 + 2 + 1).await;

        let starts = workshop_session::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .starts_at;
        let mail = app.mail_settings();
        let delays = shared::services::DEFAULT_REMINDERS;
        let remind = |at| shared::services::send_due_reminders(&app.db, &mail, &delays, at);
        assert_eq!(
            remind(starts - chrono::Duration::hours(49)).await.unwrap(),
            0
        );
        assert_eq!(
            remind(starts - chrono::Duration::hours(47)).await.unwrap(),
            1
        );
        assert_eq!(
            remind(starts - chrono::Duration::hours(46)).await.unwrap(),
            0,
            "once"
        );
        app.deliver_at(starts - chrono::Duration::hours(46)).await;
        let reminder = app.next_mail(&mut seen, 1).await;
        let reminder = for_whom(&reminder, &youths[0].1);
        assert!(reminder.calendar.is_none());
        assert!(reminder.subject.starts_with("Rappel : "));
        assert!(reminder.text.contains("Où : "));
        assert!(reminder.text.contains("À apporter : "));
        insta::assert_snapshot!("reminder", redacted(&reminder.text));
        assert_eq!(
            remind(starts - chrono::Duration::minutes(90))
                .await
                .unwrap(),
            1
        );
        app.deliver_at(starts - chrono::Duration::minutes(90)).await;
        app.next_mail(&mut seen, 1).await;

        // None for a cancelled session.
        let other = plan_evening(&app, &planner, &evening(2), 5).await;
        let token = app.session_for(youths[0].0).await;
        enrol_themself(&app, &token, other).await;
        ok(app
            .call(
                server_fn_path::<CancelSession>(),
                &[
                    ("id", other.to_string()),
                    ("scope", "this_session".to_owned()),
                    ("reason", "Salle indisponible".to_owned()),
                ],
                Some(&planner.session),
            )
            .await)
        .await;
        let other_starts = starts + chrono::Duration::days(1);
        assert_eq!(
            remind(other_starts - chrono::Duration::hours(1))
                .await
                .unwrap(),
            0
        );
    }
);

on_both_databases!(
    a_private_feed_lists_the_persons_sessions_until_revoked,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let id = plan_evening(&app, &planner, &evening(3), 5).await;
        let youths = youths_with_email(&app, planner.counsellor, 1).await;
        let token = app.session_for(youths[0].0).await;
        enrol_themself(&app, &token, id).await;

        let MyCalendarFeed::New(link) = serde_json::from_str(
            &ok(app
                .call(server_fn_path::<OpenCalendarFeed>(), &[], Some(&token))
                .await)
            .await,
        )
        .unwrap() else {
            panic!("the first visit makes the address");
        };
        assert!(link.webcal_url.starts_with("webcal://"));
        // Asked again: the same feed, whose address is not kept, so not shown.
        let again = ok(app
            .call(server_fn_path::<OpenCalendarFeed>(), &[], Some(&token))
            .await)
        .await;
        assert_eq!(
            serde_json::from_str::<MyCalendarFeed>(&again).unwrap(),
            MyCalendarFeed::Existing {
                created_at: link.created_at
            },
            "one address until renewed"
        );
        let page = app
            .get_as("/mon-agenda", Some(&token))
            .await
            .text()
            .await
            .unwrap();
        assert!(!page.contains("/calendrier/"), "the address is shown once");
        assert!(page.contains("ne peut pas vous la montrer à nouveau"));
        assert!(page.contains("data-test=\"renew-feed\""));

        let feed = app.client.get(&link.https_url).send().await.unwrap();
        assert_eq!(feed.status(), 200);
        assert_eq!(
            feed.headers()["content-type"].to_str().unwrap(),
            "text/calendar; charset=utf-8"
        );
        let etag = feed.headers()["etag"].to_str().unwrap().to_owned();
        let text = feed.text().await.unwrap();
        let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
            .next()
            .unwrap()
            .unwrap();
        let property = |name: &str| {
            calendar
                .properties
                .iter()
                .find(|property| property.name == name)
                .and_then(|property| property.value.clone())
        };
        assert_eq!(property("METHOD"), None);
        assert!(property("NAME").unwrap().starts_with("Ateliers — "));
        assert_eq!(property("REFRESH-INTERVAL").as_deref(), Some("PT4H"));
        assert_eq!(property("X-PUBLISHED-TTL").as_deref(), Some("PT4H"));
        assert!(
            calendar.events.iter().all(|event| event
                .properties
                .iter()
                .all(|property| property.name != "ATTENDEE")),
            "no attendee lists in a feed"
        );
        let url_of = |event: &ical::parser::ical::component::IcalEvent| {
            event
                .properties
                .iter()
                .find(|property| property.name == "URL")
                .and_then(|property| property.value.clone())
                .unwrap_or_default()
        };
        let ours = format!("/ateliers/{id}");
        let event = calendar
            .events
            .iter()
            .find(|event| url_of(event).ends_with(&ours))
            .expect("the session is in the feed");
        let uid = event
            .properties
            .iter()
            .find(|property| property.name == "UID")
            .and_then(|property| property.value.clone())
            .unwrap();
        let mut invitation = None;
        for _ in 0..200 {
            invitation = app
                .mail
                .messages()
                .iter()
                .map(read_mail)
                .find(|mail| mail.to == youths[0].1 && mail.calendar.is_some());
            if invitation.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let invitation = invitation.expect("the youth's invitation");
        assert_eq!(
            uid,
            invitation.calendar.unwrap().uid,
            "the same UID as the invitation"
        );

        let unchanged = app
            .client
            .get(&link.https_url)
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(unchanged.status(), 304);

        // The youth cancels: the session leaves their feed.
        ok(app
            .call(
                server_fn_path::<CancelEnrolment>(),
                &[("session_id", id.to_string())],
                Some(&token),
            )
            .await)
        .await;
        let after = app
            .client
            .get(&link.https_url)
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), 200, "the feed changed: no 304");
        assert!(!after.text().await.unwrap().contains(&format!("{ours}\r\n")));

        // A new address: the old one stops working.
        ok(app
            .call(server_fn_path::<RenewCalendarFeed>(), &[], Some(&token))
            .await)
        .await;
        let old = app.client.get(&link.https_url).send().await.unwrap();
        assert_eq!(old.status(), 404);
        let page = app
            .get_as("/mon-agenda?nouvelle-adresse=1", Some(&token))
            .await;
        let page = page.text().await.unwrap();
        assert!(page.contains("webcal://") && !page.contains(&link.webcal_url));
        assert!(page.contains("Nouvelle adresse créée"));
        let again = app
            .get_as("/mon-agenda", Some(&token))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !again.contains("/calendrier/"),
            "the new address is shown once too"
        );
    }
);

on_both_databases!(
    undelivered_mail_is_set_aside_and_resent_by_a_counsellor,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let id = plan_evening(&app, &planner, &evening(6), 5).await;
        // A youth whose address the mail server refuses.
        let youths = youths_with_email(&app, planner.counsellor, 1).await;
        let mut youth: person::ActiveModel = person::Entity::find_by_id(youths[0].0)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        youth.email = Set(Some("unknown-mailbox@jeunes.example".into()));
        youth.update(&app.db).await.unwrap();
        let token = app.session_for(youths[0].0).await;
        enrol_themself(&app, &token, id).await;

        let mut failed: Vec<FailedMail> = Vec::new();
        for _ in 0..100 {
            failed = serde_json::from_str(
                &ok(app
                    .call(
                        server_fn_path::<ListFailedMail>(),
                        &[],
                        Some(&planner.session),
                    )
                    .await)
                .await,
            )
            .unwrap();
            if !failed.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(failed.len(), 1, "the refused invitation is set aside");
        assert!(failed[0].subject.starts_with("Inscription confirmée"));
        assert!(failed[0].error.contains("550"));
        assert_eq!(failed[0].session_id, Some(id));
        let page = app
            .get_as("/courriels-en-echec", Some(&planner.session))
            .await;
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("unknown-mailbox@jeunes.example")
        );

        ok(app
            .call(
                server_fn_path::<ResendFailedMail>(),
                &[("id", failed[0].id.to_string())],
                Some(&planner.session),
            )
            .await)
        .await;
        // The dispatcher tried again (and was refused again: the address is still wrong).
        let mut tried_again = false;
        for _ in 0..100 {
            let row = mail_outbox::Entity::find_by_id(failed[0].id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            if row.failed_at.is_some_and(|at| at > failed[0].failed_at) {
                tried_again = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(tried_again, "the resent message was tried again");
    }
);

/// The programme of `youths` starts a week before [`winter_tuesday`], so that every session the
/// tests plan falls within it, on any day the suite runs (winter may be months away).
async fn enter_programme_before_the_tests(app: &TestApp, youths: &[PersonId]) {
    youth::Entity::update_many()
        .col_expr(
            youth::Column::ProgrammeEntryDate,
            sea_orm::sea_query::Expr::value(winter_tuesday() - chrono::Duration::days(7)),
        )
        .col_expr(
            youth::Column::ProgrammeExitDate,
            sea_orm::sea_query::Expr::value(Option::<NaiveDate>::None),
        )
        .filter(youth::Column::PersonId.is_in(youths.to_vec()))
        .exec(&app.db)
        .await
        .unwrap();
}

/// `count` youths of another Mission Locale than the planner's, with an email, in the programme
/// on `evening(7)` (see [`youths_with_email`]).
async fn youths_with_email_anywhere(app: &TestApp, count: usize) -> Vec<(PersonId, String)> {
    let ml = builders::mission_locale(app, "Pantin").await;
    let referent = builders::counsellor(ml.id)
        .named("Karim", "Haddad")
        .insert(app)
        .await;
    youths_with_email(app, referent.id, count).await
}

// The SMTP server is down while 100 youths register; when it is back, each invitation arrives
// exactly once.
on_both_databases!(
    smtp_outage_delivers_each_invitation_once,
    Seed::Empty,
    |mut app: TestApp| async move {
        let planner = planner(&app).await;
        let mut seen = app.mail.messages().len();
        let id = plan_evening(&app, &planner, &evening(7), 10).await;
        app.next_mail(&mut seen, 2).await;
        // More places than the room holds: this test is about mail, not seats.
        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::Capacity,
                sea_orm::sea_query::Expr::value(150),
            )
            .filter(workshop_session::Column::Id.eq(id))
            .exec(&app.db)
            .await
            .unwrap();

        app.stop_mail_server().await;
        let youths = youths_with_email_anywhere(&app, 100).await;
        let mut tokens = Vec::new();
        for (youth, _) in &youths {
            tokens.push(app.session_for(*youth).await);
        }
        let form = vec![("session_id", id.to_string())];
        let responses = futures::future::join_all(
            tokens
                .iter()
                .map(|token| app.call(server_fn_path::<EnrolInSession>(), &form, Some(token))),
        )
        .await;
        for response in responses {
            ok(response).await;
        }
        // The app's dispatcher tries, fails, and keeps every message for later.
        let mut tried = false;
        for _ in 0..200 {
            let rows = unsent(&app.db, id).await;
            if rows.len() == 100 && rows.iter().all(|row| row.attempts >= 1) {
                tried = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(tried, "every invitation was tried during the outage");
        assert!(
            unsent(&app.db, id)
                .await
                .iter()
                .all(|row| row.failed_at.is_none()),
            "none given up"
        );

        // The server is back. Retries wait 30 s after a failure: a dispatcher pass at that time
        // (as the app's own dispatcher will make) delivers everything.
        app.restart_mail_server().await;
        let mailer =
            shared::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{}", app.mail.port())).unwrap();
        let later = support::now() + chrono::Duration::seconds(31);
        let mut sent = 0;
        loop {
            let report = shared::services::deliver_queued_mail(&app.db, &mailer, later, 50)
                .await
                .unwrap();
            sent += report.sent;
            if report.sent + report.retried + report.set_aside == 0 {
                break;
            }
        }
        assert_eq!(sent, 100);
        app.mail.wait_for(100, Duration::from_secs(10)).await;
        // The app's dispatcher keeps running: nothing is sent twice.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let received = app.mail.messages();
        assert_eq!(received.len(), 100, "each invitation once");
        let mut recipients: Vec<String> = received
            .iter()
            .map(|mail| {
                let mail = read_mail(mail);
                assert_eq!(
                    mail.calendar.as_ref().unwrap().method.as_deref(),
                    Some("REQUEST")
                );
                mail.to
            })
            .collect();
        recipients.sort();
        let mut expected: Vec<String> = youths.iter().map(|(_, email)| email.clone()).collect();
        expected.sort();
        assert_eq!(recipients, expected, "every youth got their invitation");
        assert!(unsent(&app.db, id).await.is_empty());
    }
);

/// The dispatcher (`ateliers worker`) is killed while it sends a batch; after a restart, and
/// once the dead one's claim has expired, every message is delivered and none twice.
async fn a_killed_dispatcher_loses_nothing_and_sends_nothing_twice(backend: Backend) {
    let Some((db, database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(Some(support::test_mail_folder(
        "a_killed_dispatcher_loses_nothing_and_sends_nothing_twice",
        backend,
    )))
    .await
    .unwrap();
    let now = support::now();
    for n in 0..30 {
        let message = lettre::Message::builder()
            .from(
                "Ateliers <ne-pas-repondre@ateliers.example>"
                    .parse()
                    .unwrap(),
            )
            .to(format!("jeune{n}@example.org").parse().unwrap())
            .subject(format!("Invitation {n}"))
            .message_id(None)
            .body(format!("Invitation n° {n}\n"))
            .unwrap();
        shared::services::queue_mail(&db, &message, now)
            .await
            .unwrap();
    }
    // The sink holds its answer to the 12th message: the worker is killed while it waits.
    let held = sink.hold_reply_to(12);
    let worker = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_ateliers"))
            .arg("worker")
            .env("DATABASE_URL", database.url())
            .env("MAIL_BACKEND", "smtp")
            .env("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port()))
            .env("MAIL_DISPATCH_INTERVAL_MS", "50")
            .env("REMINDER_INTERVAL_SECONDS", "3600")
            .envs(support::clock_env())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map(KilledOnDrop)
            .expect("the worker starts")
    };
    let mut first = worker();
    tokio::time::timeout(Duration::from_secs(30), held.notified())
        .await
        .expect("the worker reached the 12th message");
    first.kill();
    sink.release_held_reply();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        sink.messages().len(),
        11,
        "the 12th was not accepted: its sender died"
    );

    let mut second = worker();
    sink.wait_for(29, Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        sink.messages().len(),
        29,
        "the dead worker's claim still holds the 12th"
    );
    second.kill();

    // Five minutes later the claim has expired: the 12th goes out, once.
    let mailer = shared::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).unwrap();
    let report = shared::services::deliver_queued_mail(
        &db,
        &mailer,
        support::now() + chrono::Duration::minutes(6),
        50,
    )
    .await
    .unwrap();
    assert_eq!(report.sent, 1);
    let received = sink.messages();
    assert_eq!(received.len(), 30);
    let ids: std::collections::HashSet<String> = received
        .iter()
        .filter_map(|mail| {
            mail_parser::MessageParser::default()
                .parse(mail.raw.as_bytes())
                .and_then(|message| message.message_id().map(str::to_owned))
        })
        .collect();
    assert_eq!(ids.len(), 30, "nothing sent twice");
    let rows = mail_outbox::Entity::find().all(&db).await.unwrap();
    assert!(rows.iter().all(|row| row.sent_at.is_some()), "nothing lost");
}

for_both_backends!(a_killed_dispatcher_loses_nothing_and_sends_nothing_twice);

/// The session's invitations not sent yet.
async fn unsent(
    db: &sea_orm::DatabaseConnection,
    session_id: SessionId,
) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SessionId.eq(session_id))
        .filter(mail_outbox::Column::SentAt.is_null())
        .all(db)
        .await
        .unwrap()
}

/// A worker process that a failed assertion does not leave running.
struct KilledOnDrop(std::process::Child);

impl KilledOnDrop {
    /// SIGKILL: no graceful shutdown, as in a crash.
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for KilledOnDrop {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The planner publishes a session of `capacity` places on `day`, 18:00–20:00 in their first
/// room (an evening slot the demo leaves free); returns its id.
async fn plan_evening(app: &TestApp, planner: &Planner, day: &str, capacity: u32) -> SessionId {
    let form = session_form(planner, &planner.rooms[0], day, "18:00", "20:00", capacity);
    let body = ok(app
        .call(
            server_fn_path::<PlanSessions>(),
            &form,
            Some(&planner.session),
        )
        .await)
    .await;
    serde_json::from_str(&body).unwrap()
}

/// The youth holding `token` takes a place (or joins the waiting list) at `session_id`.
async fn enrol_themself(app: &TestApp, token: &str, session_id: SessionId) {
    ok(app
        .call(
            server_fn_path::<EnrolInSession>(),
            &[("session_id", session_id.to_string())],
            Some(token),
        )
        .await)
    .await;
}

/// Every CR is followed by LF and every LF preceded by CR: no line of a calendar ends early.
fn assert_crlf_lines_only(what: &str, text: &str) {
    let bytes = text.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        match byte {
            b'\r' => assert_eq!(bytes.get(at + 1), Some(&b'\n'), "{what}: a bare CR at {at}"),
            b'\n' => assert_eq!(
                bytes[at.saturating_sub(1)],
                b'\r',
                "{what}: a bare LF at {at}"
            ),
            _ => {}
        }
    }
    assert!(text.ends_with("\r\n"), "{what} ends with CRLF");
    for line in text.split("\r\n") {
        assert!(
            !line.starts_with("ATTENDEE:mailto:intrus") && !line.starts_with("X-INJECTE"),
            "{what}: an injected line « {line} »"
        );
    }
}

/// The calendar parts of a raw message (inline and attached), decoded.
fn calendar_parts(raw: &str) -> Vec<String> {
    use mail_parser::{MessageParser, MimeHeaders};
    let message = MessageParser::default().parse(raw.as_bytes()).unwrap();
    message
        .parts
        .iter()
        .filter(|part| {
            part.content_type().is_some_and(|kind| {
                matches!(
                    (kind.ctype(), kind.subtype()),
                    ("text", Some("calendar")) | ("application", Some("ics"))
                )
            })
        })
        .map(|part| String::from_utf8(part.contents().to_vec()).unwrap())
        .collect()
}

on_both_databases!(
    a_carriage_return_typed_by_staff_never_ends_a_calendar_line,
    Seed::Empty,
    |app: TestApp| async move {
        let mut planner = planner(&app).await;
        // A workshop whose text carries bare CRs (a paste, a hand-made request).
        let workshop = ok(app
            .call(
                server_fn_path::<CreateWorkshopType>(),
                &[
                    ("workshop[title]", "Atelier\rX-INJECTE:titre".to_owned()),
                    ("workshop[theme]", "other".to_owned()),
                    (
                        "workshop[description]",
                        "Première ligne\rATTENDEE:mailto:intrus@example.com\r\nDeuxième ligne"
                            .to_owned(),
                    ),
                    ("workshop[default_duration_minutes]", "120".to_owned()),
                    ("workshop[default_capacity]", "10".to_owned()),
                    (
                        "workshop[what_to_bring]",
                        "Un stylo\rX-INJECTE:stylo".to_owned(),
                    ),
                ],
                Some(&planner.session),
            )
            .await)
        .await;
        planner.workshop = serde_json::from_str(&workshop).unwrap();
        let saved = workshop_type::Entity::find_by_id(planner.workshop)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        for text in [&saved.title, &saved.description, &saved.what_to_bring] {
            assert!(!text.contains('\r'), "stripped on input: {text:?}");
        }
        // Text saved before that (an older version, the database edited by hand) must not
        // end a calendar line either.
        let room = planner.rooms[0].clone();
        let mut place: site::ActiveModel = site::Entity::find_by_id(room.site_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        place.accessibility_notes = Set("Rampe\rX-INJECTE:acces".to_owned());
        place.update(&app.db).await.unwrap();

        let mut form = session_form(&planner, &room, &evening(4), "18:00", "20:00", 5);
        form.push((
            "session[note_for_youths]",
            "Venez\rATTENDEE:mailto:intrus@example.com".to_owned(),
        ));
        let id: SessionId = serde_json::from_str(
            &ok(app
                .call(
                    server_fn_path::<PlanSessions>(),
                    &form,
                    Some(&planner.session),
                )
                .await)
            .await,
        )
        .unwrap();
        let youths = youths_with_email(&app, planner.counsellor, 1).await;
        let token = app.session_for(youths[0].0).await;
        enrol_themself(&app, &token, id).await;

        let mut invitation = None;
        for _ in 0..200 {
            invitation = app
                .mail
                .messages()
                .into_iter()
                .find(|mail| mail.envelope_to.contains(&youths[0].1));
            if invitation.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let invitation = invitation.expect("the youth's invitation");
        let parts = calendar_parts(&invitation.raw);
        assert_eq!(parts.len(), 2, "inline and attached calendars");
        for part in &parts {
            assert_crlf_lines_only("the invitation", part);
        }
        assert!(
            parts[0].replace("\r\n ", "").contains("Rampe"),
            "the access notes are in it"
        );

        // The private feed (the address shown at the first visit of /mon-agenda).
        let page = app
            .get_as("/mon-agenda", Some(&token))
            .await
            .text()
            .await
            .unwrap();
        let feed_url = page
            .split("value=\"")
            .map(|rest| rest.split('"').next().unwrap_or_default())
            .find(|value| value.ends_with(".ics"))
            .expect("the feed address on the page")
            .to_owned();
        let feed = app.client.get(&feed_url).send().await.unwrap();
        assert_eq!(feed.status(), 200);
        let feed = feed.text().await.unwrap();
        assert!(feed.replace("\r\n ", "").contains("Rampe"));
        assert_crlf_lines_only("the feed", &feed);
    }
);

/// The address of the private feed, as the first visit of `/mon-agenda` shows it.
async fn feed_address_on_the_page(app: &TestApp, token: &str) -> String {
    let page = app
        .get_as("/mon-agenda", Some(token))
        .await
        .text()
        .await
        .unwrap();
    page.split("value=\"")
        .map(|rest| rest.split('"').next().unwrap_or_default())
        .find(|value| value.ends_with(".ics"))
        .expect("the feed address on the page")
        .to_owned()
}

on_both_databases!(
    a_feed_token_is_stored_only_as_a_hash,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let id = plan_evening(&app, &planner, &evening(5), 5).await;
        let youths = youths_with_email(&app, planner.counsellor, 1).await;
        let session = app.session_for(youths[0].0).await;
        enrol_themself(&app, &session, id).await;

        let address = feed_address_on_the_page(&app, &session).await;
        let secret = address
            .rsplit('/')
            .next()
            .and_then(|file| file.strip_suffix(".ics"))
            .expect("a token in the address")
            .to_owned();
        assert_eq!(secret.len(), 43);
        for value in support::text_values(&app.db, "calendar_feeds").await {
            assert!(
                !value.contains(&secret),
                "the feed token is stored in clear"
            );
        }
        assert!(
            support::text_values(&app.db, "calendar_feeds")
                .await
                .contains(&shared::auth::hash_token(&secret)),
            "its SHA-256 is"
        );
        let feed = app.client.get(&address).send().await.unwrap();
        assert_eq!(feed.status(), 200);
        assert!(
            feed.text()
                .await
                .unwrap()
                .contains(&format!("/ateliers/{id}"))
        );
    }
);

/// Feeds made before tokens were hashed keep working: the migration hashes them.
async fn feeds_made_before_hashing_keep_working(backend: Backend) {
    use migrations::MigratorTrait;
    use sea_orm::{ConnectionTrait, Statement};

    let Some(database) = support::empty_database(backend).await else {
        return;
    };
    let db = shared::services::connect_database(database.url())
        .await
        .unwrap();
    let hashing = migrations::Migrator::migrations()
        .iter()
        .position(|migration| migration.name().starts_with("m20261204_000014"))
        .expect("the migration that hashes feed tokens") as u32;
    migrations::Migrator::up(&db, Some(hashing)).await.unwrap();
    let now = support::now();
    // Raw SQL: today's entities (and the demo) expect the whole schema, not the one of then.
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "INSERT INTO people (first_name, last_name, email, created_at) \
         VALUES ('Inès', 'Benali', 'ines.benali@example.org', CURRENT_TIMESTAMP)",
    ))
    .await
    .unwrap();
    // Only the id: the entity's other columns may come from later migrations.
    let person_id: PersonId = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::Email.is_not_null())
        .into_tuple()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let clear = shared::auth::SecretToken::generate().token;
    let revoked = shared::auth::SecretToken::generate().token;
    for (token, revoked_at) in [(&clear, "NULL"), (&revoked, "CURRENT_TIMESTAMP")] {
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "INSERT INTO calendar_feeds (person_id, token, created_at, revoked_at) \
                 VALUES ({person_id}, '{token}', CURRENT_TIMESTAMP, {revoked_at})"
            ),
        ))
        .await
        .unwrap();
    }

    migrations::migrate(&db).await.unwrap();
    for value in support::text_values(&db, "calendar_feeds").await {
        assert!(!value.contains(&clear) && !value.contains(&revoked));
    }
    let mail = shared::services::MailSettings {
        site_url: "https://ateliers.example".to_owned(),
        from: "Ateliers <ne-pas-repondre@ateliers.example>"
            .parse()
            .unwrap(),
        footer: shared::services::DEFAULT_MAIL_FOOTER.to_owned(),
    };
    let feed = shared::services::view_calendar_feed(&db, &mail, &clear, now)
        .await
        .unwrap();
    assert!(feed.is_some(), "the subscribed address still works");
    assert!(
        shared::services::view_calendar_feed(&db, &mail, &revoked, now)
            .await
            .unwrap()
            .is_none(),
        "a revoked one stays revoked"
    );
}

for_both_backends!(feeds_made_before_hashing_keep_working);
