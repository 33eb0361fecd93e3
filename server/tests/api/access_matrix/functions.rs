//! The server functions' table: one entry per function, the arguments each call sends and who
//! may call it.

use super::cast::{day, session_fields, workshop_form};
use super::*;

pub(super) type Args = Box<dyn Fn(&Cast, Who, usize) -> Vec<(&'static str, String)>>;

pub(super) fn no_args() -> Args {
    Box::new(|_, _, _| Vec::new())
}

/// Every server function: its path, the arguments each call sends, what it promises.
pub(super) fn server_function_table() -> Vec<(&'static str, Args, Access)> {
    let new_youth: Args = Box::new(|cast, who, call| {
        let referent = if who == Coordinator {
            cast.referent.to_string()
        } else {
            String::new()
        };
        vec![
            ("youth[first_name]", "Samia".into()),
            ("youth[last_name]", "Matrice".into()),
            ("youth[date_of_birth]", "2006-05-04".into()),
            ("youth[gender]", "female".into()),
            ("youth[email]", format!("samia.matrice{call}@exemple.fr")),
            ("youth[phone]", String::new()),
            ("youth[referent_id]", referent),
            ("youth[programme_entry_date]", "2026-11-02".into()),
        ]
    });
    let edit_youth: Args = Box::new(|cast, who, call| {
        let mut form = cast.youth_form.clone();
        form.push(("youth[phone]", format!("06 11 22 33 {:02}", call % 100)));
        form.push(("id", cast.youth.to_string()));
        // Each editor's save raises the file's version; they save in this order, each from the
        // version the previous one left.
        let saved_before = YOUTH_EDITORS
            .iter()
            .position(|editor| *editor == who)
            .unwrap_or(0);
        form.push(("youth[version]", saved_before.to_string()));
        form
    });
    let new_facilitator: Args = Box::new(|_, _, call| {
        vec![
            ("facilitator[first_name]", "Léa".into()),
            ("facilitator[last_name]", "Reporter".into()),
            ("facilitator[organisation]", "Radio Matrice".into()),
            (
                "facilitator[email]",
                format!("lea.reporter{call}@exemple.fr"),
            ),
            ("facilitator[phone]", String::new()),
        ]
    });
    vec![
        (
            server_fn_path::<ListUpcomingSessions>(),
            no_args(),
            Access::Public,
        ),
        (
            server_fn_path::<ListLocalMail>(),
            no_args(),
            Access::DemoOnly,
        ),
        (
            server_fn_path::<ListLocalSms>(),
            no_args(),
            Access::DemoOnly,
        ),
        (
            server_fn_path::<ReadLocalMail>(),
            Box::new(|_, _, _| vec![("id", LOCAL_MAIL.into())]),
            Access::DemoOnly,
        ),
        (server_fn_path::<DescribeActor>(), no_args(), Access::Public),
        (
            server_fn_path::<CheckDocument>(),
            Box::new(|_, _, _| vec![("sha256", "ab".repeat(32))]),
            Access::Public,
        ),
        (
            server_fn_path::<ViewDocumentSeal>(),
            Box::new(|cast, _, _| vec![("code", cast.seal_code.clone())]),
            Access::Public,
        ),
        (server_fn_path::<SealPublicKey>(), no_args(), Access::Public),
        (
            server_fn_path::<ViewPrivacyNotice>(),
            no_args(),
            Access::Public,
        ),
        (
            server_fn_path::<RequestSignInLink>(),
            Box::new(|_, _, call| vec![("email", format!("inconnu{call}@exemple.fr"))]),
            Access::Public,
        ),
        (
            server_fn_path::<RedeemSignInLink>(),
            Box::new(|_, _, _| vec![("token", "not-a-token".into())]),
            Access::Public,
        ),
        (
            server_fn_path::<RequestSignInCode>(),
            Box::new(|_, _, call| vec![("phone", format!("07{call:08}"))]),
            Access::Public,
        ),
        (
            server_fn_path::<RedeemSignInCode>(),
            Box::new(|_, _, call| {
                vec![("phone", format!("07{call:08}")), ("code", "000000".into())]
            }),
            Access::Public,
        ),
        (
            server_fn_path::<SignInWithPassword>(),
            Box::new(|_, _, call| {
                vec![
                    ("email", format!("inconnu{call}@exemple.fr")),
                    ("password", "wrong password".into()),
                ]
            }),
            Access::Public,
        ),
        (
            server_fn_path::<RequestPasswordReset>(),
            Box::new(|_, _, call| vec![("email", format!("inconnu{call}@exemple.fr"))]),
            Access::Public,
        ),
        (
            server_fn_path::<ResetPassword>(),
            Box::new(|_, _, _| {
                vec![
                    ("token", "not-a-token".into()),
                    ("password", "une phrase assez longue".into()),
                    ("password_confirmation", "une phrase assez longue".into()),
                ]
            }),
            Access::Public,
        ),
        (server_fn_path::<SignOut>(), no_args(), Access::Public),
        (
            server_fn_path::<LoadHome>(),
            no_args(),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<ListYouths>(),
            Box::new(|_, _, _| vec![("mine", "false".into()), ("search", String::new())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewYouth>(),
            Box::new(|cast, _, _| vec![("id", cast.youth.to_string())]),
            Access::Only(YOUTH_READERS),
        ),
        (
            server_fn_path::<ListReferentOptions>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListFacilitators>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<CreateYouth>(),
            new_youth,
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateYouth>(),
            edit_youth,
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<RecordIndividualContact>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.youth.to_string()),
                    ("contact[kind]", "phone".into()),
                    (
                        "contact[day]",
                        support::today().format("%Y-%m-%d").to_string(),
                    ),
                    ("contact[minutes]", (10 + call % 50).to_string()),
                    ("contact[subject]", "Point sur la recherche de stage".into()),
                ]
            }),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ArchiveYouth>(),
            Box::new(|cast, _, _| vec![("id", cast.youth_to_archive.to_string())]),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<CreateFacilitator>(),
            new_facilitator,
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListStaff>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListMissionLocales>(),
            no_args(),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<CreateStaffMember>(),
            Box::new(|cast, _, call| {
                vec![
                    ("staff[first_name]", "Hugo".into()),
                    ("staff[last_name]", "Matrice".into()),
                    ("staff[email]", format!("hugo.matrice{call}@ml93.example")),
                    ("staff[role]", "counsellor".into()),
                    ("staff[mission_locale_id]", cast.mission_locale.to_string()),
                ]
            }),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ViewStaffMember>(),
            Box::new(|cast, _, _| vec![("id", cast.referent.to_string())]),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<UpdateStaffMember>(),
            Box::new(|cast, _, _| {
                vec![
                    ("id", cast.counsellor_other_ml.to_string()),
                    ("staff[first_name]", "Camille".into()),
                    ("staff[last_name]", "Renommée".into()),
                    ("staff[email]", "camille.renommee@ml93.example".into()),
                    ("staff[role]", "counsellor".into()),
                    (
                        "staff[mission_locale_id]",
                        cast.other_mission_locale.to_string(),
                    ),
                ]
            }),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ArchiveStaffMember>(),
            Box::new(|cast, _, _| vec![("id", cast.staff_to_archive.to_string())]),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ListPlaces>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewFacilitator>(),
            Box::new(|cast, _, _| vec![("id", cast.facilitator_to_edit.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateFacilitator>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.facilitator_to_edit.to_string()),
                    ("facilitator[first_name]", "Claire".into()),
                    ("facilitator[last_name]", "Vasseur".into()),
                    ("facilitator[organisation]", format!("Le Parisien ({call})")),
                    (
                        "facilitator[email]",
                        format!("claire.vasseur{call}@medias.example"),
                    ),
                    ("facilitator[phone]", String::new()),
                ]
            }),
            Access::Only(FACILITATOR_KEEPERS),
        ),
        (
            server_fn_path::<ArchiveFacilitator>(),
            Box::new(|cast, _, _| vec![("id", cast.facilitator_to_archive.to_string())]),
            Access::Only(FACILITATOR_KEEPERS),
        ),
        (
            server_fn_path::<RestoreFacilitator>(),
            Box::new(|cast, _, _| vec![("id", cast.facilitator_to_archive.to_string())]),
            Access::Only(FACILITATOR_KEEPERS),
        ),
        (
            server_fn_path::<UpdateSite>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.site.to_string()),
                    (
                        "site[opening_hours]",
                        format!("Lundi–vendredi, 9 h – 17 h ({call})"),
                    ),
                    ("site[step_free_access]", "on".into()),
                    ("site[accessibility_notes]", String::new()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<CreateSite>(),
            Box::new(|cast, who, call| {
                let mission_locale = if who == Coordinator {
                    cast.mission_locale.to_string()
                } else {
                    String::new()
                };
                vec![
                    ("site[mission_locale_id]", mission_locale),
                    ("site[name]", format!("Antenne matrice {call}")),
                    (
                        "site[address]",
                        "1 place de la Matrice, 93000 Bobigny".into(),
                    ),
                    ("site[opening_hours]", "Lundi–vendredi, 9 h – 17 h".into()),
                ]
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateRoom>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.room.to_string()),
                    ("site_id", cast.site.to_string()),
                    ("room[name]", "Salle Olympe de Gouges".into()),
                    ("room[capacity]", (10 + call % 5).to_string()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<AddRoom>(),
            Box::new(|cast, _, call| {
                vec![
                    ("site_id", cast.site.to_string()),
                    ("room[name]", format!("Salle matrice {call}")),
                    ("room[capacity]", "10".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<AddSiteClosure>(),
            Box::new(|cast, _, call| {
                vec![
                    ("site_id", cast.site.to_string()),
                    ("closure[first_day]", day(cast.monday, 7)),
                    ("closure[last_day]", day(cast.monday, 18)),
                    ("closure[reason]", format!("Travaux (matrice {call})")),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<LoadPlanningOptions>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListWorkshopTypes>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListAgenda>(),
            Box::new(|cast, _, _| {
                vec![
                    ("query[view]", "mois".into()),
                    ("query[from]", day(cast.monday, -1)),
                    ("query[mission_locale_id]", String::new()),
                    ("query[theme]", String::new()),
                    ("query[counsellor_id]", String::new()),
                    ("query[facilitator_id]", String::new()),
                ]
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewSession>(),
            Box::new(|cast, _, _| vec![("id", cast.session_to_edit.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewPublicSession>(),
            Box::new(|cast, _, _| vec![("id", cast.session_to_edit.to_string())]),
            Access::Public,
        ),
        (
            server_fn_path::<ListFacilitatorSessions>(),
            no_args(),
            Access::Only(FACILITATORS),
        ),
        (
            server_fn_path::<PlanSessions>(),
            Box::new(|cast, _, call| {
                // A day of its own for each call, after the matrix's series, so that no call
                // clashes with another; within planning's two years however many functions
                // are called before (the calls of one function are consecutive).
                session_fields(cast, &day(cast.monday, 140 + (call % 300) as i64), "matrix")
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<UpdateSession>(),
            Box::new(|cast, _, call| {
                let mut form = session_fields(cast, &day(cast.monday, 0), &format!("edit {call}"));
                form.push(("id", cast.session_to_edit.to_string()));
                form.push(("scope", "this_session".into()));
                form
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<CancelSession>(),
            Box::new(|cast, who, _| {
                let index = SITE_EDITORS
                    .iter()
                    .position(|editor| *editor == who)
                    .unwrap_or(0);
                vec![
                    ("id", cast.sessions_to_cancel[index].to_string()),
                    ("scope", "this_session".into()),
                    ("reason", "Salle indisponible (matrice)".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ViewYouthPlace>(),
            Box::new(|cast, _, _| vec![("session_id", cast.open_session.to_string())]),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<EnrolInSession>(),
            Box::new(|cast, _, _| vec![("session_id", cast.open_session.to_string())]),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ListMyEnrolments>(),
            no_args(),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ViewNoticeSettings>(),
            no_args(),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ChooseNoticeChannel>(),
            Box::new(|_, _, _| vec![("channel", "email".into())]),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<CancelEnrolment>(),
            Box::new(|cast, _, _| vec![("session_id", cast.open_session.to_string())]),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ViewRoster>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("search", "a".into()),
                ]
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<EnrolYouths>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("youth_ids[0]", cast.youth.to_string()),
                ]
            }),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<PromoteFromWaitingList>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("youth_id", cast.youth.to_string()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ChangeCapacity>(),
            Box::new(|cast, _, call| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("capacity", (4 + call % 2).to_string()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<RemoveEnrolment>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("youth_id", cast.youth.to_string()),
                    ("reason", "Inscrit par erreur (matrice)".into()),
                ]
            }),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<OpenCalendarFeed>(),
            no_args(),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<RenewCalendarFeed>(),
            no_args(),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<ListFailedMail>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListFailedSms>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ResendFailedSms>(),
            Box::new(|cast, _, _| vec![("id", cast.failed_sms.to_string())]),
            // As for mail: those who may read the youth's file.
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ViewServiceHealth>(),
            no_args(),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<PreviewMinimisation>(),
            no_args(),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<HoldMinimisation>(),
            Box::new(|cast, _, _| {
                vec![
                    ("youth_id", cast.youth.to_string()),
                    ("reason", "Contrôle du FSE en cours".into()),
                ]
            }),
            Access::Only(COORDINATORS),
        ),
        (
            // On the youth archived above: erased once, by the first coordinator's call.
            server_fn_path::<EraseYouthData>(),
            Box::new(|cast, _, _| {
                vec![
                    ("id", cast.youth_to_archive.to_string()),
                    ("confirm", "on".into()),
                ]
            }),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<LiftMinimisationHold>(),
            Box::new(|cast, _, _| vec![("youth_id", cast.youth.to_string())]),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ResendFailedMail>(),
            Box::new(|cast, _, _| vec![("id", cast.failed_mail.to_string())]),
            // Those who may read the youth's file.
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ViewAttendance>(),
            Box::new(|cast, _, _| vec![("session_id", cast.session_under_way.to_string())]),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<MarkAttendance>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    ("youth_id", cast.youth.to_string()),
                    ("status", "present".into()),
                ]
            }),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<AddWalkIn>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    ("youth_id", cast.youth.to_string()),
                ]
            }),
            // Takers who may also enrol the youth: a guest facilitator reads no youth's file.
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ShowCheckInCode>(),
            Box::new(|cast, _, _| vec![("session_id", cast.session_under_way.to_string())]),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<CheckInWithCode>(),
            Box::new(|cast, _, _| {
                let window = shared::domain::check_in_window(support::now());
                vec![(
                    "code",
                    shared::services::check_in_code(
                        &cast.check_in_secret,
                        cast.session_under_way,
                        window,
                    ),
                )]
            }),
            // Both youths hold a place; nobody else checks in.
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ViewSignatureRequest>(),
            Box::new(|cast, who, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    (
                        "youth_id",
                        if matches!(who, Youth | AnotherYouth) {
                            "0".into()
                        } else {
                            cast.youth.to_string()
                        },
                    ),
                ]
            }),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                Specialist,
                Facilitator,
                Youth,
                AnotherYouth,
            ]),
        ),
        (
            server_fn_path::<SignAttendanceSheet>(),
            Box::new(|cast, who, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    (
                        "youth_id",
                        cast.person(who)
                            .filter(|_| matches!(who, Youth | AnotherYouth))
                            .unwrap_or(cast.youth)
                            .to_string(),
                    ),
                    (
                        "strokes",
                        "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200".into(),
                    ),
                ]
            }),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                Specialist,
                Facilitator,
                Youth,
                AnotherYouth,
            ]),
        ),
        (
            server_fn_path::<CloseAttendanceSheet>(),
            Box::new(|cast, who, _| {
                let index = ATTENDANCE_TAKERS
                    .iter()
                    .position(|taker| *taker == who)
                    .unwrap_or(0);
                vec![
                    ("session_id", cast.sessions_to_close[index].to_string()),
                    (
                        "strokes",
                        "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200".into(),
                    ),
                ]
            }),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<CorrectAttendance>(),
            Box::new(|cast, who, _| {
                // Each organiser changes the status to another one than the last.
                let status = match who {
                    Coordinator => "excused",
                    CounsellorSameMl => "absent",
                    _ => "late",
                };
                vec![
                    ("session_id", cast.closed_session.to_string()),
                    ("youth_id", cast.youth.to_string()),
                    ("status", status.into()),
                    ("reason", "Correction de la matrice".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            // The organisers only (the guest who runs the session may not); the sheet under way
            // is open, so an allowed call changes nothing.
            server_fn_path::<ReopenPaperSheet>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    ("reason", "Réouverture de la matrice".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ListSheetsToClose>(),
            no_args(),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                CounsellorOtherMl,
                Specialist,
                Facilitator,
            ]),
        ),
        (
            server_fn_path::<ViewDashboard>(),
            Box::new(|cast, _, _| {
                vec![
                    ("form[mission_locale]", cast.mission_locale.to_string()),
                    ("form[from]", String::new()),
                    ("form[to]", String::new()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ViewWorkshopType>(),
            Box::new(|cast, _, _| vec![("id", cast.workshop_type.0.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<CreateWorkshopType>(),
            Box::new(|_, _, call| {
                let mut form = workshop_form(&format!("Atelier matrice {call}"), "other", call);
                form.push(("workshop[suits]", "Tout le monde".into()));
                form
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateWorkshopType>(),
            Box::new(|cast, _, call| {
                let (id, title, theme) = &cast.workshop_type;
                let mut form = workshop_form(title, theme, call);
                form.push(("id", id.to_string()));
                form
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ArchiveWorkshopType>(),
            Box::new(|cast, _, _| vec![("id", cast.workshop_type_to_archive.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<RestoreWorkshopType>(),
            Box::new(|cast, _, _| vec![("id", cast.workshop_type_to_archive.to_string())]),
            Access::Only(STAFF),
        ),
    ]
}
