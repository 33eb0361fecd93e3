//! Mail about a session: invitations, updates and cancellations (iTIP over email), and the plain
//! notes of the waiting list. Not a use case: every use case that changes a session or its
//! places calls [`send_session_mail`] inside its own transaction, so the mail is queued in the
//! outbox with the change, or not at all.
//!
//! It works by reconciliation: who should hold the session in their calendar now (registered
//! youths, facilitators and counsellors of a published session) is compared with what each
//! person was last sent (`calendar_invitations`). A missing copy gets a REQUEST, an outdated one
//! a REQUEST with a higher SEQUENCE, a copy nobody should hold any more a CANCEL. The occasion
//! only chooses the words (who did what); it cannot make a calendar wrong.
//!
//! Each person's copy keeps its UID; SEQUENCE never goes down and DTSTAMP always goes up. A
//! CANCEL carries `STATUS:CANCELLED` when the session itself is cancelled. One message per
//! recipient, who is its only ATTENDEE; waiting-list notes are plain mail, with no calendar.
//!
//! Youths hear by SMS as well, or instead, as their file says (`youth_channels`): a short
//! notice with the session's short link is queued beside (or in place of) the mail, for what
//! a phone should ring for: a place, the waiting list, a promotion, a change of day or place,
//! a cancellation, a removal, the reminder. Their calendar copy is kept only when mail goes.
//! Called by `enrolment_records::write_changes` and by `plan_sessions`, `update_session` and
//! `cancel_session`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Timelike, Utc};
use lettre::message::Mailbox;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::ServiceError;
use crate::domain::sms::{NoticeChannels, SessionNotice, SmsSession, session_short_path};
use crate::domain::{
    CopyAction, EnrolmentEventKind, EnrolmentMethod, EnrolmentStatus, HeldCopy, PersonId,
    RosterChange, SessionId, SessionStatus, calendar_holders, reconcile_copies,
};
use crate::entities::{
    calendar_invitation, enrolment, mission_locale, person, session_event, staff_member,
    workshop_session, workshop_type,
};
use crate::mail::calendar::{
    AttendeeRole, CalendarMethod, CalendarPerson, SessionEvent, invitation_calendar,
};
use crate::mail::compose::{Envelope, compose};
use crate::mail::session_wording::{Role, SessionSummary, Why, session_mail_text};
use crate::services::MailSettings;
use crate::services::enrolment::enrolment_records::ChangedBy;
use crate::services::notifications::queue_mail::{MailAbout, mailbox_of, queue_mail_about};
use crate::services::planning::session_records::{SessionBundle, load_bundle, place_view};
use crate::services::sms::{SmsToQueue, queue_sms, youth_channels};

/// What just happened, for the wording.
pub(crate) enum Occasion<'a> {
    /// Places changed: enrolments, cancellations, removals, promotions.
    Places {
        changes: &'a [RosterChange],
        by: ChangedBy,
        reason: Option<&'a str>,
    },
    /// The session was planned, published or edited; `what` lists, in French, the changes
    /// attendees must hear about.
    SessionChanged {
        actor_id: Option<PersonId>,
        what: &'a [String],
        /// The day, time or place changed: youths who get SMS are told by SMS too.
        moves_attendees: bool,
    },
    SessionCancelled {
        actor_id: Option<PersonId>,
        reason: &'a str,
    },
}

/// A session with everything its mails and calendar events say.
pub(crate) struct SessionForMail {
    pub bundle: SessionBundle,
    pub summary: SessionSummary,
    /// The workshop's description, for the calendar event.
    pub description: String,
    pub organizer: CalendarPerson,
    pub uid: String,
}

/// A session's mail facts read before its roster is locked, so that the lock is held for the
/// change and its mail only (the Monday-morning rush enrols a hundred youths in one session one
/// after the other). With the id of the session's last recorded change, to tell under the lock
/// whether they still hold.
pub(crate) struct PreparedSessionMail {
    facts: SessionForMail,
    last_change: Option<i32>,
}

impl PreparedSessionMail {
    pub async fn read(
        db: &impl ConnectionTrait,
        mail: &MailSettings,
        session_id: SessionId,
    ) -> Result<Self, ServiceError> {
        // The change first: a change recorded in between is then seen under the lock.
        let last_change = last_session_change(db, session_id).await?;
        Ok(Self {
            facts: SessionForMail::load(db, mail, session_id).await?,
            last_change,
        })
    }

    /// The session as read, for the rules checked before the lock.
    pub fn bundle(&self) -> &SessionBundle {
        &self.facts.bundle
    }

    /// The facts, if the session is as they were read: its row (read under the lock; the
    /// roster's version aside) and its last recorded change (every plan, edit, change of
    /// people and cancellation records one) are the same. Otherwise `None`: read them again.
    pub async fn still_current(
        self,
        txn: &impl ConnectionTrait,
        locked: &workshop_session::Model,
    ) -> Result<Option<SessionForMail>, ServiceError> {
        let read = &self.facts.bundle.session;
        let same_row = workshop_session::Model {
            roster_version: locked.roster_version,
            ..read.clone()
        } == *locked;
        if !same_row || last_session_change(txn, read.id).await? != self.last_change {
            return Ok(None);
        }
        Ok(Some(self.facts))
    }
}

async fn last_session_change(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Option<i32>, ServiceError> {
    Ok(session_event::Entity::find()
        .select_only()
        .column_as(session_event::Column::Id.max(), "last")
        .filter(session_event::Column::SessionId.eq(session_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten())
}

impl SessionForMail {
    pub async fn load(
        db: &impl ConnectionTrait,
        mail: &MailSettings,
        session_id: SessionId,
    ) -> Result<Self, ServiceError> {
        let bundle = load_bundle(db, session_id).await?;
        let session = &bundle.session;
        let workshop = workshop_type::Entity::find_by_id(session.workshop_type_id)
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let organiser = mission_locale::Entity::find_by_id(session.mission_locale_id)
            .one(db)
            .await?
            .map(|ml| ml.name)
            .unwrap_or_default();
        let place = place_view(db, session).await?;
        // The first counsellor with an address organises: replies reach a person.
        let counsellors = person::Entity::find()
            .filter(person::Column::Id.is_in(bundle.counsellor_ids.iter().copied()))
            .all(db)
            .await?;
        let organizer = counsellors
            .iter()
            .filter_map(|person| {
                Some(CalendarPerson {
                    name: format!("{} {} ({organiser})", person.first_name, person.last_name),
                    email: person.email.clone()?,
                })
            })
            .next()
            .unwrap_or_else(|| CalendarPerson {
                name: mail
                    .from
                    .name
                    .clone()
                    .unwrap_or_else(|| "Ateliers".to_owned()),
                email: mail.from.email.to_string(),
            });
        Ok(Self {
            uid: calendar_uid(session.id, mail),
            summary: SessionSummary {
                title: workshop.title,
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                place_name: place.name,
                address: place.address,
                access_notes: place.access_notes,
                what_to_bring: workshop.what_to_bring,
                note_for_youths: session.note_for_youths.clone(),
                organiser,
            },
            description: workshop.description,
            organizer,
            bundle,
        })
    }

    /// The calendar event as `role` sees it.
    pub fn event(
        &self,
        mail: &MailSettings,
        role: Role,
        uid: &str,
        sequence: i32,
        dtstamp: DateTime<Utc>,
    ) -> SessionEvent {
        let summary = &self.summary;
        let url = page_url(mail, role, self.bundle.session.id);
        let mut description = self.description.clone();
        if let Some(reason) = &self.bundle.session.cancellation_reason {
            description = format!("Séance annulée : {reason}\n\n{description}");
        }
        if role == Role::Youth && !summary.what_to_bring.is_empty() {
            description.push_str(&format!("\n\nÀ apporter : {}", summary.what_to_bring));
        }
        for note in &summary.access_notes {
            description.push_str(&format!("\n{note}"));
        }
        description.push_str(&format!("\n\n{url}"));
        SessionEvent {
            uid: uid.to_owned(),
            sequence,
            dtstamp,
            starts_at: summary.starts_at,
            ends_at: summary.ends_at,
            summary: summary.title.clone(),
            location: summary.location(),
            description,
            url,
        }
    }
}

/// A session's UID: `atelier-<id>@<domain of Ateliers>`. Each person's copy keeps the UID it
/// was first sent with (`calendar_invitations.uid`), so a later change of address cannot orphan
/// the events already in calendars.
pub(crate) fn calendar_uid(session_id: SessionId, mail: &MailSettings) -> String {
    let host = mail
        .site_url
        .split("://")
        .nth(1)
        .unwrap_or_default()
        .split(['/', ':'])
        .next()
        .unwrap_or_default();
    let is_domain = host.contains('.') && host.chars().any(|c| c.is_ascii_alphabetic());
    let domain = if is_domain {
        host.to_owned()
    } else {
        mail.from.email.domain().to_owned()
    };
    format!("atelier-{session_id}@{domain}")
}

/// Where a person reads the session: youths its public page, staff the planning page,
/// facilitators their space.
pub(crate) fn page_url(mail: &MailSettings, role: Role, session_id: SessionId) -> String {
    let site = mail.site_url.trim_end_matches('/');
    match role {
        Role::Youth => format!("{site}/ateliers/{session_id}"),
        Role::Counsellor => format!("{site}/seances/{session_id}"),
        Role::Facilitator => format!("{site}/mes-seances"),
    }
}

/// Queues what each person must receive after a change of `session_id`: see the module's notes.
pub(crate) async fn send_session_mail(
    txn: &impl ConnectionTrait,
    mail: &MailSettings,
    session_id: SessionId,
    occasion: &Occasion<'_>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let session = SessionForMail::load(txn, mail, session_id).await?;
    let places = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .all(txn)
        .await?;
    send_mail_of_session(txn, mail, &session, &places, occasion, now).await
}

/// [`send_session_mail`] with what it reads already in hand: the session's mail facts (read
/// inside the transaction, or before it and checked with [`PreparedSessionMail::still_current`])
/// and every enrolment row of the session as the transaction leaves them.
pub(crate) async fn send_mail_of_session(
    txn: &impl ConnectionTrait,
    mail: &MailSettings,
    session: &SessionForMail,
    places: &[enrolment::Model],
    occasion: &Occasion<'_>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let session_id = session.bundle.session.id;
    let copies: HashMap<PersonId, calendar_invitation::Model> = calendar_invitation::Entity::find()
        .filter(calendar_invitation::Column::SessionId.eq(session_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|copy| (copy.person_id, copy))
        .collect();

    let holders = calendar_holders(
        session.bundle.status() == SessionStatus::Published,
        places
            .iter()
            .filter(|place| place.status == EnrolmentStatus::Registered)
            .map(|place| place.youth_id),
        &session.bundle.facilitator_ids,
        &session.bundle.counsellor_ids,
    );
    let held: BTreeMap<PersonId, HeldCopy> = copies
        .values()
        .map(|copy| {
            let held = HeldCopy {
                person_id: copy.person_id,
                role: Role::parse(&copy.role),
                cancelled: copy.cancelled,
                session_sequence: copy.session_sequence,
            };
            (copy.person_id, held)
        })
        .collect();
    let actions = reconcile_copies(&holders, &held, session.bundle.session.sequence);

    let actor_id = match occasion {
        Occasion::Places { by, .. } => by.actor_id,
        Occasion::SessionChanged { actor_id, .. } | Occasion::SessionCancelled { actor_id, .. } => {
            *actor_id
        }
    };
    let mut ids: Vec<PersonId> = holders
        .keys()
        .copied()
        .chain(copies.keys().copied())
        .collect();
    if let Occasion::Places { changes, .. } = occasion {
        ids.extend(changes.iter().map(|change| change.youth_id));
    }
    if matches!(occasion, Occasion::SessionCancelled { .. }) {
        ids.extend(
            places
                .iter()
                .filter(|place| place.status == EnrolmentStatus::Waiting)
                .map(|place| place.youth_id),
        );
    }
    ids.extend(actor_id);
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<PersonId, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(txn)
        .await?
        .into_iter()
        .map(|person| (person.id, person))
        .collect();
    let by_youth =
        matches!(occasion, Occasion::Places { by, .. } if by.method == EnrolmentMethod::ByYouth);
    let actor_name = match actor_id {
        // A youth acting for themself is no staff member: no need to look.
        Some(id) if !by_youth => staff_name(txn, &people, id).await?,
        _ => None,
    };
    let actor = actor_name.as_deref();
    let change_of = |youth_id: PersonId| match occasion {
        Occasion::Places { changes, .. } => changes
            .iter()
            .rev()
            .find(|change| change.youth_id == youth_id)
            .map(|change| change.kind),
        _ => None,
    };
    let letter = Letter {
        mail,
        session,
        now,
        moves_attendees: matches!(
            occasion,
            Occasion::SessionChanged {
                moves_attendees: true,
                ..
            }
        ),
    };

    for action in actions {
        let (person_id, role, method) = match action {
            CopyAction::Invite { person_id, role } | CopyAction::Update { person_id, role } => {
                (person_id, role, CalendarMethod::Request)
            }
            CopyAction::Withdraw { person_id, role } => (person_id, role, CalendarMethod::Cancel),
        };
        let Some(person) = people.get(&person_id) else {
            continue;
        };
        let copy = copies.get(&person_id);
        let why = match action {
            CopyAction::Update { .. } => {
                let what: &[String] = match occasion {
                    Occasion::SessionChanged { what, .. } => what,
                    _ => &[],
                };
                Why::Updated { by: actor, what }
            }
            // Nobody needs telling that they added themself.
            CopyAction::Invite { .. } if role != Role::Youth && actor_id == Some(person_id) => {
                invitation_reason(role, None, occasion, None)
            }
            CopyAction::Invite { .. } => {
                invitation_reason(role, change_of(person_id), occasion, actor)
            }
            CopyAction::Withdraw { .. } => match (occasion, change_of(person_id)) {
                (Occasion::SessionCancelled { reason, .. }, _) => {
                    Why::SessionCancelled { by: actor, reason }
                }
                (_, Some(EnrolmentEventKind::Cancelled)) => Why::CancelledThemself,
                (Occasion::Places { reason, .. }, Some(EnrolmentEventKind::Removed)) => {
                    Why::RemovedBy {
                        by: actor.unwrap_or("La Mission Locale"),
                        reason: reason.unwrap_or_default(),
                    }
                }
                _ => Why::NoLongerLeading { by: actor },
            },
        };
        letter
            .send_calendar(txn, person, role, copy, method, &why)
            .await?;
    }

    // Plain notes: the waiting list holds no calendar event.
    match occasion {
        Occasion::Places {
            changes, reason, ..
        } => {
            for change in *changes {
                let Some(person) = people.get(&change.youth_id) else {
                    continue;
                };
                let place = places
                    .iter()
                    .find(|place| place.youth_id == change.youth_id);
                let why = match change.kind {
                    EnrolmentEventKind::Waitlisted => Why::Waitlisted {
                        position: waiting_position(places, change.youth_id),
                    },
                    EnrolmentEventKind::LeftWaitingList => Why::LeftWaitingList,
                    // Taken off the waiting list (a registered youth's copy was cancelled above).
                    EnrolmentEventKind::Removed
                        if place.is_some_and(|place| place.registered_at.is_none()) =>
                    {
                        Why::RemovedFromWaitingListBy {
                            by: actor.unwrap_or("La Mission Locale"),
                            reason: reason.unwrap_or_default(),
                        }
                    }
                    _ => continue,
                };
                letter.send_note(txn, person, &why).await?;
            }
        }
        Occasion::SessionCancelled { reason, .. } => {
            for place in places {
                if place.status != EnrolmentStatus::Waiting {
                    continue;
                }
                if let Some(person) = people.get(&place.youth_id) {
                    letter
                        .send_note(txn, person, &Why::WaitedSessionCancelled { reason })
                        .await?;
                }
            }
        }
        Occasion::SessionChanged { .. } => {}
    }
    Ok(())
}

fn invitation_reason<'a>(
    role: Role,
    change: Option<EnrolmentEventKind>,
    occasion: &Occasion<'_>,
    actor: Option<&'a str>,
) -> Why<'a> {
    if role != Role::Youth {
        return Why::Leading { added_by: actor };
    }
    let by = match occasion {
        Occasion::Places { by, .. } => Some(by),
        _ => None,
    };
    match (change, by.map(|by| by.method), actor) {
        (Some(EnrolmentEventKind::Registered), Some(EnrolmentMethod::ByYouth), _) => {
            Why::RegisteredThemself
        }
        (Some(EnrolmentEventKind::Registered), _, Some(actor)) => Why::RegisteredBy(actor),
        (Some(EnrolmentEventKind::Promoted), _, Some(actor))
            if by.is_some_and(|by| by.promotions_by_hand) =>
        {
            Why::PromotedBy(actor)
        }
        (Some(EnrolmentEventKind::Promoted), _, _) => Why::PromotedAutomatically,
        _ => Why::Registered,
    }
}

/// 1 for the first in line.
fn waiting_position(places: &[enrolment::Model], youth_id: PersonId) -> u32 {
    let Some(ticket) = places
        .iter()
        .find(|place| place.youth_id == youth_id)
        .map(|place| place.ticket)
    else {
        return 1;
    };
    1 + places
        .iter()
        .filter(|place| place.status == EnrolmentStatus::Waiting && place.ticket < ticket)
        .count() as u32
}

/// "Ingrid Martin (Mission Locale de Bondy)" for staff; `None` for youths and unknown people.
async fn staff_name(
    db: &impl ConnectionTrait,
    people: &HashMap<PersonId, person::Model>,
    person_id: PersonId,
) -> Result<Option<String>, ServiceError> {
    let Some(person) = people.get(&person_id) else {
        return Ok(None);
    };
    let Some(staff) = staff_member::Entity::find_by_id(person_id).one(db).await? else {
        return Ok(None);
    };
    let name = format!("{} {}", person.first_name, person.last_name);
    let organisation = match staff.mission_locale_id {
        Some(id) => mission_locale::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|ml| ml.name),
        None => Some("coordination des Missions Locales".to_owned()),
    };
    Ok(Some(match organisation {
        Some(organisation) => format!("{name} ({organisation})"),
        None => name,
    }))
}

/// The SMS a youth gets for what the mail tells them, if any: not for what they did
/// themselves on their phone beyond taking a place, nor for a change of facilitators.
fn sms_notice(why: &Why<'_>, moves_attendees: bool) -> Option<SessionNotice> {
    Some(match why {
        Why::RegisteredThemself | Why::RegisteredBy(_) => SessionNotice::Registered,
        Why::PromotedAutomatically | Why::PromotedBy(_) => SessionNotice::Promoted,
        Why::Waitlisted { position } => SessionNotice::Waiting {
            position: *position as usize,
        },
        Why::Updated { .. } if moves_attendees => SessionNotice::Moved,
        Why::SessionCancelled { .. } | Why::WaitedSessionCancelled { .. } => {
            SessionNotice::Cancelled
        }
        Why::RemovedBy { .. } | Why::RemovedFromWaitingListBy { .. } => SessionNotice::Removed,
        Why::Reminder => SessionNotice::Reminder,
        Why::Registered
        | Why::Leading { .. }
        | Why::Updated { .. }
        | Why::CancelledThemself
        | Why::NoLongerLeading { .. }
        | Why::LeftWaitingList => return None,
    })
}

/// Writes one session's mails (and its youths' SMS).
struct Letter<'a> {
    mail: &'a MailSettings,
    session: &'a SessionForMail,
    now: DateTime<Utc>,
    /// The day, time or place changed (an update is worth an SMS).
    moves_attendees: bool,
}

impl Letter<'_> {
    /// An invitation, update or cancellation for one person, then what they now hold.
    async fn send_calendar(
        &self,
        txn: &impl ConnectionTrait,
        person: &person::Model,
        role: Role,
        copy: Option<&calendar_invitation::Model>,
        method: CalendarMethod,
        why: &Why<'_>,
    ) -> Result<(), ServiceError> {
        if role == Role::Youth && !self.text_youth(txn, person, why).await?.email {
            return Ok(()); // by SMS only
        }
        let Some(to) = mailbox_of(person) else {
            return Ok(()); // reachable by phone only
        };
        let session_sequence = self.session.bundle.session.sequence;
        // SEQUENCE never goes down and DTSTAMP always goes up for a UID.
        let sequence = match copy {
            None => session_sequence,
            Some(copy) => session_sequence.max(copy.sequence + 1),
        };
        let now = self.now.with_nanosecond(0).unwrap_or(self.now);
        let dtstamp = match copy {
            Some(copy) if copy.dtstamp >= now => copy.dtstamp + Duration::seconds(1),
            _ => now,
        };
        let uid = copy.map_or(self.session.uid.as_str(), |copy| copy.uid.as_str());
        let event = self.session.event(self.mail, role, uid, sequence, dtstamp);
        let attendee = CalendarPerson {
            name: format!("{} {}", person.first_name, person.last_name),
            email: to.email.to_string(),
        };
        let calendar = invitation_calendar(
            method,
            &event,
            &self.session.organizer,
            &attendee,
            match role {
                Role::Youth => AttendeeRole::Participant,
                Role::Facilitator | Role::Counsellor => AttendeeRole::Chair,
            },
            self.session.bundle.status() == SessionStatus::Cancelled,
        );
        self.queue(
            txn,
            person,
            to,
            role,
            why,
            Some((method, calendar.as_str())),
        )
        .await?;

        let cancelled = method == CalendarMethod::Cancel;
        match copy {
            Some(copy) => {
                let mut row: calendar_invitation::ActiveModel = copy.clone().into();
                row.role = Set(role.code().to_owned());
                row.sequence = Set(sequence);
                row.dtstamp = Set(dtstamp);
                row.session_sequence = Set(session_sequence);
                row.cancelled = Set(cancelled);
                row.update(txn).await?;
            }
            None => {
                calendar_invitation::ActiveModel {
                    session_id: Set(self.session.bundle.session.id),
                    person_id: Set(person.id),
                    uid: Set(uid.to_owned()),
                    role: Set(role.code().to_owned()),
                    sequence: Set(sequence),
                    dtstamp: Set(dtstamp),
                    session_sequence: Set(session_sequence),
                    cancelled: Set(cancelled),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
        Ok(())
    }

    /// A plain mail to a youth (waiting list, reminder): no calendar event.
    pub async fn send_note(
        &self,
        txn: &impl ConnectionTrait,
        person: &person::Model,
        why: &Why<'_>,
    ) -> Result<(), ServiceError> {
        if !self.text_youth(txn, person, why).await?.email {
            return Ok(());
        }
        let Some(to) = mailbox_of(person) else {
            return Ok(());
        };
        self.queue(txn, person, to, Role::Youth, why, None).await
    }

    /// Queues the SMS a youth gets for `why`, if their channels include SMS and `why` is worth
    /// one; says where their notices go.
    async fn text_youth(
        &self,
        txn: &impl ConnectionTrait,
        person: &person::Model,
        why: &Why<'_>,
    ) -> Result<NoticeChannels, ServiceError> {
        let (channels, mobile) = youth_channels(person);
        let (Some(mobile), Some(notice)) = (mobile, sms_notice(why, self.moves_attendees)) else {
            return Ok(channels);
        };
        let summary = &self.session.summary;
        let session_id = self.session.bundle.session.id;
        let sms_session = SmsSession {
            title: summary.title.clone(),
            starts_at: summary.starts_at,
            ends_at: summary.ends_at,
            place: summary.place_name.clone(),
            address: summary.address.clone(),
            link: format!(
                "{}{}",
                self.mail.site_url.trim_end_matches('/'),
                session_short_path(session_id)
            ),
        };
        queue_sms(
            txn,
            SmsToQueue {
                to: &mobile,
                text: notice.text(&sms_session),
                kind: notice.kind(),
                person_id: Some(person.id),
                session_id: Some(session_id),
                mission_locale_id: Some(self.session.bundle.session.mission_locale_id),
            },
            self.now,
        )
        .await?;
        Ok(channels)
    }

    async fn queue(
        &self,
        txn: &impl ConnectionTrait,
        person: &person::Model,
        to: Mailbox,
        role: Role,
        why: &Why<'_>,
        calendar: Option<(CalendarMethod, &str)>,
    ) -> Result<(), ServiceError> {
        let session_id = self.session.bundle.session.id;
        let text = session_mail_text(
            &person.first_name,
            role,
            why,
            &self.session.summary,
            &page_url(self.mail, role, session_id),
            &self.mail.footer,
        );
        let reply_to = self
            .session
            .organizer
            .email
            .parse()
            .ok()
            .map(|email| Mailbox::new(Some(self.session.organizer.name.clone()), email));
        let message = compose(
            Envelope {
                from: &self.mail.from,
                reply_to,
                to,
            },
            &text,
            calendar,
        )
        .map_err(|error| {
            ServiceError::Database(sea_orm::DbErr::Custom(format!("composing mail: {error}")))
        })?;
        queue_mail_about(
            txn,
            &message,
            MailAbout {
                person_id: Some(person.id),
                session_id: Some(session_id),
            },
            self.now,
        )
        .await?;
        Ok(())
    }
}

/// Sends a reminder to one youth; used by `send_due_reminders`.
pub(crate) async fn send_reminder(
    txn: &impl ConnectionTrait,
    mail: &MailSettings,
    session: &SessionForMail,
    youth: &person::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    Letter {
        mail,
        session,
        now,
        moves_attendees: false,
    }
    .send_note(txn, youth, &Why::Reminder)
    .await
}
