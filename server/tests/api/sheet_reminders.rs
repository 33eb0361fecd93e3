//! The reminder to counsellors of attendance sheets left open, on SQLite and on PostgreSQL: a
//! session ended more than the delay ago with its sheet not closed is named once to each
//! counsellor who runs it (not to an archived one), in one mail per counsellor and pass, oldest
//! first, with what is left and a link to its roll-call; never a session closed, on paper,
//! cancelled or ended too recently; several workers at once send each once; 0 turns them off.
//! The mail is read back from the SMTP sink.

use crate::support;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, Set};
use shared::domain::{
    Audience, PersonId, SessionStatus, SheetState, format_session_date, format_session_hours,
};
use shared::entities::{attendance_sheet, person, session_counsellor, workshop_session, youth};
use shared::services::SheetRemindersQueued;
use support::calendar_mail::one_to;
use support::federation::{Federation, federation, new_counsellor, new_person};
use support::{Seed, TestApp, builders};

/// A counsellor of `fed`'s Mission Locale whose file is archived (they left).
async fn archived_counsellor(app: &TestApp, fed: &Federation) -> PersonId {
    let id = new_counsellor(
        app,
        fed.mission_locale,
        ("Nadia", "Partie"),
        "nadia.partie@ml-bondy.example",
    )
    .await;
    person::ActiveModel {
        id: Set(id),
        archived_at: Set(Some(support::now())),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    id
}

/// How a session's attendance stands when the reminder looks.
#[derive(Clone, Copy)]
enum Sheet {
    /// No roll-call yet: one youth registered, no sheet.
    NotStarted,
    /// The roll-call done, the sheet open, not signed.
    Marked,
    Closed,
    Paper,
}

/// A two-hour session that ended `ended_hours_ago` (up to three hours earlier, so that it never
/// runs through lunch and has one half-day whatever the time the test runs), run by
/// `counsellors`.
async fn session(
    app: &TestApp,
    fed: &Federation,
    youth_id: PersonId,
    ended_hours_ago: i64,
    counsellors: &[PersonId],
    sheet: Sheet,
    status: SessionStatus,
) -> workshop_session::Model {
    let mut ends_at = support::now() - Duration::hours(ended_hours_ago);
    while shared::domain::half_days_of(ends_at - Duration::hours(2), ends_at).len() > 1 {
        ends_at -= Duration::hours(1);
    }
    let session = workshop_session::ActiveModel {
        workshop_type_id: Set(fed.workshop),
        mission_locale_id: Set(fed.mission_locale),
        starts_at: Set(ends_at - Duration::hours(2)),
        ends_at: Set(ends_at),
        capacity: Set(12),
        venue_name: Set("Salle des fêtes".into()),
        venue_address: Set("1 place de la Mairie, 93140 Bondy".into()),
        status: Set(status),
        audience: Set(Audience::Federation.code().to_owned()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    for counsellor in counsellors {
        session_counsellor::ActiveModel {
            session_id: Set(session.id),
            person_id: Set(*counsellor),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let at = session.starts_at - Duration::days(3);
    let ticket = i64::from(session.id.get());
    builders::registered_place(
        app,
        session.id,
        youth_id,
        ticket,
        counsellors.first().copied(),
        at,
    )
    .await
    .unwrap();
    let state = match sheet {
        Sheet::NotStarted => return session,
        Sheet::Marked => SheetState::Open,
        Sheet::Closed => SheetState::Closed,
        Sheet::Paper => SheetState::Paper,
    };
    attendance_sheet::ActiveModel {
        session_id: Set(session.id),
        state: Set(state),
        check_in_secret: Set(format!("secret-{}", session.id)),
        opened_at: Set(session.starts_at),
        closed_at: Set((state != SheetState::Open).then_some(session.ends_at)),
        closed_by: Set((state != SheetState::Open).then(|| counsellors[0])),
        closing_signature: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    builders::attendance_line(session.id, youth_id, session.starts_at)
        .marked_by(counsellors[0])
        .insert(app)
        .await;
    session
}

async fn reminder_pass(app: &TestApp, hours: u32, now: DateTime<Utc>) -> SheetRemindersQueued {
    shared::services::send_sheet_reminders(&app.db, &app.mail_settings(), hours, now)
        .await
        .unwrap()
}

/// The line a listed session has in the mail.
fn listed(app: &TestApp, session: &workshop_session::Model, what_is_left: &str) -> String {
    format!(
        "Atelier CV : {}, {} (Mission Locale de Bondy) — {what_is_left}\n{}/seances/{}/emargement\n",
        format_session_date(session.starts_at),
        format_session_hours(session.starts_at, session.ends_at),
        app.address,
        session.id
    )
}

on_both_databases!(
    counsellors_are_reminded_once_of_sheets_left_open,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = federation(&app).await;
        let [(ingrid, ingrid_email), (karim, karim_email)] = fed.counsellors.clone();
        let gone = archived_counsellor(&app, &fed).await;
        let yanis = new_person(&app, "Yanis", "Benali", "yanis.benali@jeunes.example").await;
        youth::ActiveModel {
            person_id: Set(yanis),
            referent_id: Set(ingrid),
            date_of_birth: Set(chrono::NaiveDate::from_ymd_opt(2005, 3, 2).unwrap()),
            gender: Set("male".into()),
            programme_entry_date: Set(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            programme_exit_date: Set(None),
            exit_outcome: Set(None),
            disability_recognised: Set(false),
            judicial_supervision: Set(false),
            version: Set(0),
        }
        .insert(&app.db)
        .await
        .unwrap();
        let published = SessionStatus::Published;

        // Due (delay 24 hours): no roll-call 30 hours after, run by Ingrid and Karim; marked but
        // not signed 50 hours after, Ingrid's; 40 hours after, Karim's and an archived
        // counsellor's.
        let both = session(
            &app,
            &fed,
            yanis,
            30,
            &[ingrid, karim],
            Sheet::NotStarted,
            published,
        )
        .await;
        let older = session(&app, &fed, yanis, 50, &[ingrid], Sheet::Marked, published).await;
        let karims = session(
            &app,
            &fed,
            yanis,
            40,
            &[karim, gone],
            Sheet::Marked,
            published,
        )
        .await;
        // Not due: ended 3 hours ago; closed; on paper; cancelled.
        let recent = session(
            &app,
            &fed,
            yanis,
            3,
            &[ingrid],
            Sheet::NotStarted,
            published,
        )
        .await;
        let mut never = Vec::new();
        for (sheet, status) in [
            (Sheet::Closed, published),
            (Sheet::Paper, published),
            (Sheet::NotStarted, SessionStatus::Cancelled),
        ] {
            never.push(session(&app, &fed, yanis, 40, &[ingrid, karim], sheet, status).await);
        }

        let now = support::now();
        // Three workers at once: one mail per counsellor, naming each session once.
        let (a, b, c) = tokio::join!(
            reminder_pass(&app, 24, now),
            reminder_pass(&app, 24, now),
            reminder_pass(&app, 24, now)
        );
        assert_eq!(a.mails + b.mails + c.mails, 2, "{a:?} {b:?} {c:?}");
        assert_eq!(a.sessions + b.sessions + c.sessions, 4, "{a:?} {b:?} {c:?}");
        assert_eq!(reminder_pass(&app, 24, now).await.mails, 0, "once");
        let mut seen = 0;
        let reminders = app.next_mail(&mut seen, 2).await;

        // Ingrid's two sessions in one mail, the oldest first, each with what is left.
        let to_ingrid = one_to(&reminders, &ingrid_email);
        assert_eq!(to_ingrid.envelope_to, vec![ingrid_email.clone()]);
        assert_eq!(to_ingrid.subject, "2 feuilles d'émargement à clôturer");
        let text = to_ingrid.text.replace("\r\n", "\n");
        assert!(text.starts_with("Bonjour Ingrid,"), "{text}");
        assert!(text.contains("2 séances que vous animez sont terminées depuis plus de 24 heures"));
        let older_at = text
            .find(&listed(&app, &older, "À signer et clôturer"))
            .expect(&text);
        let both_at = text
            .find(&listed(&app, &both, "Appel à faire"))
            .expect(&text);
        assert!(older_at < both_at);
        assert!(text.contains(&format!(
            "Voir les émargements à clôturer : {}/emargements",
            app.address
        )));
        for session in never.iter().chain([&recent, &karims]) {
            assert!(
                !text.contains(&format!("/seances/{}/emargement", session.id)),
                "session {} is not Ingrid's to close now",
                session.id
            );
        }
        assert!(
            to_ingrid
                .html
                .contains(&format!("{}/emargements", app.address))
        );

        // Karim's: the one he shares with Ingrid and his own; his archived colleague gets none.
        let to_karim = one_to(&reminders, &karim_email);
        let text = to_karim.text.replace("\r\n", "\n");
        assert_eq!(to_karim.subject, "2 feuilles d'émargement à clôturer");
        assert!(
            text.contains(&listed(&app, &karims, "À signer et clôturer")),
            "{text}"
        );
        assert!(
            text.contains(&listed(&app, &both, "Appel à faire")),
            "{text}"
        );

        // A day later the recent one is due too: Ingrid alone hears of it, in a mail of its own.
        let later = now + Duration::hours(24);
        let pass = reminder_pass(&app, 24, later).await;
        assert_eq!((pass.mails, pass.sessions), (1, 1));
        app.deliver_at(later).await;
        let reminders = app.next_mail(&mut seen, 1).await;
        let single = one_to(&reminders, &ingrid_email);
        assert_eq!(
            single.subject,
            "Feuille d'émargement à clôturer : Atelier CV"
        );
        let text = single.text.replace("\r\n", "\n");
        assert!(text.contains(&format!(
            "Quand : {}, {}",
            format_session_date(recent.starts_at),
            format_session_hours(recent.starts_at, recent.ends_at)
        )));
        assert!(text.contains("Reste à faire : Appel à faire"));
        assert!(text.contains(&format!(
            "Ouvrir l'émargement : {}/seances/{}/emargement",
            app.address, recent.id
        )));
        assert!(
            !text.contains(&format!("/seances/{}/", both.id)),
            "once per session"
        );

        // 0 turns them off: a new session due stays unnamed, then is named once they are on.
        let quiet = session(&app, &fed, yanis, 30, &[karim], Sheet::Marked, published).await;
        assert_eq!(
            reminder_pass(&app, 0, support::now()).await,
            SheetRemindersQueued::default()
        );
        let pass = reminder_pass(&app, 24, support::now()).await;
        assert_eq!((pass.mails, pass.sessions), (1, 1));
        let reminders = app.next_mail(&mut seen, 1).await;
        assert!(
            one_to(&reminders, &karim_email)
                .text
                .contains(&format!("/seances/{}/emargement", quiet.id))
        );

        // The sessions stay on « Émargements à clôturer » until their sheet is closed.
        let cookie = app.session_for(ingrid).await;
        let page = app.get_as("/emargements", Some(&cookie)).await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        for session in [&older, &both, &recent] {
            assert!(html.contains(&format!("/seances/{}/emargement", session.id)));
        }
        for session in &never {
            assert!(!html.contains(&format!("/seances/{}/emargement", session.id)));
        }
    }
);
