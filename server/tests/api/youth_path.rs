//! A youth's path and the no-contact alert, on SQLite and on PostgreSQL: a generated set of youths
//! with attended sessions (and lines that must not count: absent, excused, an unconfirmed
//! check-in, a cancelled session, before the entry), their months and counts as their referent
//! reads them (the file's server function and its page), and the alert to the referent, read back
//! from the SMTP sink: one mail per referent and pass naming all their youths due, once per gap,
//! to the right person, never for a recent contact, an exit, an archived file, a programme over or
//! not begun, again after a new contact and a new gap, and a first start with a long list.

use crate::support;

use std::collections::BTreeMap;

use app::server_fns::ViewYouth;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared::domain::{AttendanceStatus, Audience, PARIS, PersonId, SessionStatus, YouthDetails};
use shared::entities::{no_contact_alert, person, workshop_session, youth};
use support::calendar_mail::one_to;
use support::federation::{Federation, federation, new_person};
use support::{Seed, TestApp, builders, server_fn_path};

async fn new_youth(
    app: &TestApp,
    referent: PersonId,
    name: (&str, &str),
    entry: NaiveDate,
    exit: Option<NaiveDate>,
) -> PersonId {
    let email = format!("{}.{}@jeunes.example", name.0, name.1).to_lowercase();
    let id = new_person(app, name.0, name.1, &email).await;
    youth::ActiveModel {
        person_id: Set(id),
        referent_id: Set(referent),
        date_of_birth: Set(entry - Duration::days(20 * 365)),
        gender: Set("undisclosed".into()),
        programme_entry_date: Set(entry),
        programme_exit_date: Set(exit),
        exit_outcome: Set(exit.map(|_| "employment".to_owned())),
        disability_recognised: Set(false),
        judicial_supervision: Set(false),
        version: Set(0),
    }
    .insert(&app.db)
    .await
    .unwrap();
    id
}

/// A line on a session held on `day`, 10:00–12:00 in Paris (a session of its own, so that each
/// line can be dated freely).
struct Line {
    day: NaiveDate,
    status: &'static str,
    confirmed: bool,
    cancelled: bool,
}

impl Line {
    fn attended(day: NaiveDate) -> Line {
        Line {
            day,
            status: "present",
            confirmed: true,
            cancelled: false,
        }
    }

    /// Whether the path counts it as a contact.
    fn counts(&self) -> bool {
        self.confirmed && matches!(self.status, "present" | "late") && !self.cancelled
    }
}

async fn mark(app: &TestApp, fed: &Federation, youth_id: PersonId, line: &Line) {
    let starts_at = paris(line.day, 10);
    let session = workshop_session::ActiveModel {
        workshop_type_id: Set(fed.workshop),
        mission_locale_id: Set(fed.mission_locale),
        starts_at: Set(starts_at),
        ends_at: Set(starts_at + Duration::hours(2)),
        capacity: Set(12),
        venue_name: Set("Salle des fêtes".into()),
        venue_address: Set("1 place de la Mairie, 93140 Bondy".into()),
        status: Set(if line.cancelled {
            SessionStatus::Cancelled
        } else {
            SessionStatus::Published
        }),
        audience: Set(Audience::Federation.code().to_owned()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    builders::attendance_line(session.id, youth_id, starts_at)
        .status(AttendanceStatus::parse(line.status).expect("a status code"))
        .confirmed(line.confirmed)
        .insert(app)
        .await;
}

fn paris(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    PARIS
        .from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn today() -> NaiveDate {
    support::now().with_timezone(&PARIS).date_naive()
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap()
}

async fn file_of(app: &TestApp, youth_id: PersonId, session: &str) -> YouthDetails {
    let response = app
        .call(
            server_fn_path::<ViewYouth>(),
            &[("id", youth_id.to_string())],
            Some(session),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

on_both_databases!(
    the_referent_reads_each_youths_path_month_by_month,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = federation(&app).await;
        let today = today();
        let statuses = ["present", "late", "absent", "excused", "present", "present"];
        // Twelve youths, entered 3 to 400 days ago (some left), each with lines every few days:
        // attended ones, and others the path must leave out.
        let mut youths = Vec::new();
        for index in 0..12u32 {
            let entry = today - Duration::days(i64::from(3 + index * 37 % 400));
            let exit = (index % 4 == 3)
                .then(|| entry + Duration::days(100))
                .filter(|d| *d < today);
            let referent = fed.counsellors[(index % 2) as usize].0;
            let id = new_youth(
                &app,
                referent,
                ("Jeune", &format!("Numero{index}")),
                entry,
                exit,
            )
            .await;
            let mut lines = Vec::new();
            // One before the entry, which does not count.
            lines.push(Line::attended(entry - Duration::days(2)));
            let step = 5 + i64::from(index % 5) * 4;
            let mut day = entry;
            let mut n = index as usize;
            while day < today {
                lines.push(Line {
                    day,
                    status: statuses[n % statuses.len()],
                    confirmed: n % 7 != 4,
                    cancelled: n % 11 == 5,
                });
                n += 1;
                day += Duration::days(step + (n % 3) as i64 * 6);
            }
            for line in &lines {
                mark(&app, &fed, id, line).await;
            }
            youths.push((id, referent, entry, exit, lines));
        }

        for (id, referent, entry, exit, lines) in &youths {
            let session = app.session_for(*referent).await;
            let file = file_of(&app, *id, &session).await;
            let path = &file.path;
            // What the referent should read, counted here without the domain's code.
            let last_day = exit.unwrap_or(
                entry.checked_add_months(chrono::Months::new(12)).unwrap() - Duration::days(1),
            );
            let until = today.min(last_day);
            let counted: Vec<NaiveDate> = lines
                .iter()
                .filter(|line| line.counts() && *entry <= line.day && line.day <= until)
                .map(|line| line.day)
                .collect();
            let mut per_month: BTreeMap<NaiveDate, u32> = BTreeMap::new();
            let mut month = first_of_month(*entry);
            while month <= until {
                per_month.insert(month, 0);
                month = month.checked_add_months(chrono::Months::new(1)).unwrap();
            }
            for day in &counted {
                *per_month.get_mut(&first_of_month(*day)).unwrap() += 1;
            }
            let labels: Vec<String> = per_month
                .keys()
                .map(|month| shared::domain::format_month(*month))
                .collect();
            assert_eq!(
                path.months
                    .iter()
                    .map(|m| m.label.clone())
                    .collect::<Vec<_>>(),
                labels,
                "youth {id}"
            );
            assert_eq!(
                path.months.iter().map(|m| m.contacts).collect::<Vec<_>>(),
                per_month.values().copied().collect::<Vec<_>>(),
                "youth {id}"
            );
            for month in &path.months {
                let expected = match month.contacts {
                    0 => "Aucun contact",
                    1 | 2 => "Objectif atteint (1 à 2 par mois)",
                    _ => "Au-delà de l'objectif",
                };
                assert_eq!(month.target.label(), expected);
                assert_eq!(month.sessions.len() as u32, month.contacts);
                assert!(month.sessions.iter().all(|s| s.title == "Atelier CV"));
            }
            assert_eq!(path.sessions_attended as usize, counted.len());
            assert_eq!(path.minutes_attended as usize, counted.len() * 120);
            assert_eq!(
                path.months_with_contact as usize,
                per_month.values().filter(|count| **count > 0).count()
            );
            assert_eq!(path.months_elapsed as usize, per_month.len());
            let since = counted.last().copied().unwrap_or(*entry);
            assert_eq!(
                i64::from(path.weeks_without_contact),
                (until - since).num_days() / 7,
                "youth {id}"
            );
            assert_eq!(path.ended, today > last_day);

            // The page shows the same months, each as a card of its own.
            let page = app.get_as(&format!("/jeunes/{id}"), Some(&session)).await;
            assert_eq!(page.status(), 200);
            let html = page.text().await.unwrap();
            assert!(html.contains("data-test=\"youth-path\""));
            assert!(html.contains(">Parcours</h2>"));
            assert_eq!(
                html.matches("data-test=\"path-month\"").count(),
                per_month.len()
            );
            assert!(html.contains(&format!(
                "data-test=\"weeks-without-contact\" data-weeks=\"{}\"",
                path.weeks_without_contact
            )));
            for month in &path.months {
                assert!(html.contains(&month.label));
            }
        }

        // The youth reads their own path too, as they read their file.
        let (id, referent, ..) = &youths[0];
        let own = app.session_for(*id).await;
        let referents = app.session_for(*referent).await;
        assert_eq!(
            file_of(&app, *id, &own).await.path,
            file_of(&app, *id, &referents).await.path
        );
    }
);

/// Runs a pass of the no-contact alerts at `now`, with a threshold of `weeks`.
async fn alert_pass(
    app: &TestApp,
    weeks: u32,
    now: DateTime<Utc>,
) -> shared::services::NoContactAlertsQueued {
    shared::services::send_no_contact_alerts(&app.db, &app.mail_settings(), weeks, now)
        .await
        .unwrap()
}

on_both_databases!(
    the_referent_is_alerted_once_per_gap_without_contact,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = federation(&app).await;
        let [(ingrid, ingrid_email), (karim, karim_email)] = fed.counsellors.clone();
        let today = today();
        let weeks_ago = |weeks: i64| today - Duration::weeks(weeks);

        // Alerted: no contact since entering ten weeks ago.
        let silent = new_youth(&app, ingrid, ("Lina", "Silent"), weeks_ago(10), None).await;
        // Alerted, to Karim: last attended six weeks ago.
        let lapsed = new_youth(&app, karim, ("Malik", "Lapsed"), weeks_ago(20), None).await;
        mark(&app, &fed, lapsed, &Line::attended(weeks_ago(6))).await;
        // Alerted, in the same mail as Lina: absent, excused, an unconfirmed check-in and a
        // cancelled session are no contact.
        let absent = new_youth(&app, ingrid, ("Sarah", "Absent"), weeks_ago(9), None).await;
        for (status, confirmed, cancelled) in [
            ("absent", true, false),
            ("excused", true, false),
            ("present", false, false),
            ("present", true, true),
        ] {
            let line = Line {
                day: weeks_ago(1),
                status,
                confirmed,
                cancelled,
            };
            mark(&app, &fed, absent, &line).await;
        }
        // Not alerted: came a week ago.
        let recent = new_youth(&app, ingrid, ("Yanis", "Recent"), weeks_ago(20), None).await;
        mark(&app, &fed, recent, &Line::attended(weeks_ago(1))).await;
        // Not alerted: left the programme, archived, programme over, not yet entered.
        new_youth(
            &app,
            ingrid,
            ("Nora", "Exited"),
            weeks_ago(30),
            Some(weeks_ago(1)),
        )
        .await;
        let archived = new_youth(&app, ingrid, ("Omar", "Archived"), weeks_ago(10), None).await;
        person::Entity::update_many()
            .col_expr(person::Column::ArchivedAt, Expr::value(support::now()))
            .filter(person::Column::Id.eq(archived))
            .exec(&app.db)
            .await
            .unwrap();
        new_youth(
            &app,
            ingrid,
            ("Ines", "Over"),
            today - Duration::days(400),
            None,
        )
        .await;
        // (Three weeks into the programme at the second pass below: still no alert.)
        new_youth(
            &app,
            ingrid,
            ("Adam", "Future"),
            today + Duration::days(14),
            None,
        )
        .await;

        let now = support::now();
        // Two workers at once: one mail per referent, naming each youth once.
        let (first, second) = tokio::join!(alert_pass(&app, 4, now), alert_pass(&app, 4, now));
        assert_eq!(first.mails + second.mails, 2, "{first:?} {second:?}");
        assert_eq!(first.youths + second.youths, 3, "{first:?} {second:?}");
        assert_eq!(alert_pass(&app, 4, now).await.mails, 0, "once");
        assert_eq!(
            alert_pass(&app, 0, now + Duration::weeks(8)).await.mails,
            0,
            "0 turns the alerts off"
        );
        // The running dispatcher sends them.
        let mut seen = 0;
        let alerts = app.next_mail(&mut seen, 2).await;

        // Ingrid's two youths in one mail, the longest without contact first.
        let to_ingrid = one_to(&alerts, &ingrid_email);
        assert_eq!(to_ingrid.envelope_to, vec![ingrid_email.clone()]);
        assert_eq!(
            to_ingrid.subject,
            "2 jeunes sans nouvelles depuis 4 semaines ou plus"
        );
        assert!(to_ingrid.text.starts_with("Bonjour Ingrid,"));
        let lina_line = format!(
            "Lina Silent : 10 semaines sans contact ; aucun contact depuis l'entrée le {}\n{}/jeunes/{silent}\n",
            shared::domain::format_day(weeks_ago(10)),
            app.address
        );
        let sarah_line = format!(
            "Sarah Absent : 9 semaines sans contact ; aucun contact depuis l'entrée le {}\n{}/jeunes/{absent}\n",
            shared::domain::format_day(weeks_ago(9)),
            app.address
        );
        let text = to_ingrid.text.replace("\r\n", "\n");
        let (lina_at, sarah_at) = (
            text.find(&lina_line).expect(&text),
            text.find(&sarah_line).expect(&text),
        );
        assert!(lina_at < sarah_at);
        for other in ["Yanis", "Nora", "Omar", "Ines", "Adam", "Malik"] {
            assert!(!to_ingrid.text.contains(other), "{other} is not due");
        }
        assert!(
            to_ingrid
                .text
                .contains(&format!("{}/jeunes?miens=on", app.address))
        );
        assert!(
            to_ingrid
                .text
                .contains(shared::services::DEFAULT_MAIL_FOOTER)
        );
        assert!(to_ingrid.html.contains(&format!("/jeunes/{silent}")));
        assert!(to_ingrid.html.contains(&format!("/jeunes/{absent}")));

        // Karim's one youth: the mail is about him.
        let to_malik = one_to(&alerts, &karim_email);
        assert_eq!(
            to_malik.subject,
            "Sans nouvelles de Malik Lapsed depuis 6 semaines"
        );
        let last = shared::domain::format_day(weeks_ago(6));
        assert!(to_malik.text.contains(&format!("depuis le {last}")));
        assert!(
            to_malik
                .text
                .contains(&format!("Dernier contact : {last}, atelier « Atelier CV »"))
        );
        assert!(
            to_malik
                .text
                .contains(&format!("{}/jeunes/{lapsed}", app.address))
        );

        // One row per youth, dated by the start of the gap, with the mail that named it.
        let rows = no_contact_alert::Entity::find().all(&app.db).await.unwrap();
        let by_youth: BTreeMap<PersonId, &no_contact_alert::Model> =
            rows.iter().map(|row| (row.youth_id, row)).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(by_youth.len(), 3);
        assert_eq!(by_youth[&lapsed].last_contact_on, weeks_ago(6));
        assert_eq!(by_youth[&lapsed].weeks, 4);
        assert_eq!(by_youth[&silent].last_contact_on, weeks_ago(10));
        assert_eq!(by_youth[&silent].mail_id, by_youth[&absent].mail_id);
        assert_ne!(by_youth[&silent].mail_id, by_youth[&lapsed].mail_id);

        // Malik comes back yesterday: no alert now; five weeks later a new gap alerts again
        // (and so does Yanis's, whose last contact is then six weeks old): one mail to each
        // referent, naming only the youth of the new gap.
        mark(
            &app,
            &fed,
            lapsed,
            &Line::attended(today - Duration::days(1)),
        )
        .await;
        assert_eq!(alert_pass(&app, 4, now).await.mails, 0);
        let later = now + Duration::weeks(5);
        assert_eq!(
            alert_pass(&app, 4, later).await,
            shared::services::NoContactAlertsQueued {
                mails: 2,
                youths: 2
            }
        );
        app.deliver_at(later).await;
        let again = app.next_mail(&mut seen, 2).await;
        let to_malik = one_to(&again, &karim_email);
        assert_eq!(
            to_malik.subject,
            "Sans nouvelles de Malik Lapsed depuis 5 semaines"
        );
        let to_ingrid = one_to(&again, &ingrid_email);
        assert_eq!(
            to_ingrid.subject,
            "Sans nouvelles de Yanis Recent depuis 6 semaines"
        );
        assert!(
            to_ingrid
                .text
                .contains(&format!("{}/jeunes/{recent}", app.address))
        );
        for other in ["Lina", "Sarah"] {
            assert!(!to_ingrid.text.contains(other), "{other} was alerted");
        }
        assert_eq!(
            no_contact_alert::Entity::find()
                .filter(no_contact_alert::Column::YouthId.eq(lapsed))
                .all(&app.db)
                .await
                .unwrap()
                .len(),
            2
        );
        assert_eq!(alert_pass(&app, 4, later).await.mails, 0, "once per gap");
    }
);

on_both_databases!(
    a_first_start_sends_each_referent_one_list,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = federation(&app).await;
        let [(ingrid, ingrid_email), (karim, karim_email)] = fed.counsellors.clone();
        let entry = today() - Duration::weeks(8);
        // As on a first deployment: many files, no attendance recorded yet.
        let mut youths = Vec::new();
        for (referent, name, count) in [(ingrid, "Ingrid", 53), (karim, "Karim", 3)] {
            for index in 0..count {
                let last_name = format!("{name}{index:02}");
                youths.push(new_youth(&app, referent, ("Jeune", &last_name), entry, None).await);
            }
        }

        let now = support::now();
        let (first, second, third) = tokio::join!(
            alert_pass(&app, 4, now),
            alert_pass(&app, 4, now),
            alert_pass(&app, 4, now),
        );
        assert_eq!(first.mails + second.mails + third.mails, 2);
        assert_eq!(first.youths + second.youths + third.youths, 56);
        assert_eq!(alert_pass(&app, 4, now).await.mails, 0, "once");

        // Every youth recorded, each with their referent's one mail, even those the mail does not
        // list.
        let rows = no_contact_alert::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 56);
        let mut recorded: Vec<PersonId> = rows.iter().map(|row| row.youth_id).collect();
        recorded.sort_unstable();
        youths.sort_unstable();
        assert_eq!(recorded, youths);
        let mails: std::collections::BTreeSet<i32> = rows.iter().map(|row| row.mail_id).collect();
        assert_eq!(mails.len(), 2);

        let mut seen = 0;
        let alerts = app.next_mail(&mut seen, 2).await;
        let to_ingrid = one_to(&alerts, &ingrid_email);
        assert_eq!(
            to_ingrid.subject,
            "53 jeunes sans nouvelles depuis 4 semaines ou plus"
        );
        assert_eq!(
            to_ingrid.text.matches("8 semaines sans contact ;").count(),
            50
        );
        assert!(
            to_ingrid
                .text
                .contains("Jeune Ingrid49 : 8 semaines sans contact")
        );
        assert!(!to_ingrid.text.contains("Jeune Ingrid50"));
        assert!(
            to_ingrid
                .text
                .contains(&format!("Et 3 autres : {}/jeunes?miens=on", app.address))
        );
        let to_karim = one_to(&alerts, &karim_email);
        assert_eq!(
            to_karim.subject,
            "3 jeunes sans nouvelles depuis 4 semaines ou plus"
        );
        assert_eq!(
            to_karim.text.matches("8 semaines sans contact ;").count(),
            3
        );
        assert!(!to_karim.text.contains("autres :"));
    }
);
