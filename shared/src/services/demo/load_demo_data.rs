use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, Set, TransactionSession,
    TransactionTrait,
};

use std::collections::BTreeSet;

use crate::ServiceError;
use crate::domain::{Audience, PARIS, SessionChange, SessionStatus, Theme};
use crate::domain::{
    ExitOutcome, Gender, MissionLocaleId, PersonId, RoomId, SessionId, WorkshopTypeId,
};
use crate::entities::{
    facilitator, mission_locale, person, room, site, staff_member, workshop_session, workshop_type,
    youth,
};
use crate::services::begin_write::begin_write;
use crate::services::planning::session_records::{PeopleTable, record_change, write_people};

/// The ten member agencies of the federation: (name, city, main site's address, workshop room).
const MISSIONS_LOCALES: [(&str, &str, &str, &str); 10] = [
    (
        "Mission Locale d'Aubervilliers",
        "Aubervilliers",
        "2 rue Achille Domart, 93300 Aubervilliers",
        "Salle Louise Michel",
    ),
    (
        "Mission Locale de Saint-Denis",
        "Saint-Denis",
        "4 place de la Résistance, 93200 Saint-Denis",
        "Salle Olympe de Gouges",
    ),
    (
        "Mission Locale de Montreuil",
        "Montreuil",
        "10 rue Kléber, 93100 Montreuil",
        "Salle Rosa Parks",
    ),
    (
        "Mission Locale de Bondy",
        "Bondy",
        "5 avenue Carnot, 93140 Bondy",
        "Salle Nelson Mandela",
    ),
    (
        "Mission Locale d'Aulnay-sous-Bois",
        "Aulnay-sous-Bois",
        "14 rue Jacques Duclos, 93600 Aulnay-sous-Bois",
        "Salle Simone Veil",
    ),
    (
        "Mission Locale de Bobigny",
        "Bobigny",
        "1 rue du Chemin Vert, 93000 Bobigny",
        "Salle Aimé Césaire",
    ),
    (
        "Mission Locale de Noisy-le-Grand",
        "Noisy-le-Grand",
        "6 place de la Libération, 93160 Noisy-le-Grand",
        "Salle Gisèle Halimi",
    ),
    (
        "Mission Locale de Clichy-sous-Bois",
        "Clichy-sous-Bois",
        "3 allée Maurice Audin, 93390 Clichy-sous-Bois",
        "Salle Lucie Aubrac",
    ),
    (
        "Mission Locale de Pantin",
        "Pantin",
        "8 rue Hoche, 93500 Pantin",
        "Salle Joséphine Baker",
    ),
    (
        "Mission Locale de Sevran",
        "Sevran",
        "12 avenue Dumont, 93270 Sevran",
        "Salle Marie Curie",
    ),
];

/// A workshop of the demo catalogue, with the defaults its sessions start from.
struct DemoWorkshop {
    title: &'static str,
    theme: Theme,
    /// For youths, in plain French.
    description: &'static str,
    minutes: i32,
    capacity: i32,
    what_to_bring: &'static str,
    suits: &'static str,
}

/// The catalogue of the programme.
const CATALOGUE: [DemoWorkshop; 7] = [
    DemoWorkshop {
        title: "Mon CV en une page",
        theme: Theme::Cv,
        description: "On construit ensemble un CV clair qui met en avant ce que tu sais faire, même sans expérience.",
        minutes: 150,
        capacity: 12,
        what_to_bring: "Une clé USB ou ton téléphone, une pièce d'identité, et si tu en as un, ton ancien CV.",
        suits: "Celles et ceux qui n'ont jamais fait de CV ou dont le CV a plus d'un an. Aucune expérience demandée.",
    },
    DemoWorkshop {
        title: "Écrire une lettre de motivation",
        theme: Theme::CoverLetter,
        description: "Comprendre ce qu'attend un employeur et écrire une lettre courte, personnelle et sans fautes.",
        minutes: 150,
        capacity: 12,
        what_to_bring: "Une offre d'emploi ou de formation qui t'intéresse, ton CV, une clé USB ou ton téléphone.",
        suits: "Celles et ceux qui ont un CV prêt et vont répondre à des offres ou candidater en formation.",
    },
    DemoWorkshop {
        title: "Réussir son entretien d'embauche",
        theme: Theme::Interview,
        description: "Simulations d'entretien, questions pièges, tenue et attitude : on s'entraîne en petit groupe.",
        minutes: 180,
        capacity: 8,
        what_to_bring: "Ton CV imprimé ou sur ton téléphone, et une offre pour laquelle tu aimerais passer l'entretien.",
        suits: "Celles et ceux qui ont un entretien bientôt ou qui stressent à l'idée d'en passer un. Petit groupe de 8.",
    },
    DemoWorkshop {
        title: "Confiance en soi",
        theme: Theme::PersonalDevelopment,
        description: "Mieux connaître ses forces, parler devant un groupe et préparer la suite de son parcours.",
        minutes: 120,
        capacity: 12,
        what_to_bring: "Rien de spécial : de quoi noter, et l'envie d'échanger avec le groupe.",
        suits: "Tout le monde, surtout si parler devant les autres ou se présenter te met mal à l'aise.",
    },
    DemoWorkshop {
        title: "Égalité filles-garçons au travail",
        theme: Theme::Diversity,
        description: "Métiers « d'hommes », métiers « de femmes » ? On déconstruit les idées reçues avec des professionnels.",
        minutes: 120,
        capacity: 12,
        what_to_bring: "Rien de spécial : juste ta curiosité et tes questions pour les professionnels invités.",
        suits: "Filles et garçons qui hésitent sur un métier ou qui veulent découvrir des métiers auxquels ils n'avaient pas pensé.",
    },
    DemoWorkshop {
        title: "Les métiers de la transition écologique",
        theme: Theme::SustainableDevelopment,
        description: "Rénovation, recyclage, mobilité : découvrir les métiers qui recrutent et les formations pour y accéder.",
        minutes: 150,
        capacity: 12,
        what_to_bring: "De quoi noter, et ton téléphone pour garder les contacts des formations présentées.",
        suits: "Celles et ceux qui cherchent un métier concret qui recrute, avec ou sans diplôme.",
    },
    DemoWorkshop {
        title: "Décrypter l'info avec un journaliste",
        theme: Theme::MediaLiteracy,
        description: "Un journaliste t'aide à vérifier une info, repérer une fausse nouvelle et comprendre comment se fabrique l'actualité.",
        minutes: 120,
        capacity: 12,
        what_to_bring: "Ton téléphone, avec une info ou une vidéo vue sur les réseaux sociaux qui t'a fait douter.",
        suits: "Tout le monde : aucune connaissance demandée, il suffit de suivre l'actualité sur son téléphone.",
    },
];

/// The password of every demo staff account. Demo data loads only with `ATELIERS_DEMO=true`,
/// never in a production configuration.
pub const DEMO_PASSWORD: &str = "ateliers-demo-93";

/// Fills an empty database with a realistic federation and a few weeks of published sessions
/// starting after `now`. Returns `false`, changing nothing, when the database already has data.
pub async fn load_demo_data(
    db: &(impl ConnectionTrait + TransactionTrait),
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    if mission_locale::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = begin_write(db).await?;

    let mut mission_locale_ids = Vec::new();
    for (name, city, _, _) in MISSIONS_LOCALES {
        let inserted = mission_locale::ActiveModel {
            name: Set(name.to_owned()),
            city: Set(city.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        mission_locale_ids.push(inserted.id);
    }

    let workshop_rooms = insert_demo_places(&txn, &mission_locale_ids).await?;
    let people = insert_demo_people(&txn, &mission_locale_ids, now).await?;

    let mut workshop_type_ids = Vec::new();
    for workshop in &CATALOGUE {
        let inserted = workshop_type::ActiveModel {
            title: Set(workshop.title.to_owned()),
            theme: Set(workshop.theme),
            description: Set(workshop.description.to_owned()),
            default_duration_minutes: Set(workshop.minutes),
            default_capacity: Set(workshop.capacity),
            what_to_bring: Set(workshop.what_to_bring.to_owned()),
            suits: Set(workshop.suits.to_owned()),
            archived_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        workshop_type_ids.push(inserted.id);
    }

    let mut sessions_by_agency: Vec<Vec<SessionId>> = vec![Vec::new(); mission_locale_ids.len()];
    for slot in demo_slots(now) {
        let workshop = &CATALOGUE[slot.workshop];
        let ends_at = slot.starts_at + Duration::minutes(i64::from(workshop.minutes));
        // The agency's first counsellor runs it; a journalist leads the media literacy ones.
        let session_id = insert_demo_session(
            &txn,
            DemoSession {
                workshop_type_id: workshop_type_ids[slot.workshop],
                mission_locale_id: mission_locale_ids[slot.agency],
                room_id: workshop_rooms[slot.agency],
                starts_at: slot.starts_at,
                ends_at,
                capacity: workshop.capacity,
                counsellor: people.counsellors_by_agency[slot.agency],
                guest: (workshop.theme == Theme::MediaLiteracy).then(|| people.facilitators[0]),
            },
            now,
        )
        .await?;
        sessions_by_agency[slot.agency].push(session_id);
    }
    enrol_demo_youths(&txn, &mission_locale_ids, &people, &sessions_by_agency, now).await?;
    insert_session_under_way(
        &txn,
        &mission_locale_ids,
        &workshop_rooms,
        &workshop_type_ids,
        &people,
        now,
    )
    .await?;
    insert_full_day_to_close(
        &txn,
        &mission_locale_ids,
        &workshop_rooms,
        &workshop_type_ids,
        &people,
        now,
    )
    .await?;
    // The demo's accounts have a published password: the database is marked as the demo's,
    // with the data, so that it never serves as anything else (see `classify_database`).
    crate::entities::demo_marker::ActiveModel {
        loaded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    txn.commit().await?;
    Ok(true)
}

/// One main site per Mission Locale, with its workshop room and a small interview room. Returns
/// the workshop room of each Mission Locale.
async fn insert_demo_places(
    db: &impl ConnectionTrait,
    mission_locale_ids: &[MissionLocaleId],
) -> Result<Vec<RoomId>, ServiceError> {
    let mut workshop_rooms = Vec::new();
    for (index, (&mission_locale_id, (_, city, address, room_name))) in
        mission_locale_ids.iter().zip(MISSIONS_LOCALES).enumerate()
    {
        let step_free = index % 4 != 3;
        let site = site::ActiveModel {
            mission_locale_id: Set(mission_locale_id),
            name: Set(format!("Antenne principale — {city}")),
            address: Set(address.to_owned()),
            opening_hours: Set(
                "Du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h 30".to_owned()
            ),
            step_free_access: Set(step_free),
            lift: Set(index % 2 == 0),
            hearing_loop: Set(index % 3 == 0),
            accessibility_notes: Set(if step_free {
                "Entrée de plain-pied, toilettes accessibles.".to_owned()
            } else {
                "Trois marches à l'entrée ; une rampe amovible est disponible à l'accueil."
                    .to_owned()
            }),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (name, capacity) in [(room_name, 14), ("Bureau d'entretien", 4)] {
            let room = room::ActiveModel {
                site_id: Set(site.id),
                name: Set(name.to_owned()),
                capacity: Set(capacity),
                ..Default::default()
            }
            .insert(db)
            .await?;
            if capacity > 4 {
                workshop_rooms.push(room.id);
            }
        }
    }
    Ok(workshop_rooms)
}

/// Who the demo sessions are given to.
struct DemoPeople {
    /// The first counsellor of each Mission Locale, in the order of `MISSIONS_LOCALES`.
    counsellors_by_agency: Vec<PersonId>,
    facilitators: Vec<PersonId>,
}

const FIRST_NAMES: [(&str, Gender); 24] = [
    ("Inès", Gender::Female),
    ("Yanis", Gender::Male),
    ("Aïcha", Gender::Female),
    ("Moussa", Gender::Male),
    ("Léa", Gender::Female),
    ("Rayan", Gender::Male),
    ("Fatoumata", Gender::Female),
    ("Mehdi", Gender::Male),
    ("Sarah", Gender::Female),
    ("Kylian", Gender::Male),
    ("Maëlys", Gender::Female),
    ("Adam", Gender::Male),
    ("Nour", Gender::Female),
    ("Ibrahim", Gender::Male),
    ("Chloé", Gender::Female),
    ("Lucas", Gender::Male),
    ("Aminata", Gender::Female),
    ("Sofiane", Gender::Male),
    ("Jade", Gender::Female),
    ("Bilal", Gender::Male),
    ("Yasmine", Gender::Female),
    ("Théo", Gender::Male),
    ("Camille", Gender::Undisclosed),
    ("Hugo", Gender::Male),
];

const LAST_NAMES: [&str; 20] = [
    "Benali",
    "Diallo",
    "Martin",
    "Traoré",
    "Nguyen",
    "Da Silva",
    "Kaci",
    "Dubois",
    "Haddad",
    "Camara",
    "Petit",
    "N'Diaye",
    "Bernard",
    "Mendy",
    "Lefèvre",
    "Cissé",
    "Rodrigues",
    "Moreau",
    "Belkacem",
    "Sylla",
];

/// Demo addresses end in `.example`, a domain reserved never to deliver mail.
fn demo_email(first: &str, last: &str, number: usize, domain: &str) -> String {
    let fold = |name: &str| {
        name.chars()
            .filter_map(|c| match c {
                'à' | 'â' | 'ä' => Some('a'),
                'é' | 'è' | 'ê' | 'ë' => Some('e'),
                'î' | 'ï' => Some('i'),
                'ô' | 'ö' => Some('o'),
                'ù' | 'û' | 'ü' => Some('u'),
                'ç' => Some('c'),
                ' ' | '\'' => None,
                c => Some(c.to_ascii_lowercase()),
            })
            .collect::<String>()
    };
    format!("{}.{}{number}@{domain}", fold(first), fold(last))
}

/// 2 coordinators, 21 counsellors (6 disability specialists, 1 justice specialist), 300 youths
/// and 4 guest facilitators.
async fn insert_demo_people(
    db: &impl ConnectionTrait,
    mission_locale_ids: &[MissionLocaleId],
    now: DateTime<Utc>,
) -> Result<DemoPeople, ServiceError> {
    let today = now.with_timezone(&PARIS).date_naive();
    // One hash for every demo account: hashing is deliberately slow.
    let demo_hash = Some(crate::auth::hash_password(DEMO_PASSWORD));
    let new_person = |first: &str, last: &str, email: Option<String>, phone: Option<String>| {
        person::ActiveModel {
            first_name: Set(first.to_owned()),
            last_name: Set(last.to_owned()),
            email: Set(email),
            phone: Set(phone),
            created_at: Set(now),
            archived_at: Set(None),
            ..Default::default()
        }
    };

    for (first, last) in [("Nadia", "Ferhat"), ("Olivier", "Garnier")] {
        let email = demo_email(first, last, 0, "convergence93.example");
        let person = new_person(first, last, Some(email), None)
            .insert(db)
            .await?;
        staff_member::ActiveModel {
            person_id: Set(person.id),
            role: Set("coordinator".to_owned()),
            mission_locale_id: Set(None),
            disability_specialist: Set(false),
            justice_specialist: Set(false),
            password_hash: Set(demo_hash.clone()),
        }
        .insert(db)
        .await?;
    }

    let mut counsellor_ids = Vec::new();
    for index in 0..21 {
        let (first, _) = FIRST_NAMES[(index * 7 + 3) % FIRST_NAMES.len()];
        let last = LAST_NAMES[(index * 3 + 1) % LAST_NAMES.len()];
        let email = demo_email(first, last, index, "ml93.example");
        let person = new_person(first, last, Some(email), None)
            .insert(db)
            .await?;
        staff_member::ActiveModel {
            person_id: Set(person.id),
            role: Set("counsellor".to_owned()),
            // Two per Mission Locale, and a third in the first one.
            mission_locale_id: Set(Some(mission_locale_ids[index % mission_locale_ids.len()])),
            disability_specialist: Set(index % 3 == 0 && index < 18),
            justice_specialist: Set(index == 19),
            password_hash: Set(demo_hash.clone()),
        }
        .insert(db)
        .await?;
        counsellor_ids.push(person.id);
    }

    for index in 0..300 {
        let (first, gender) = FIRST_NAMES[index % FIRST_NAMES.len()];
        let last = LAST_NAMES[(index / FIRST_NAMES.len() + index * 7) % LAST_NAMES.len()];
        // Most youths have both; some only a phone, a few only an email.
        let email = (index % 9 != 4).then(|| demo_email(first, last, index, "jeunes.example"));
        let phone = (index % 13 != 6 || email.is_none())
            .then(|| format!("+336{:08}", 10_000_000 + index * 7_919));
        let person = new_person(first, last, email, phone).insert(db).await?;
        // 16 to 24 on the day they entered, so still under 26 today.
        let entry_date = today - Duration::days(i64::try_from((index * 31) % 330).unwrap_or(0));
        let age_at_entry_days = 16 * 365 + 10 + (index * 97) % (9 * 365 - 340);
        youth::ActiveModel {
            person_id: Set(person.id),
            referent_id: Set(counsellor_ids[index % counsellor_ids.len()]),
            date_of_birth: Set(
                entry_date - Duration::days(i64::try_from(age_at_entry_days).unwrap_or(6000))
            ),
            gender: Set(gender.code().to_owned()),
            programme_entry_date: Set(entry_date),
            programme_exit_date: Set(None),
            exit_outcome: Set(None),
            disability_recognised: Set(index % 10 == 3),
            judicial_supervision: Set(index % 33 == 5),
            version: Set(0),
        }
        .insert(db)
        .await?;
    }

    // Four youths who left the programme about a year ago: the daily job minimises their data
    // within the next 30 days, which coordinators see (and may hold) at /conservation.
    for (index, days_to_go) in [3_i64, 9, 20, 27].into_iter().enumerate() {
        let (first, gender) = FIRST_NAMES[(index * 5 + 2) % FIRST_NAMES.len()];
        let last = LAST_NAMES[(index * 11 + 4) % LAST_NAMES.len()];
        let email = demo_email(first, last, 400 + index, "jeunes.example");
        let person = new_person(first, last, Some(email), None)
            .insert(db)
            .await?;
        let exit_date = today
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(today)
            + Duration::days(days_to_go);
        let entry_date = exit_date - Duration::days(240);
        youth::ActiveModel {
            person_id: Set(person.id),
            referent_id: Set(counsellor_ids[index % counsellor_ids.len()]),
            date_of_birth: Set(entry_date - Duration::days(19 * 365 + 40 * index as i64)),
            gender: Set(gender.code().to_owned()),
            programme_entry_date: Set(entry_date),
            programme_exit_date: Set(Some(exit_date)),
            exit_outcome: Set(Some(
                [ExitOutcome::Employment, ExitOutcome::Training][index % 2]
                    .code()
                    .to_owned(),
            )),
            disability_recognised: Set(false),
            judicial_supervision: Set(false),
            version: Set(0),
        }
        .insert(db)
        .await?;
    }

    let mut facilitators = Vec::new();
    for (first, last, organisation) in [
        ("Karim", "Amrani", "Bondy Blog"),
        (
            "Claire",
            "Vasseur",
            "Le Parisien — édition Seine-Saint-Denis",
        ),
        ("Julien", "Morel", "France Bleu Paris"),
        ("Awa", "Konaté", "Association Médias & Citoyens"),
    ] {
        let email = demo_email(first, last, 0, "medias.example");
        let person = new_person(first, last, Some(email), Some("+33612000000".to_owned()))
            .insert(db)
            .await?;
        facilitator::ActiveModel {
            person_id: Set(person.id),
            organisation: Set(organisation.to_owned()),
            added_by: Set(None),
        }
        .insert(db)
        .await?;
        facilitators.push(person.id);
    }
    Ok(DemoPeople {
        // Counsellor `index` works in Mission Locale `index % 10`: the first ten, one each.
        counsellors_by_agency: counsellor_ids[..mission_locale_ids.len()].to_vec(),
        facilitators,
    })
}

struct DemoSlot {
    agency: usize,
    workshop: usize,
    starts_at: DateTime<Utc>,
}

/// Two sessions per working day (not a public holiday) over the next four weeks, a morning and an afternoon, rotating
/// through agencies and themes, at Paris wall-clock times.
fn demo_slots(now: DateTime<Utc>) -> Vec<DemoSlot> {
    let first_day = now.with_timezone(&PARIS).date_naive() + Duration::days(1);
    let morning = NaiveTime::from_hms_opt(9, 30, 0).unwrap_or(NaiveTime::MIN);
    let afternoon = NaiveTime::from_hms_opt(14, 0, 0).unwrap_or(NaiveTime::MIN);
    let mut slots = Vec::new();
    let mut rotation = 0;
    for offset in 0..28 {
        let day = first_day + Duration::days(offset);
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        for time in [morning, afternoon] {
            // No workshop on a public holiday (Christmas falls in the four weeks in December);
            // the rotation moves on all the same, so the other days keep their sessions.
            if crate::domain::public_holiday(day).is_some() {
                rotation += 1;
                continue;
            }
            let Some(starts_at) = PARIS.from_local_datetime(&day.and_time(time)).earliest() else {
                continue;
            };
            slots.push(DemoSlot {
                agency: rotation % MISSIONS_LOCALES.len(),
                workshop: (rotation * 3) % CATALOGUE.len(),
                starts_at: starts_at.with_timezone(&Utc),
            });
            rotation += 1;
        }
    }
    slots
}

/// One demo account per role, for `make run` to print: (role, email, how to sign in).
pub async fn demo_accounts(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, String)>, ServiceError> {
    use crate::entities::{facilitator, staff_member, youth};
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let password = format!("mot de passe « {DEMO_PASSWORD} »");
    let link = "lien de connexion demandé sur /connexion (arrive dans /courriels)".to_owned();
    let email_of = |person: Option<person::Model>| person.and_then(|person| person.email);
    let mut accounts = Vec::new();
    let staff = staff_member::Entity::find()
        .find_also_related(person::Entity)
        .order_by_asc(staff_member::Column::PersonId)
        .all(db)
        .await?;
    let mut push_staff = |label: &str, wanted: &dyn Fn(&staff_member::Model) -> bool| {
        if let Some((_, person)) = staff.iter().find(|(staff, _)| wanted(staff))
            && let Some(email) = email_of(person.clone())
        {
            accounts.push((label.to_owned(), email, password.clone()));
        }
    };
    push_staff("Coordination", &|staff| staff.role == "coordinator");
    push_staff("Conseiller·ère", &|staff| {
        staff.role == "counsellor" && !staff.disability_specialist && !staff.justice_specialist
    });
    push_staff("Conseiller·ère référent·e handicap", &|staff| {
        staff.disability_specialist
    });
    if let Some((_, person)) = youth::Entity::find()
        .find_also_related(person::Entity)
        .filter(person::Column::Email.is_not_null())
        .order_by_asc(youth::Column::PersonId)
        .one(db)
        .await?
        && let Some(email) = email_of(person)
    {
        accounts.push(("Jeune".to_owned(), email, link.clone()));
    }
    if let Some((_, person)) = youth::Entity::find()
        .find_also_related(person::Entity)
        .filter(person::Column::Email.is_null())
        .filter(person::Column::Phone.is_not_null())
        .order_by_asc(youth::Column::PersonId)
        .one(db)
        .await?
        && let Some(phone) = person
            .and_then(|person| person.phone)
            .and_then(|phone| crate::domain::PhoneNumber::parse(&phone).ok())
    {
        accounts.push((
            "Jeune sans e-mail".to_owned(),
            phone.national(),
            "code par SMS demandé sur /connexion (arrive dans /courriels)".to_owned(),
        ));
    }
    if let Some((_, person)) = facilitator::Entity::find()
        .find_also_related(person::Entity)
        .order_by_asc(facilitator::Column::PersonId)
        .one(db)
        .await?
        && let Some(email) = email_of(person)
    {
        accounts.push(("Intervenant·e (journaliste)".to_owned(), email, link));
    }
    Ok(accounts)
}

/// Some places already taken, so that seats left, rosters and "my enrolments" show something:
/// in each Mission Locale, its youths fill its first session past capacity (two wait) and half
/// of its second, enrolled by its first counsellor.
async fn enrol_demo_youths(
    txn: &impl ConnectionTrait,
    mission_locale_ids: &[MissionLocaleId],
    people: &DemoPeople,
    sessions_by_agency: &[Vec<SessionId>],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    use crate::domain::EnrolmentMethod;
    use crate::services::enrolment::enrolment_records::{ChangedBy, lock_roster, write_changes};

    for (agency, sessions) in sessions_by_agency.iter().enumerate() {
        let youths = youths_of(txn, mission_locale_ids[agency]).await?;
        for (rank, session_id) in sessions.iter().take(2).enumerate() {
            let mut locked = lock_roster(txn, *session_id).await?;
            let capacity = locked.roster.capacity() as usize;
            let count = if rank == 0 {
                capacity + 2
            } else {
                capacity / 2
            };
            let mut changes = Vec::new();
            for youth_id in youths.iter().take(count) {
                changes.extend(locked.roster.enrol(*youth_id).1);
            }
            write_changes(
                txn,
                &mut locked,
                &changes,
                ChangedBy {
                    actor_id: Some(people.counsellors_by_agency[agency]),
                    method: EnrolmentMethod::ByStaff,
                    promotions_by_hand: false,
                },
                None,
                // The demo's places were never announced: no mail floods `/courriels`.
                None,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// The youths followed by a Mission Locale's counsellors, in the order they were created.
async fn youths_of(
    txn: &impl ConnectionTrait,
    mission_locale_id: MissionLocaleId,
) -> Result<Vec<PersonId>, ServiceError> {
    use crate::entities::youth;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let counsellors: Vec<PersonId> = staff_member::Entity::find()
        .filter(staff_member::Column::MissionLocaleId.eq(mission_locale_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|staff| staff.person_id)
        .collect();
    Ok(youth::Entity::find()
        .filter(youth::Column::ReferentId.is_in(counsellors))
        .order_by_asc(youth::Column::PersonId)
        .all(txn)
        .await?
        .into_iter()
        .map(|youth| youth.person_id)
        .collect())
}

/// A published demo session, open to the federation, in a Mission Locale's workshop room.
struct DemoSession {
    workshop_type_id: WorkshopTypeId,
    mission_locale_id: MissionLocaleId,
    room_id: RoomId,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i32,
    counsellor: PersonId,
    guest: Option<PersonId>,
}

async fn insert_demo_session(
    txn: &impl ConnectionTrait,
    demo: DemoSession,
    now: DateTime<Utc>,
) -> Result<SessionId, ServiceError> {
    let session = workshop_session::ActiveModel {
        workshop_type_id: Set(demo.workshop_type_id),
        mission_locale_id: Set(demo.mission_locale_id),
        starts_at: Set(demo.starts_at),
        ends_at: Set(demo.ends_at),
        room_id: Set(Some(demo.room_id)),
        capacity: Set(demo.capacity),
        status: Set(SessionStatus::Published),
        audience: Set(Audience::Federation.code().to_owned()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let counsellors = BTreeSet::from([demo.counsellor]);
    write_people(txn, PeopleTable::Counsellors, session.id, &counsellors).await?;
    if let Some(guest) = demo.guest {
        write_people(
            txn,
            PeopleTable::Facilitators,
            session.id,
            &BTreeSet::from([guest]),
        )
        .await?;
    }
    record_change(
        txn,
        session.id,
        None,
        &SessionChange::Scheduled {
            starts_at: demo.starts_at,
            ends_at: demo.ends_at,
            published: true,
        },
        "Séance de démonstration publiée.".to_owned(),
        now,
    )
    .await?;
    Ok(session.id)
}

/// From half an hour before `now`, three hours; through lunch it would have a morning and an
/// afternoon to sign, so it ends at half past one (before one o'clock), or starts at one.
fn under_way_times(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let starts_at = now - Duration::minutes(30);
    let ends_at = starts_at + Duration::hours(3);
    if crate::domain::half_days_of(starts_at, ends_at).len() == 1 {
        return (starts_at, ends_at);
    }
    let today = now.with_timezone(&PARIS).date_naive();
    let paris = |hour, minute| {
        NaiveTime::from_hms_opt(hour, minute, 0)
            .and_then(|time| PARIS.from_local_datetime(&today.and_time(time)).earliest())
            .map(|at| at.with_timezone(&Utc))
    };
    match (paris(13, 0), paris(13, 30)) {
        (Some(one), Some(_)) if now >= one => (one, one + Duration::hours(3)),
        (Some(_), Some(half_past_one)) => (starts_at, half_past_one),
        _ => (starts_at, ends_at),
    }
}

/// Gives `youths` a place at the demo session, as its counsellor would.
async fn register_by_staff(
    txn: &impl ConnectionTrait,
    session_id: SessionId,
    youths: &[PersonId],
    counsellor: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    use crate::domain::EnrolmentMethod;
    use crate::services::enrolment::enrolment_records::{ChangedBy, lock_roster, write_changes};

    let mut locked = lock_roster(txn, session_id).await?;
    let mut changes = Vec::new();
    for youth_id in youths {
        changes.extend(locked.roster.enrol(*youth_id).1);
    }
    write_changes(
        txn,
        &mut locked,
        &changes,
        ChangedBy {
            actor_id: Some(counsellor),
            method: EnrolmentMethod::ByStaff,
            promotions_by_hand: false,
        },
        None,
        None,
        now,
    )
    .await?;
    Ok(())
}

/// The Mission Locale (the seventh of `MISSIONS_LOCALES`) whose full day, on the last working
/// day, waits for its sheet to be closed.
const FULL_DAY_AGENCY: usize = 6;

/// A personal development day (9:00 – 17:00, so a morning and an afternoon to sign) on the
/// last working day before the demo was loaded, with four of the Mission Locale's youths
/// registered and its sheet still open: the half-day roll-call, signatures and closings, and
/// the sheet's two signature columns, can be tried at once (`make run`, and the half-day
/// browser test).
async fn insert_full_day_to_close(
    txn: &impl ConnectionTrait,
    mission_locale_ids: &[MissionLocaleId],
    workshop_rooms: &[RoomId],
    workshop_type_ids: &[WorkshopTypeId],
    people: &DemoPeople,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(workshop) = CATALOGUE
        .iter()
        .position(|workshop| workshop.theme == Theme::PersonalDevelopment)
    else {
        return Ok(());
    };
    let mut day = now.with_timezone(&PARIS).date_naive() - Duration::days(1);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        || crate::domain::public_holiday(day).is_some()
    {
        day -= Duration::days(1);
    }
    let at = |hour| {
        NaiveTime::from_hms_opt(hour, 0, 0)
            .and_then(|time| PARIS.from_local_datetime(&day.and_time(time)).earliest())
            .map(|at| at.with_timezone(&Utc))
    };
    let (Some(starts_at), Some(ends_at)) = (at(9), at(17)) else {
        return Ok(());
    };
    let counsellor = people.counsellors_by_agency[FULL_DAY_AGENCY];
    let session_id = insert_demo_session(
        txn,
        DemoSession {
            workshop_type_id: workshop_type_ids[workshop],
            mission_locale_id: mission_locale_ids[FULL_DAY_AGENCY],
            room_id: workshop_rooms[FULL_DAY_AGENCY],
            starts_at,
            ends_at,
            capacity: CATALOGUE[workshop].capacity,
            counsellor,
            guest: None,
        },
        now,
    )
    .await?;
    let agency_youths = youths_of(txn, mission_locale_ids[FULL_DAY_AGENCY]).await?;
    register_by_staff(
        txn,
        session_id,
        &agency_youths[..4.min(agency_youths.len())],
        counsellor,
        now,
    )
    .await
}

/// The Mission Locale (the eighth of `MISSIONS_LOCALES`) whose session is under way when the
/// demo starts. No other demo session starts before tomorrow, so nothing clashes with it.
const UNDER_WAY_AGENCY: usize = 7;

/// A media literacy session that started half an hour before the demo data was loaded and lasts
/// three hours — kept within one half-day, so that what it shows does not depend on the hour
/// the demo was loaded at — with a guest journalist and six of the Mission Locale's youths registered: the
/// roll-call, the check-in code and the signatures can be tried at once (`make run`, and the
/// attendance browser test).
async fn insert_session_under_way(
    txn: &impl ConnectionTrait,
    mission_locale_ids: &[MissionLocaleId],
    workshop_rooms: &[RoomId],
    workshop_type_ids: &[WorkshopTypeId],
    people: &DemoPeople,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(workshop) = CATALOGUE
        .iter()
        .position(|workshop| workshop.theme == Theme::MediaLiteracy)
    else {
        return Ok(());
    };
    let (starts_at, ends_at) = under_way_times(now);
    let counsellor = people.counsellors_by_agency[UNDER_WAY_AGENCY];
    let session_id = insert_demo_session(
        txn,
        DemoSession {
            workshop_type_id: workshop_type_ids[workshop],
            mission_locale_id: mission_locale_ids[UNDER_WAY_AGENCY],
            room_id: workshop_rooms[UNDER_WAY_AGENCY],
            starts_at,
            ends_at,
            capacity: CATALOGUE[workshop].capacity,
            counsellor,
            // The last guest: the others are the browser tests' (sign-in, planning).
            guest: people.facilitators.last().copied(),
        },
        now,
    )
    .await?;
    let agency_youths = youths_of(txn, mission_locale_ids[UNDER_WAY_AGENCY]).await?;
    register_by_staff(
        txn,
        session_id,
        &agency_youths[..6.min(agency_youths.len())],
        counsellor,
        now,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_under_way_has_one_half_day_whatever_the_hour() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        for minutes in (6 * 60..20 * 60).step_by(5) {
            let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap();
            let now = PARIS
                .from_local_datetime(&day.and_time(time))
                .single()
                .unwrap()
                .with_timezone(&Utc);
            let (starts_at, ends_at) = under_way_times(now);
            assert!(
                starts_at <= now && ends_at >= now + Duration::minutes(30),
                "{time}"
            );
            assert_eq!(
                crate::domain::half_days_of(starts_at, ends_at).len(),
                1,
                "{time}"
            );
        }
    }

    #[test]
    fn demo_sessions_start_at_paris_office_hours_on_working_days() {
        let now = Utc.with_ymd_and_hms(2026, 10, 20, 10, 0, 0).unwrap();
        let slots = demo_slots(now);
        assert_eq!(
            slots.len(),
            38,
            "two sessions on each of 19 working days (not on 11 November, a public holiday)"
        );
        for slot in &slots {
            let local = slot.starts_at.with_timezone(&PARIS);
            assert!(!matches!(local.weekday(), Weekday::Sat | Weekday::Sun));
            assert_eq!(crate::domain::public_holiday(local.date_naive()), None);
            // Across the end of daylight saving (25 October 2026) times stay 9:30 and 14:00.
            assert!(matches!(
                local.format("%H:%M").to_string().as_str(),
                "09:30" | "14:00"
            ));
            assert!(slot.starts_at > now);
        }
    }

    #[test]
    fn the_demo_catalogue_follows_the_catalogue_rules() {
        for workshop in &CATALOGUE {
            let form = crate::domain::WorkshopTypeForm {
                title: workshop.title.into(),
                theme: workshop.theme.code().into(),
                description: workshop.description.into(),
                default_duration_minutes: workshop.minutes.to_string(),
                default_capacity: workshop.capacity.to_string(),
                what_to_bring: workshop.what_to_bring.into(),
                suits: workshop.suits.into(),
            };
            crate::domain::WorkshopTypeRecord::parse(&form).expect(workshop.title);
            assert!(!workshop.what_to_bring.is_empty() && !workshop.suits.is_empty());
        }
    }

    #[test]
    fn every_theme_of_the_catalogue_is_scheduled() {
        let slots = demo_slots(Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap());
        for workshop in 0..CATALOGUE.len() {
            assert!(slots.iter().any(|slot| slot.workshop == workshop));
        }
    }
}
