//! Enrolment: who may take a place at a session, and the rules of its seats and waiting list.
//!
//! The [`Roster`] is the whole truth about one session's places: registered places never exceed
//! the capacity, a youth holds at most one place, and the waiting list is served first come,
//! first served (by ticket: a number taken once, in the order the database serialised the
//! requests). The services load the roster while holding the session's lock, apply one
//! operation here, and write back the [`RosterChange`]s it returns — which are also the domain
//! events the invitations turn into mail. Enrolling or leaving twice gives the same answer (a
//! double tap, a retried request). Property-tested.
//!
//! - A freed seat goes to the first in line by itself until a per-session cut-off (`PlaceRules`,
//!   default 24 hours before the start), then the counsellor promotes by hand. The capacity
//!   never goes below the youths registered.
//! - A youth takes a place (`check_self_enrolment`) at a published session to come, with its
//!   window open, whose audience admits them, while in the programme (entry to exit, or twelve
//!   months) and aged 16–25 on the day, holding no place at the same time.
//! - A counsellor enrols past the window (`check_staff_enrolment`); an overlapping place or an
//!   ended programme are warnings, the age rule always holds.
//! - A youth cancels a place until a per-session cut-off (default 2 hours before), leaves the
//!   waiting list until the start (`check_self_cancellation`). Each refusal has its French
//!   message (`EnrolmentRefusal`).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Audience, Enrollee, EnrolmentWindow, MissionLocaleId, PARIS, PROGRAMME_MAX_AGE,
    PROGRAMME_MIN_AGE, PersonId, SessionStatus, age_on, format_instant, programme_last_day,
};

/// Where a youth stands at a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    Registered,
    /// Position 1 is the next to be promoted.
    Waiting {
        position: u32,
    },
}

impl Standing {
    /// The answer a youth reads after enrolling.
    pub fn youth_message(self) -> String {
        match self {
            Standing::Registered => "Vous êtes inscrit·e à cette séance.".into(),
            Standing::Waiting { position } => {
                format!("Vous êtes n° {position} sur la liste d'attente.")
            }
        }
    }

    /// "inscrit·e", "n° 3 en liste d'attente".
    pub fn label(self) -> String {
        match self {
            Standing::Registered => "inscrit·e".into(),
            Standing::Waiting { position } => format!("n° {position} en liste d'attente"),
        }
    }
}

super::stored_as_code! {
    /// The stored state of an enrolment row.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EnrolmentStatus {
        Registered,
        Waiting,
        /// The youth cancelled their place or left the waiting list.
        Cancelled,
        /// A counsellor removed the youth (with a reason).
        Removed,
    }
}

impl EnrolmentStatus {
    pub fn code(self) -> &'static str {
        match self {
            EnrolmentStatus::Registered => "registered",
            EnrolmentStatus::Waiting => "waiting",
            EnrolmentStatus::Cancelled => "cancelled",
            EnrolmentStatus::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            EnrolmentStatus::Registered,
            EnrolmentStatus::Waiting,
            EnrolmentStatus::Cancelled,
            EnrolmentStatus::Removed,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

super::stored_as_code! {
    /// How a change came about: the invitations word their mail by it ("your counsellor registered
    /// you", never "at your request" when the youth did nothing).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EnrolmentMethod {
        /// The youth, from their phone.
        ByYouth,
        /// A counsellor or coordinator.
        ByStaff,
        /// Automatically, when a place freed up.
        Automatic,
    }
}

impl EnrolmentMethod {
    pub fn code(self) -> &'static str {
        match self {
            EnrolmentMethod::ByYouth => "self",
            EnrolmentMethod::ByStaff => "counsellor",
            EnrolmentMethod::Automatic => "promotion",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            EnrolmentMethod::ByYouth,
            EnrolmentMethod::ByStaff,
            EnrolmentMethod::Automatic,
        ]
        .into_iter()
        .find(|method| method.code() == code)
    }
}

super::stored_as_code! {
    /// What happened to one youth's place: the domain event of the invitations issue.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EnrolmentEventKind {
        Registered,
        Waitlisted,
        /// From the waiting list to a place (automatically or by a counsellor).
        Promoted,
        /// The youth gave up their place.
        Cancelled,
        /// The youth left the waiting list.
        LeftWaitingList,
        /// A counsellor removed the youth.
        Removed,
    }
}

impl EnrolmentEventKind {
    pub const ALL: [EnrolmentEventKind; 6] = [
        EnrolmentEventKind::Registered,
        EnrolmentEventKind::Waitlisted,
        EnrolmentEventKind::Promoted,
        EnrolmentEventKind::Cancelled,
        EnrolmentEventKind::LeftWaitingList,
        EnrolmentEventKind::Removed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EnrolmentEventKind::Registered => "registered",
            EnrolmentEventKind::Waitlisted => "waitlisted",
            EnrolmentEventKind::Promoted => "promoted",
            EnrolmentEventKind::Cancelled => "cancelled",
            EnrolmentEventKind::LeftWaitingList => "left_waiting_list",
            EnrolmentEventKind::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The status the youth's row has after this event.
    pub fn status_after(self) -> EnrolmentStatus {
        match self {
            EnrolmentEventKind::Registered | EnrolmentEventKind::Promoted => {
                EnrolmentStatus::Registered
            }
            EnrolmentEventKind::Waitlisted => EnrolmentStatus::Waiting,
            EnrolmentEventKind::Cancelled | EnrolmentEventKind::LeftWaitingList => {
                EnrolmentStatus::Cancelled
            }
            EnrolmentEventKind::Removed => EnrolmentStatus::Removed,
        }
    }

    /// "inscription", "liste d'attente"... for the history.
    pub fn label(self) -> &'static str {
        match self {
            EnrolmentEventKind::Registered => "inscription",
            EnrolmentEventKind::Waitlisted => "mise en liste d'attente",
            EnrolmentEventKind::Promoted => "place obtenue depuis la liste d'attente",
            EnrolmentEventKind::Cancelled => "désinscription",
            EnrolmentEventKind::LeftWaitingList => "sortie de la liste d'attente",
            EnrolmentEventKind::Removed => "retrait par un conseiller",
        }
    }
}

/// A place held at a session: registered, or waiting with its ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub youth_id: PersonId,
    pub registered: bool,
    /// First come, first served: a lower ticket came first.
    pub ticket: i64,
}

/// One youth's change, to be written back and announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterChange {
    pub youth_id: PersonId,
    pub kind: EnrolmentEventKind,
    pub ticket: i64,
}

/// Why a youth leaves a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Departure {
    /// By themself.
    Cancelled,
    /// By a counsellor.
    Removed,
}

/// The places of one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    capacity: u32,
    /// Active places only (registered or waiting).
    places: Vec<Place>,
    next_ticket: i64,
}

impl Roster {
    /// `places` are the active places; `next_ticket` is above every ticket ever given at this
    /// session (cancelled ones included), so that order never repeats.
    pub fn new(capacity: u32, places: impl IntoIterator<Item = Place>, next_ticket: i64) -> Self {
        let mut places: Vec<Place> = places.into_iter().collect();
        places.sort_by_key(|place| place.ticket);
        let next_ticket = places
            .iter()
            .map(|place| place.ticket + 1)
            .max()
            .unwrap_or(1)
            .max(next_ticket);
        Self {
            capacity,
            places,
            next_ticket,
        }
    }

    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    pub fn registered_count(&self) -> u32 {
        self.places.iter().filter(|place| place.registered).count() as u32
    }

    pub fn seats_left(&self) -> u32 {
        self.capacity.saturating_sub(self.registered_count())
    }

    /// The waiting list, first in line first.
    pub fn waiting(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|place| !place.registered)
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn standing(&self, youth_id: PersonId) -> Option<Standing> {
        let place = self
            .places
            .iter()
            .find(|place| place.youth_id == youth_id)?;
        if place.registered {
            return Some(Standing::Registered);
        }
        let ahead = self
            .waiting()
            .filter(|other| other.ticket < place.ticket)
            .count() as u32;
        Some(Standing::Waiting {
            position: ahead + 1,
        })
    }

    /// Takes a place for `youth_id`: a seat if one is free and nobody is waiting for it,
    /// otherwise the end of the waiting list. Enrolling again changes nothing and gives the
    /// same answer (a double tap, a retried request).
    pub fn enrol(&mut self, youth_id: PersonId) -> (Standing, Vec<RosterChange>) {
        if let Some(standing) = self.standing(youth_id) {
            return (standing, Vec::new());
        }
        let registered = self.seats_left() > 0 && self.waiting().next().is_none();
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.places.push(Place {
            youth_id,
            registered,
            ticket,
        });
        let kind = if registered {
            EnrolmentEventKind::Registered
        } else {
            EnrolmentEventKind::Waitlisted
        };
        let standing = self.standing(youth_id).unwrap_or(Standing::Registered);
        (
            standing,
            vec![RosterChange {
                youth_id,
                kind,
                ticket,
            }],
        )
    }

    /// The youth leaves (their seat or the waiting list). When `promote` is set (outside the
    /// last hours before the session), the first in line takes a freed seat. `None` when the
    /// youth holds no place.
    pub fn leave(
        &mut self,
        youth_id: PersonId,
        departure: Departure,
        promote: bool,
    ) -> Option<Vec<RosterChange>> {
        let index = self
            .places
            .iter()
            .position(|place| place.youth_id == youth_id)?;
        let place = self.places.remove(index);
        let kind = match (departure, place.registered) {
            (Departure::Removed, _) => EnrolmentEventKind::Removed,
            (Departure::Cancelled, true) => EnrolmentEventKind::Cancelled,
            (Departure::Cancelled, false) => EnrolmentEventKind::LeftWaitingList,
        };
        let mut changes = vec![RosterChange {
            youth_id,
            kind,
            ticket: place.ticket,
        }];
        if promote {
            changes.extend(self.fill_free_seats());
        }
        Some(changes)
    }

    /// A counsellor gives a waiting youth a free seat, whatever their position (in the last
    /// hours, promotion is theirs to decide).
    pub fn promote(&mut self, youth_id: PersonId) -> Result<Vec<RosterChange>, EnrolmentRefusal> {
        let Some(index) = self
            .places
            .iter()
            .position(|place| place.youth_id == youth_id && !place.registered)
        else {
            return Err(EnrolmentRefusal::NotWaiting);
        };
        if self.seats_left() == 0 {
            return Err(EnrolmentRefusal::SessionFull);
        }
        self.places[index].registered = true;
        Ok(vec![RosterChange {
            youth_id,
            kind: EnrolmentEventKind::Promoted,
            ticket: self.places[index].ticket,
        }])
    }

    /// Raises or lowers the number of places. Never below the youths already registered;
    /// raised seats go to the waiting list first when `promote` is set.
    pub fn set_capacity(
        &mut self,
        capacity: u32,
        promote: bool,
    ) -> Result<Vec<RosterChange>, EnrolmentRefusal> {
        let registered = self.registered_count();
        if capacity < registered {
            return Err(EnrolmentRefusal::CapacityBelowRegistered { registered });
        }
        self.capacity = capacity;
        Ok(if promote {
            self.fill_free_seats()
        } else {
            Vec::new()
        })
    }

    fn fill_free_seats(&mut self) -> Vec<RosterChange> {
        let mut changes = Vec::new();
        while self.seats_left() > 0 {
            // Places are kept sorted by ticket: the first waiting one is first in line.
            let Some(place) = self.places.iter_mut().find(|place| !place.registered) else {
                break;
            };
            place.registered = true;
            changes.push(RosterChange {
                youth_id: place.youth_id,
                kind: EnrolmentEventKind::Promoted,
                ticket: place.ticket,
            });
        }
        changes
    }

    /// The invariants, for tests and for the services' last check before writing.
    pub fn check(&self) -> Result<(), String> {
        if self.registered_count() > self.capacity {
            return Err(format!(
                "{} registered for {} seats",
                self.registered_count(),
                self.capacity
            ));
        }
        let mut youths: Vec<PersonId> = self.places.iter().map(|place| place.youth_id).collect();
        youths.sort_unstable();
        if youths.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err("a youth holds two places".into());
        }
        if self
            .places
            .windows(2)
            .any(|pair| pair[0].ticket >= pair[1].ticket)
        {
            return Err("tickets are not unique and ordered".into());
        }
        Ok(())
    }
}

/// What enrolment needs to know about a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFacts {
    pub status: SessionStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organiser_mission_locale_id: MissionLocaleId,
    pub audience: Audience,
    pub window: EnrolmentWindow,
    pub rules: PlaceRules,
}

/// The per-session cut-offs of places, relative to the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRules {
    /// Youths may cancel online until this many minutes before the start.
    pub cancellation_closes_minutes_before: u32,
    /// Within this many minutes of the start, freed places are no longer given automatically:
    /// the counsellor decides.
    pub promotion_stops_minutes_before: u32,
}

impl Default for PlaceRules {
    fn default() -> Self {
        Self {
            cancellation_closes_minutes_before: 120,
            promotion_stops_minutes_before: 24 * 60,
        }
    }
}

impl PlaceRules {
    pub fn cancellation_closes_at(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at - Duration::minutes(i64::from(self.cancellation_closes_minutes_before))
    }

    /// Whether a freed place goes to the first in line by itself at `now`.
    pub fn promotes_automatically(&self, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now < starts_at - Duration::minutes(i64::from(self.promotion_stops_minutes_before))
    }
}

/// What enrolment needs to know about a youth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YouthFacts {
    pub enrollee: Enrollee,
    pub date_of_birth: NaiveDate,
    pub programme_entry_date: NaiveDate,
    pub programme_exit_date: Option<NaiveDate>,
}

impl YouthFacts {
    /// The last day of the programme: the recorded exit, or twelve months after entry.
    pub fn programme_last_day(&self) -> NaiveDate {
        programme_last_day(self.programme_entry_date, self.programme_exit_date)
    }

    pub fn in_programme_on(&self, day: NaiveDate) -> bool {
        self.programme_entry_date <= day && day <= self.programme_last_day()
    }
}

/// Why an enrolment action is refused. Each has a French message for the youth and one for the
/// counsellor acting for a named youth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnrolmentRefusal {
    /// A draft: it does not exist for youths.
    NotPublished,
    Cancelled,
    AlreadyStarted,
    NotYetOpen {
        opens_at: DateTime<Utc>,
    },
    Closed,
    NotInAudience,
    OutsideProgramme,
    Age {
        age: u32,
    },
    /// Already registered at a session at the same time.
    Overlap {
        title: String,
    },
    CancellationClosed {
        hours: u32,
    },
    NotEnrolled,
    NotWaiting,
    SessionFull,
    CapacityBelowRegistered {
        registered: u32,
    },
}

impl EnrolmentRefusal {
    /// Addressed to the youth.
    pub fn youth_message(&self) -> String {
        match self {
            EnrolmentRefusal::NotPublished => {
                "Cette séance n'est pas ouverte aux inscriptions.".into()
            }
            EnrolmentRefusal::Cancelled => "Cette séance est annulée.".into(),
            EnrolmentRefusal::AlreadyStarted => {
                "Cette séance a déjà commencé : les inscriptions sont closes.".into()
            }
            EnrolmentRefusal::NotYetOpen { opens_at } => format!(
                "Les inscriptions ouvriront le {}. Revenez à ce moment-là !",
                format_instant(*opens_at)
            ),
            EnrolmentRefusal::Closed => "Les inscriptions en ligne sont closes pour cette séance. Appelez votre conseiller·ère pour savoir s'il reste une place.".into(),
            EnrolmentRefusal::NotInAudience => "Cette séance est réservée à d'autres jeunes. Votre conseiller·ère peut vous proposer un autre atelier.".into(),
            EnrolmentRefusal::OutsideProgramme => "Votre accompagnement n'est pas en cours à la date de cette séance. Parlez-en à votre conseiller·ère.".into(),
            EnrolmentRefusal::Age { age } => format!(
                "Les ateliers sont réservés aux jeunes de {PROGRAMME_MIN_AGE} à {PROGRAMME_MAX_AGE} ans, et vous aurez {age} ans le jour de la séance."
            ),
            EnrolmentRefusal::Overlap { title } => format!(
                "Vous êtes déjà inscrit·e à « {title} » au même moment. Annulez d'abord cette place si vous préférez celle-ci."
            ),
            EnrolmentRefusal::CancellationClosed { hours } => format!(
                "Il est trop tard pour annuler en ligne (c'est possible jusqu'à {hours} h avant le début). Prévenez votre conseiller·ère."
            ),
            EnrolmentRefusal::NotEnrolled => "Vous n'avez pas de place à cette séance.".into(),
            EnrolmentRefusal::NotWaiting
            | EnrolmentRefusal::SessionFull
            | EnrolmentRefusal::CapacityBelowRegistered { .. } => self.staff_message(None),
        }
    }

    /// Addressed to the counsellor, about `youth` when there is one.
    pub fn staff_message(&self, youth: Option<&str>) -> String {
        let who = youth.unwrap_or("Ce ou cette jeune");
        match self {
            EnrolmentRefusal::NotPublished => {
                "Cette séance est un brouillon : publiez-la avant d'y inscrire des jeunes.".into()
            }
            EnrolmentRefusal::Cancelled => "Cette séance est annulée.".into(),
            EnrolmentRefusal::AlreadyStarted => "Cette séance a déjà commencé.".into(),
            EnrolmentRefusal::NotYetOpen { .. } | EnrolmentRefusal::Closed => {
                "Les inscriptions sont closes pour cette séance.".into()
            }
            EnrolmentRefusal::NotInAudience => {
                format!("{who} ne fait pas partie du public de cette séance.")
            }
            EnrolmentRefusal::OutsideProgramme => {
                format!("{who} n'est pas dans le programme à la date de cette séance.")
            }
            EnrolmentRefusal::Age { age } => format!(
                "{who} aura {age} ans le jour de la séance : les ateliers sont réservés aux {PROGRAMME_MIN_AGE}–{PROGRAMME_MAX_AGE} ans."
            ),
            EnrolmentRefusal::Overlap { title } => {
                format!("{who} est déjà inscrit·e à « {title} » au même moment.")
            }
            EnrolmentRefusal::CancellationClosed { .. } => {
                "Il est trop tard pour annuler en ligne.".into()
            }
            EnrolmentRefusal::NotEnrolled => format!("{who} n'a pas de place à cette séance."),
            EnrolmentRefusal::NotWaiting => {
                format!("{who} n'est pas sur la liste d'attente de cette séance.")
            }
            EnrolmentRefusal::SessionFull => "La séance est complète : augmentez le nombre de places ou retirez quelqu'un d'abord.".into(),
            EnrolmentRefusal::CapacityBelowRegistered { registered } => format!(
                "{registered} jeunes sont déjà inscrits : le nombre de places ne peut pas descendre en dessous. Retirez d'abord des inscriptions."
            ),
        }
    }
}

/// A warning shown to a counsellor, which does not stop them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolmentWarning {
    /// Already registered at another session at the same time.
    Overlap { title: String },
    /// The programme ended before the session (or starts after it).
    OutsideProgramme { last_day: NaiveDate },
}

impl EnrolmentWarning {
    pub fn message(&self) -> String {
        match self {
            EnrolmentWarning::Overlap { title } => {
                format!("déjà inscrit·e à « {title} » au même moment")
            }
            EnrolmentWarning::OutsideProgramme { last_day } => format!(
                "hors programme à cette date (fin le {})",
                super::format_day(*last_day)
            ),
        }
    }
}

/// Whether the session is open for places at all (for youths and counsellors alike).
fn check_session_takes_places(
    session: &SessionFacts,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    match session.status {
        SessionStatus::Draft => return Err(EnrolmentRefusal::NotPublished),
        SessionStatus::Cancelled => return Err(EnrolmentRefusal::Cancelled),
        SessionStatus::Published => {}
    }
    if now >= session.starts_at {
        return Err(EnrolmentRefusal::AlreadyStarted);
    }
    Ok(())
}

fn session_day(session: &SessionFacts) -> NaiveDate {
    session.starts_at.with_timezone(&PARIS).date_naive()
}

fn check_age(session: &SessionFacts, youth: &YouthFacts) -> Result<(), EnrolmentRefusal> {
    let age = age_on(youth.date_of_birth, session_day(session));
    if (PROGRAMME_MIN_AGE..=PROGRAMME_MAX_AGE).contains(&age) {
        Ok(())
    } else {
        Err(EnrolmentRefusal::Age { age })
    }
}

/// A youth enrolling themself: the session is published and to come, its window is open, its
/// audience admits them, they are in the programme and aged 16–25 on the day, and they hold no
/// place at a session at the same time (`overlapping`: the title of such a session).
pub fn check_self_enrolment(
    session: &SessionFacts,
    youth: &YouthFacts,
    overlapping: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    check_session_takes_places(session, now)?;
    if !session.window.is_open(session.starts_at, now) {
        return Err(match session.window.opens_at(session.starts_at) {
            Some(opens_at) if now < opens_at => EnrolmentRefusal::NotYetOpen { opens_at },
            _ => EnrolmentRefusal::Closed,
        });
    }
    if !session
        .audience
        .admits(session.organiser_mission_locale_id, youth.enrollee)
    {
        return Err(EnrolmentRefusal::NotInAudience);
    }
    if !youth.in_programme_on(session_day(session)) {
        return Err(EnrolmentRefusal::OutsideProgramme);
    }
    check_age(session, youth)?;
    if let Some(title) = overlapping {
        return Err(EnrolmentRefusal::Overlap {
            title: title.to_owned(),
        });
    }
    Ok(())
}

/// A counsellor enrolling a youth: until the session starts, whatever the window. The audience
/// must admit the youth unless the counsellor organises the session; the age rule is the
/// funder's and always holds. An overlapping place or a programme that has ended are warnings.
pub fn check_staff_enrolment(
    session: &SessionFacts,
    youth: &YouthFacts,
    organiser_acting: bool,
    overlapping: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<EnrolmentWarning>, EnrolmentRefusal> {
    check_session_takes_places(session, now)?;
    if !organiser_acting
        && !session
            .audience
            .admits(session.organiser_mission_locale_id, youth.enrollee)
    {
        return Err(EnrolmentRefusal::NotInAudience);
    }
    check_age(session, youth)?;
    let mut warnings = Vec::new();
    if let Some(title) = overlapping {
        warnings.push(EnrolmentWarning::Overlap {
            title: title.to_owned(),
        });
    }
    if !youth.in_programme_on(session_day(session)) {
        warnings.push(EnrolmentWarning::OutsideProgramme {
            last_day: youth.programme_last_day(),
        });
    }
    Ok(warnings)
}

/// A youth giving up their place: a registered place until the session's cut-off, the waiting
/// list until the start.
pub fn check_self_cancellation(
    session: &SessionFacts,
    standing: Standing,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    if now >= session.starts_at {
        return Err(EnrolmentRefusal::AlreadyStarted);
    }
    if standing == Standing::Registered
        && now >= session.rules.cancellation_closes_at(session.starts_at)
    {
        return Err(EnrolmentRefusal::CancellationClosed {
            hours: session
                .rules
                .cancellation_closes_minutes_before
                .div_ceil(60),
        });
    }
    Ok(())
}

/// Staff changing places (removal, promotion, capacity): until the session ends.
pub fn check_staff_roster_change(
    session: &SessionFacts,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    if session.status == SessionStatus::Cancelled {
        return Err(EnrolmentRefusal::Cancelled);
    }
    if now >= session.ends_at {
        return Err(EnrolmentRefusal::AlreadyStarted);
    }
    Ok(())
}

/// The reason a counsellor gives for removing a youth: required, at most 500 characters.
pub fn parse_removal_reason(text: &str) -> Result<String, super::InvalidInput> {
    let reason = super::one_line(text);
    if reason.is_empty() {
        return Err(super::InvalidInput::new(
            "reason",
            "Indiquez la raison du retrait : le ou la jeune la lira.",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(super::InvalidInput::new(
            "reason",
            "La raison est trop longue (500 caractères au plus).",
        ));
    }
    Ok(reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn roster(capacity: u32) -> Roster {
        Roster::new(capacity, [], 1)
    }

    #[test]
    fn the_first_come_take_the_seats_and_the_rest_wait_in_order() {
        let mut roster = roster(2);
        assert_eq!(roster.enrol(PersonId::new(1)).0, Standing::Registered);
        assert_eq!(roster.enrol(PersonId::new(2)).0, Standing::Registered);
        assert_eq!(
            roster.enrol(PersonId::new(3)).0,
            Standing::Waiting { position: 1 }
        );
        assert_eq!(
            roster.enrol(PersonId::new(4)).0,
            Standing::Waiting { position: 2 }
        );
        assert_eq!(roster.registered_count(), 2);
    }

    #[test]
    fn enrolling_twice_gives_the_same_answer_and_changes_nothing() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        let (first, changes) = roster.enrol(PersonId::new(2));
        assert_eq!(changes.len(), 1);
        let before = roster.clone();
        let (again, changes) = roster.enrol(PersonId::new(2));
        assert_eq!(again, first);
        assert!(changes.is_empty());
        assert_eq!(roster, before);
    }

    #[test]
    fn a_cancellation_promotes_the_first_in_line() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        roster.enrol(PersonId::new(2));
        roster.enrol(PersonId::new(3));
        let changes = roster
            .leave(PersonId::new(1), Departure::Cancelled, true)
            .unwrap();
        assert_eq!(
            changes
                .iter()
                .map(|c| (c.youth_id.get(), c.kind))
                .collect::<Vec<_>>(),
            vec![
                (1, EnrolmentEventKind::Cancelled),
                (2, EnrolmentEventKind::Promoted)
            ]
        );
        assert_eq!(
            roster.standing(PersonId::new(3)),
            Some(Standing::Waiting { position: 1 })
        );
    }

    #[test]
    fn in_the_last_hours_a_freed_seat_waits_for_the_counsellor() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        roster.enrol(PersonId::new(2));
        let changes = roster
            .leave(PersonId::new(1), Departure::Removed, false)
            .unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kind, EnrolmentEventKind::Removed);
        assert_eq!(roster.seats_left(), 1);
        // A newcomer does not jump the queue.
        assert_eq!(
            roster.enrol(PersonId::new(3)).0,
            Standing::Waiting { position: 2 }
        );
        // The counsellor may pick anyone in line.
        assert_eq!(
            roster.promote(PersonId::new(3)).unwrap()[0].kind,
            EnrolmentEventKind::Promoted
        );
        assert_eq!(
            roster.promote(PersonId::new(2)),
            Err(EnrolmentRefusal::SessionFull)
        );
    }

    #[test]
    fn leaving_the_waiting_list_is_its_own_event() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        roster.enrol(PersonId::new(2));
        roster.enrol(PersonId::new(3));
        let changes = roster
            .leave(PersonId::new(2), Departure::Cancelled, true)
            .unwrap();
        assert_eq!(changes[0].kind, EnrolmentEventKind::LeftWaitingList);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            roster.standing(PersonId::new(3)),
            Some(Standing::Waiting { position: 1 })
        );
        assert_eq!(
            roster.leave(PersonId::new(2), Departure::Cancelled, true),
            None
        );
    }

    #[test]
    fn capacity_never_goes_below_the_registered_and_raising_it_promotes() {
        let mut roster = roster(2);
        for youth in 1..=4 {
            roster.enrol(PersonId::new(youth));
        }
        assert_eq!(
            roster.set_capacity(1, true),
            Err(EnrolmentRefusal::CapacityBelowRegistered { registered: 2 })
        );
        let changes = roster.set_capacity(3, true).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].youth_id, PersonId::new(3));
        assert_eq!(
            roster.standing(PersonId::new(4)),
            Some(Standing::Waiting { position: 1 })
        );
    }

    #[test]
    fn tickets_keep_growing_after_cancellations() {
        let roster = Roster::new(
            3,
            [Place {
                youth_id: PersonId::new(1),
                registered: true,
                ticket: 4,
            }],
            9,
        );
        let mut roster = roster;
        let (_, changes) = roster.enrol(PersonId::new(2));
        assert_eq!(changes[0].ticket, 9);
    }

    #[derive(Clone, Debug)]
    enum Step {
        Enrol(i32),
        Leave(i32, bool, bool),
        Promote(i32),
        Capacity(u32, bool),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (1..30i32).prop_map(Step::Enrol),
            (1..30i32, any::<bool>(), any::<bool>()).prop_map(|(y, r, p)| Step::Leave(y, r, p)),
            (1..30i32).prop_map(Step::Promote),
            (0..15u32, any::<bool>()).prop_map(|(c, p)| Step::Capacity(c, p)),
        ]
    }

    proptest! {
        /// Whatever happens, in whatever order: never more registered than seats, one place per
        /// youth, tickets unique; and while promotion is automatic, nobody waits for a free seat.
        #[test]
        fn the_invariants_hold_after_every_step(
            capacity in 0..12u32,
            steps in proptest::collection::vec(step(), 0..80),
        ) {
            let mut roster = roster(capacity);
            for step in steps {
                let automatic = match step {
                    Step::Enrol(youth) => { roster.enrol(PersonId::new(youth)); None }
                    Step::Leave(youth, removed, promote) => {
                        let departure = if removed { Departure::Removed } else { Departure::Cancelled };
                        roster.leave(PersonId::new(youth), departure, promote).map(|_| promote)
                    }
                    Step::Promote(youth) => { let _ = roster.promote(PersonId::new(youth)); None }
                    Step::Capacity(capacity, promote) => {
                        roster.set_capacity(capacity, promote).ok().map(|_| promote)
                    }
                };
                prop_assert_eq!(roster.check(), Ok(()));
                if automatic == Some(true) {
                    prop_assert!(roster.seats_left() == 0 || roster.waiting().next().is_none());
                }
                let positions: Vec<u32> = roster
                    .waiting()
                    .filter_map(|place| match roster.standing(place.youth_id) {
                        Some(Standing::Waiting { position }) => Some(position),
                        _ => None,
                    })
                    .collect();
                prop_assert_eq!(positions, (1..=roster.waiting().count() as u32).collect::<Vec<_>>());
            }
        }
    }

    fn session(now: DateTime<Utc>) -> SessionFacts {
        SessionFacts {
            status: SessionStatus::Published,
            starts_at: now + Duration::days(3),
            ends_at: now + Duration::days(3) + Duration::hours(2),
            organiser_mission_locale_id: MissionLocaleId::new(1),
            audience: Audience::MissionLocale,
            window: EnrolmentWindow {
                opens_days_before: Some(14),
                closes_minutes_before: 120,
            },
            rules: PlaceRules::default(),
        }
    }

    fn youth() -> YouthFacts {
        YouthFacts {
            enrollee: Enrollee {
                mission_locale_id: MissionLocaleId::new(1),
                referent_id: PersonId::new(7),
            },
            date_of_birth: NaiveDate::from_ymd_opt(2005, 5, 1).unwrap(),
            programme_entry_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            programme_exit_date: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn an_eligible_youth_may_enrol() {
        assert_eq!(
            check_self_enrolment(&session(now()), &youth(), None, now()),
            Ok(())
        );
    }

    #[test]
    fn each_self_enrolment_rule_refuses_in_french() {
        let now = now();
        let mut draft = session(now);
        draft.status = SessionStatus::Draft;
        assert_eq!(
            check_self_enrolment(&draft, &youth(), None, now),
            Err(EnrolmentRefusal::NotPublished)
        );
        let mut far = session(now);
        far.starts_at = now + Duration::days(30);
        let refusal = check_self_enrolment(&far, &youth(), None, now).unwrap_err();
        assert!(matches!(refusal, EnrolmentRefusal::NotYetOpen { .. }));
        assert!(refusal.youth_message().contains("ouvriront le"));
        let mut soon = session(now);
        soon.starts_at = now + Duration::minutes(90);
        assert_eq!(
            check_self_enrolment(&soon, &youth(), None, now),
            Err(EnrolmentRefusal::Closed)
        );
        let mut elsewhere = youth();
        elsewhere.enrollee.mission_locale_id = MissionLocaleId::new(2);
        assert_eq!(
            check_self_enrolment(&session(now), &elsewhere, None, now),
            Err(EnrolmentRefusal::NotInAudience)
        );
        let mut left = youth();
        left.programme_exit_date = NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(
            check_self_enrolment(&session(now), &left, None, now),
            Err(EnrolmentRefusal::OutsideProgramme)
        );
        let mut older = youth();
        older.date_of_birth = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let refusal = check_self_enrolment(&session(now), &older, None, now).unwrap_err();
        assert_eq!(refusal, EnrolmentRefusal::Age { age: 26 });
        assert!(refusal.youth_message().contains("26 ans"));
        assert!(
            check_self_enrolment(&session(now), &youth(), Some("Réussir son CV"), now)
                .unwrap_err()
                .youth_message()
                .contains("« Réussir son CV »")
        );
    }

    #[test]
    fn twelve_months_after_entry_the_programme_is_over() {
        let youth = youth();
        assert_eq!(
            youth.programme_last_day(),
            NaiveDate::from_ymd_opt(2027, 8, 31).unwrap()
        );
        assert!(!youth.in_programme_on(NaiveDate::from_ymd_opt(2027, 9, 1).unwrap()));
    }

    #[test]
    fn counsellors_enrol_past_the_window_with_warnings() {
        let now = now();
        let mut soon = session(now);
        soon.starts_at = now + Duration::minutes(30);
        let mut left = youth();
        left.programme_exit_date = NaiveDate::from_ymd_opt(2026, 11, 30);
        let warnings = check_staff_enrolment(&soon, &left, false, Some("CV"), now).unwrap();
        assert_eq!(warnings.len(), 2);
        assert!(warnings[1].message().contains("30 novembre 2026"));
        let mut elsewhere = youth();
        elsewhere.enrollee.mission_locale_id = MissionLocaleId::new(2);
        assert_eq!(
            check_staff_enrolment(&soon, &elsewhere, false, None, now),
            Err(EnrolmentRefusal::NotInAudience)
        );
        assert!(check_staff_enrolment(&soon, &elsewhere, true, None, now).is_ok());
    }

    #[test]
    fn a_registered_place_is_cancelled_online_until_the_cut_off_only() {
        let now = now();
        let mut session = session(now);
        session.starts_at = now + Duration::minutes(100);
        assert_eq!(
            check_self_cancellation(&session, Standing::Registered, now),
            Err(EnrolmentRefusal::CancellationClosed { hours: 2 })
        );
        assert_eq!(
            check_self_cancellation(&session, Standing::Waiting { position: 1 }, now),
            Ok(())
        );
        session.starts_at = now + Duration::hours(3);
        assert_eq!(
            check_self_cancellation(&session, Standing::Registered, now),
            Ok(())
        );
    }

    #[test]
    fn promotion_stops_being_automatic_a_day_before() {
        let rules = PlaceRules::default();
        let starts = now() + Duration::hours(30);
        assert!(rules.promotes_automatically(starts, now()));
        assert!(!rules.promotes_automatically(starts, now() + Duration::hours(7)));
    }

    #[test]
    fn codes_round_trip() {
        for kind in EnrolmentEventKind::ALL {
            assert_eq!(EnrolmentEventKind::parse(kind.code()), Some(kind));
        }
        for method in [
            EnrolmentMethod::ByYouth,
            EnrolmentMethod::ByStaff,
            EnrolmentMethod::Automatic,
        ] {
            assert_eq!(EnrolmentMethod::parse(method.code()), Some(method));
        }
        assert_eq!(
            EnrolmentStatus::parse("waiting"),
            Some(EnrolmentStatus::Waiting)
        );
    }

    #[test]
    fn a_removal_needs_a_reason() {
        assert!(parse_removal_reason("  ").is_err());
        assert_eq!(parse_removal_reason(" absent ").unwrap(), "absent");
    }
}
