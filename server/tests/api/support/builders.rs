//! Small data builders for tests that need a few rows, not the whole demo federation: a Mission
//! Locale with a site and a room, staff, youths, guest facilitators, workshops and sessions, each
//! with sensible defaults and a few setters, returning typed ids. Rows go in through the
//! entities, as the demo loader writes them: the services would queue welcome and session mail
//! that the tests about mail would then have to skip.
//!
//! `let ml = mission_locale(&app, "Bondy").await;`
//! `let counsellor = counsellor(ml.id).with_password().insert(&app).await;`
//! `let session = session(workshop, &ml, counsellor.id).capacity(2).insert(&app).await;`

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, Set};
use shared::domain::{
    AttendanceStatus, Audience, EnrolmentMethod, EnrolmentStatus, HalfDayNumber, MissionLocaleId,
    PersonId, SessionChange, SessionId, SessionStatus, SiteId, Theme, WorkshopTypeId,
};
use shared::entities::{
    attendance_line, enrolment, facilitator, mission_locale, person, room, session_audience,
    session_counsellor, session_event, session_facilitator, site, staff_member, workshop_session,
    workshop_type, youth,
};

use super::TestApp;

/// The password of the accounts built `with_password()`.
pub const PASSWORD: &str = "ateliers-test-93";

/// Makes default addresses unique within the test process.
static NEXT: AtomicU32 = AtomicU32::new(1);

fn unique() -> u32 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// "ingrid.martin7@domain": lowercase ASCII, unique.
fn address(first: &str, last: &str, domain: &str) -> String {
    let fold = |name: &str| -> String {
        name.chars()
            .filter_map(|c| match c {
                'é' | 'è' | 'ê' | 'ë' => Some('e'),
                'ï' | 'î' => Some('i'),
                'ç' => Some('c'),
                c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect()
    };
    format!("{}.{}{}@{domain}", fold(first), fold(last), unique())
}

/// One hash for every account with a password: hashing is deliberately slow.
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| shared::auth::hash_password(PASSWORD))
        .clone()
}

/// A Mission Locale with one site and its rooms.
#[derive(Clone, Debug)]
pub struct MissionLocale {
    pub id: MissionLocaleId,
    pub site: SiteId,
    /// The first of `rooms`: the workshop room.
    pub room: room::Model,
    pub rooms: Vec<room::Model>,
}

pub struct MissionLocaleBuilder {
    name: String,
    city: String,
    address: String,
    rooms: Vec<(String, i32)>,
}

/// "Mission Locale de `city`" with its main site, step-free, and a workshop room of 16 places
/// unless given rooms.
pub fn mission_locale_in(city: &str) -> MissionLocaleBuilder {
    MissionLocaleBuilder {
        name: format!("Mission Locale de {city}"),
        city: city.to_owned(),
        address: format!("1 place de la Mairie, {city}"),
        rooms: Vec::new(),
    }
}

/// [`mission_locale_in`] `city`, as it comes.
pub async fn mission_locale(app: &TestApp, city: &str) -> MissionLocale {
    mission_locale_in(city).insert(app).await
}

impl MissionLocaleBuilder {
    pub fn named(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    /// The site's address.
    pub fn address(mut self, address: &str) -> Self {
        self.address = address.to_owned();
        self
    }

    /// A room of the site; the first one is the workshop room.
    pub fn room(mut self, name: &str, capacity: i32) -> Self {
        self.rooms.push((name.to_owned(), capacity));
        self
    }

    pub async fn insert(mut self, app: &TestApp) -> MissionLocale {
        let id = mission_locale::ActiveModel {
            name: Set(self.name),
            city: Set(self.city.clone()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap()
        .id;
        let site = site::ActiveModel {
            mission_locale_id: Set(id),
            name: Set(format!("Antenne principale — {}", self.city)),
            address: Set(self.address),
            opening_hours: Set(
                "Du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h 30".to_owned()
            ),
            step_free_access: Set(true),
            lift: Set(true),
            hearing_loop: Set(true),
            accessibility_notes: Set("Entrée de plain-pied, toilettes accessibles.".to_owned()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap()
        .id;
        if self.rooms.is_empty() {
            self.rooms.push(("Salle d'atelier".to_owned(), 16));
        }
        let mut rooms = Vec::new();
        for (name, capacity) in self.rooms {
            rooms.push(
                room::ActiveModel {
                    site_id: Set(site),
                    name: Set(name),
                    capacity: Set(capacity),
                    ..Default::default()
                }
                .insert(&app.db)
                .await
                .unwrap(),
            );
        }
        MissionLocale {
            id,
            site,
            room: rooms[0].clone(),
            rooms,
        }
    }
}

/// "Mission Locale de `city`", alone.
pub async fn mission_locale_without_site(app: &TestApp, city: &str) -> MissionLocaleId {
    mission_locale::ActiveModel {
        name: Set(format!("Mission Locale de {city}")),
        city: Set(city.to_owned()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

/// A person with a name and, unless taken away, an email address.
pub async fn person(app: &TestApp, first: &str, last: &str, email: Option<&str>) -> PersonId {
    person::ActiveModel {
        first_name: Set(first.to_owned()),
        last_name: Set(last.to_owned()),
        email: Set(email.map(str::to_owned)),
        phone: Set(None),
        created_at: Set(super::now()),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

/// A member of staff as built.
#[derive(Clone, Debug)]
pub struct Staff {
    pub id: PersonId,
    pub email: String,
    pub mission_locale: Option<MissionLocaleId>,
}

impl Staff {
    /// A signed-in session's token (see [`TestApp::session_for`]).
    pub async fn session(&self, app: &TestApp) -> String {
        app.session_for(self.id).await
    }
}

pub struct StaffBuilder {
    role: &'static str,
    mission_locale: Option<MissionLocaleId>,
    name: (String, String),
    email: Option<String>,
    password: bool,
    disability_specialist: bool,
}

/// A counsellor of `mission_locale`, Ingrid Martin unless named, without a password.
pub fn counsellor(mission_locale: MissionLocaleId) -> StaffBuilder {
    StaffBuilder {
        role: "counsellor",
        mission_locale: Some(mission_locale),
        name: ("Ingrid".to_owned(), "Martin".to_owned()),
        email: None,
        password: false,
        disability_specialist: false,
    }
}

/// A coordinator of the federation, Nadia Ferhat unless named, without a password.
pub fn coordinator() -> StaffBuilder {
    StaffBuilder {
        role: "coordinator",
        mission_locale: None,
        name: ("Nadia".to_owned(), "Ferhat".to_owned()),
        email: None,
        password: false,
        disability_specialist: false,
    }
}

impl StaffBuilder {
    pub fn named(mut self, first: &str, last: &str) -> Self {
        self.name = (first.to_owned(), last.to_owned());
        self
    }

    pub fn email(mut self, email: &str) -> Self {
        self.email = Some(email.to_owned());
        self
    }

    /// Signs in with [`PASSWORD`].
    pub fn with_password(mut self) -> Self {
        self.password = true;
        self
    }

    pub fn disability_specialist(mut self) -> Self {
        self.disability_specialist = true;
        self
    }

    pub async fn insert(self, app: &TestApp) -> Staff {
        let (first, last) = &self.name;
        let email = self
            .email
            .unwrap_or_else(|| address(first, last, "ml93.example"));
        let id = person(app, first, last, Some(&email)).await;
        staff_member::ActiveModel {
            person_id: Set(id),
            role: Set(self.role.to_owned()),
            mission_locale_id: Set(self.mission_locale),
            disability_specialist: Set(self.disability_specialist),
            justice_specialist: Set(false),
            password_hash: Set(self.password.then(password_hash)),
        }
        .insert(&app.db)
        .await
        .unwrap();
        Staff {
            id,
            email,
            mission_locale: self.mission_locale,
        }
    }
}

pub struct YouthBuilder {
    referent: PersonId,
    name: (String, String),
    disability_recognised: bool,
}

/// A youth followed by `referent`, Inès Benali unless named, with an email address, 20 years
/// old, in the programme since a month.
pub fn youth(referent: PersonId) -> YouthBuilder {
    YouthBuilder {
        referent,
        name: ("Inès".to_owned(), "Benali".to_owned()),
        disability_recognised: false,
    }
}

impl YouthBuilder {
    pub fn named(mut self, first: &str, last: &str) -> Self {
        self.name = (first.to_owned(), last.to_owned());
        self
    }

    pub fn disability_recognised(mut self) -> Self {
        self.disability_recognised = true;
        self
    }

    pub async fn insert(self, app: &TestApp) -> PersonId {
        let (first, last) = &self.name;
        let email = address(first, last, "jeunes.example");
        let id = person(app, first, last, Some(&email)).await;
        let today = super::today();
        youth::ActiveModel {
            person_id: Set(id),
            referent_id: Set(self.referent),
            date_of_birth: Set(today - Duration::days(20 * 365)),
            gender: Set("female".to_owned()),
            programme_entry_date: Set(today - Duration::days(30)),
            programme_exit_date: Set(None),
            exit_outcome: Set(None),
            disability_recognised: Set(self.disability_recognised),
            judicial_supervision: Set(false),
            version: Set(0),
        }
        .insert(&app.db)
        .await
        .unwrap();
        id
    }
}

/// A guest facilitator, a journalist of the Bondy Blog: `facilitator(&app, "Karim", "Amrani")`.
pub async fn facilitator(app: &TestApp, first: &str, last: &str) -> PersonId {
    let email = address(first, last, "medias.example");
    let id = person(app, first, last, Some(&email)).await;
    facilitator::ActiveModel {
        person_id: Set(id),
        organisation: Set("Bondy Blog".to_owned()),
        added_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    id
}

pub struct WorkshopBuilder {
    title: String,
    theme: Theme,
    what_to_bring: String,
}

/// A workshop of the catalogue, two hours for twelve, nothing to bring.
pub fn workshop_type(title: &str, theme: Theme) -> WorkshopBuilder {
    WorkshopBuilder {
        title: title.to_owned(),
        theme,
        what_to_bring: String::new(),
    }
}

/// [`workshop_type`], as it comes.
pub async fn workshop(app: &TestApp, title: &str, theme: Theme) -> WorkshopTypeId {
    workshop_type(title, theme).insert(app).await
}

impl WorkshopBuilder {
    pub fn what_to_bring(mut self, what: &str) -> Self {
        self.what_to_bring = what.to_owned();
        self
    }

    pub async fn insert(self, app: &TestApp) -> WorkshopTypeId {
        workshop_type::ActiveModel {
            description: Set(format!("{}, en petit groupe.", self.title)),
            title: Set(self.title),
            theme: Set(self.theme),
            default_duration_minutes: Set(120),
            default_capacity: Set(12),
            what_to_bring: Set(self.what_to_bring),
            suits: Set(String::new()),
            archived_at: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap()
        .id
    }
}

pub struct SessionBuilder {
    workshop: WorkshopTypeId,
    mission_locale: MissionLocaleId,
    room: Option<room::Model>,
    counsellor: PersonId,
    facilitators: Vec<PersonId>,
    starts_at: DateTime<Utc>,
    minutes: i64,
    capacity: i32,
    audience: Audience,
}

/// A published session of `workshop` in the room of `mission_locale`, run by `counsellor`, for
/// the whole federation: a week ahead at 9:30 in Paris, two hours, twelve places.
pub fn session(
    workshop: WorkshopTypeId,
    mission_locale: &MissionLocale,
    counsellor: PersonId,
) -> SessionBuilder {
    SessionBuilder {
        workshop,
        mission_locale: mission_locale.id,
        room: Some(mission_locale.room.clone()),
        counsellor,
        facilitators: Vec::new(),
        starts_at: super::dates::paris(super::today() + Duration::days(7), 9, 30),
        minutes: 120,
        capacity: 12,
        audience: Audience::Federation,
    }
}

impl SessionBuilder {
    pub fn starts_at(mut self, starts_at: DateTime<Utc>) -> Self {
        self.starts_at = starts_at;
        self
    }

    pub fn minutes(mut self, minutes: i64) -> Self {
        self.minutes = minutes;
        self
    }

    pub fn capacity(mut self, capacity: i32) -> Self {
        self.capacity = capacity;
        self
    }

    pub fn facilitator(mut self, facilitator: PersonId) -> Self {
        self.facilitators.push(facilitator);
        self
    }

    pub fn audience(mut self, audience: Audience) -> Self {
        self.audience = audience;
        self
    }

    /// Writes the session, its people and its `scheduled` event, as planning does.
    pub async fn insert(self, app: &TestApp) -> SessionId {
        let ends_at = self.starts_at + Duration::minutes(self.minutes);
        let id = workshop_session::ActiveModel {
            workshop_type_id: Set(self.workshop),
            mission_locale_id: Set(self.mission_locale),
            starts_at: Set(self.starts_at),
            ends_at: Set(ends_at),
            room_id: Set(self.room.as_ref().map(|room| room.id)),
            capacity: Set(self.capacity),
            status: Set(SessionStatus::Published),
            audience: Set(self.audience.code().to_owned()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap()
        .id;
        session_counsellor::ActiveModel {
            session_id: Set(id),
            person_id: Set(self.counsellor),
        }
        .insert(&app.db)
        .await
        .unwrap();
        for facilitator in self.facilitators {
            session_facilitator::ActiveModel {
                session_id: Set(id),
                person_id: Set(facilitator),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        if let Audience::Counsellors(counsellors) = &self.audience {
            for counsellor in counsellors {
                session_audience::ActiveModel {
                    session_id: Set(id),
                    person_id: Set(*counsellor),
                }
                .insert(&app.db)
                .await
                .unwrap();
            }
        }
        let change = SessionChange::Scheduled {
            starts_at: self.starts_at,
            ends_at,
            published: true,
        };
        session_event::ActiveModel {
            session_id: Set(id),
            at: Set(super::now()),
            actor_id: Set(Some(self.counsellor)),
            kind: Set(change.kind().to_owned()),
            summary: Set("Séance planifiée.".to_owned()),
            change: Set(serde_json::to_string(&change).unwrap()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        id
    }
}

/// `count` youths followed by `referent`, each with a name of their own.
pub async fn youths(app: &TestApp, referent: PersonId, count: usize) -> Vec<PersonId> {
    const FIRST: [&str; 8] = [
        "Inès", "Théo", "Jade", "Yanis", "Léa", "Moussa", "Lina", "Sam",
    ];
    const LAST: [&str; 7] = [
        "Benali", "Martin", "Traoré", "Nguyen", "Petit", "Cherif", "Lefèvre",
    ];
    let mut ids = Vec::with_capacity(count);
    for index in 0..count {
        let last = match index / LAST.len() {
            0 => LAST[index].to_owned(),
            round => format!("{}-{round}", LAST[index % LAST.len()]),
        };
        ids.push(
            youth(referent)
                .named(FIRST[index % FIRST.len()], &last)
                .insert(app)
                .await,
        );
    }
    ids
}

/// One of each: a Mission Locale (Bondy) with its counsellor, a coordinator, a youth followed by
/// the counsellor, a guest facilitator, a workshop and a published session of it a week ahead
/// (nobody enrolled, the facilitator running it), for tests that need someone or something of
/// each kind.
pub struct SmallFederation {
    pub mission_locale: MissionLocale,
    pub counsellor: Staff,
    pub coordinator: Staff,
    pub youth: PersonId,
    pub facilitator: PersonId,
    pub workshop: WorkshopTypeId,
    pub session: SessionId,
}

pub async fn small_federation(app: &TestApp) -> SmallFederation {
    let mission_locale = mission_locale(app, "Bondy").await;
    let counsellor = counsellor(mission_locale.id).insert(app).await;
    let workshop = workshop(
        app,
        "Décrypter l'info avec un journaliste",
        Theme::MediaLiteracy,
    )
    .await;
    let facilitator = facilitator(app, "Karim", "Amrani").await;
    SmallFederation {
        coordinator: coordinator().insert(app).await,
        youth: youth(counsellor.id).insert(app).await,
        session: session(workshop, &mission_locale, counsellor.id)
            .facilitator(facilitator)
            .insert(app)
            .await,
        facilitator,
        workshop,
        counsellor,
        mission_locale,
    }
}

/// Gives `youth` a registered place at `session`, as `by` would have at `at` (an error when they
/// already hold a row there).
pub async fn registered_place(
    app: &TestApp,
    session: SessionId,
    youth: PersonId,
    ticket: i64,
    by: Option<PersonId>,
    at: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    enrolment::ActiveModel {
        session_id: Set(session),
        youth_id: Set(youth),
        status: Set(EnrolmentStatus::Registered),
        ticket: Set(ticket),
        method: Set(EnrolmentMethod::ByStaff),
        enrolled_by: Set(by),
        requested_at: Set(at),
        registered_at: Set(Some(at)),
        ended_at: Set(None),
        ended_reason: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .map(|_| ())
}

pub struct LineBuilder {
    session: SessionId,
    youth: PersonId,
    half_day: HalfDayNumber,
    status: AttendanceStatus,
    confirmed: bool,
    marked_by: Option<PersonId>,
    marked_at: DateTime<Utc>,
}

/// A confirmed line of the roll-call: `youth` was present at `session`, marked at `marked_at`.
pub fn attendance_line(
    session: SessionId,
    youth: PersonId,
    marked_at: DateTime<Utc>,
) -> LineBuilder {
    LineBuilder {
        session,
        youth,
        half_day: HalfDayNumber::FIRST,
        status: AttendanceStatus::Present,
        confirmed: true,
        marked_by: None,
        marked_at,
    }
}

impl LineBuilder {
    /// The afternoon of a full day, instead of its morning (or of a one-half-day session).
    pub fn afternoon(mut self) -> Self {
        self.half_day = HalfDayNumber::SECOND;
        self
    }

    pub fn status(mut self, status: AttendanceStatus) -> Self {
        self.status = status;
        self
    }

    pub fn confirmed(mut self, confirmed: bool) -> Self {
        self.confirmed = confirmed;
        self
    }

    pub fn marked_by(mut self, by: PersonId) -> Self {
        self.marked_by = Some(by);
        self
    }

    pub async fn insert(self, app: &TestApp) {
        attendance_line::ActiveModel {
            session_id: Set(self.session),
            youth_id: Set(self.youth),
            half_day: Set(self.half_day),
            status: Set(self.status),
            walk_in: Set(false),
            checked_in_at: Set(None),
            confirmed: Set(self.confirmed),
            marked_by: Set(self.marked_by),
            marked_at: Set(self.marked_at),
            signature: Set(None),
            signed_at: Set(None),
            signature_collected_by: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
}
