use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Months, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    AttendedSession, IndividualContact, PARIS, PersonId, no_contact_alert_due, whole_weeks,
};
use crate::entities::{no_contact_alert, person, youth};
use crate::mail::follow_up_wording::{NoContactGap, no_contact_alert_text};
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::notifications::batch_records::{Batch, record_batch, try_until_settled};
use crate::services::notifications::queue_mail::{MailAbout, mailbox_of, queue_text_about};
use crate::services::people::youth_contacts::{attended_sessions, individual_contacts};

/// The default for `NO_CONTACT_ALERT_WEEKS`: a month without a workshop misses the programme's
/// target of one to two contacts a month.
pub const DEFAULT_NO_CONTACT_ALERT_WEEKS: u32 = 4;

/// What a pass of [`send_no_contact_alerts`] queued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoContactAlertsQueued {
    /// One per referent told.
    pub mails: usize,
    /// The youths those mails name, each recorded as alerted.
    pub youths: usize,
}

/// Tells each referent, in one mail per pass, which of their youths, in the programme today and
/// not archived, have newly had no contact (no workshop session attended nor individual contact
/// recorded, see `domain::youth_path`) for `weeks` weeks or more, counted from their last contact or, without
/// one, from their entry. One alert per gap: each youth's is recorded in `no_contact_alerts`
/// (unique on the youth and the day the gap started) in the same transaction as the mail that
/// names it, so several workers running at once name each gap in one mail only; a later contact
/// starts a new gap, which may alert again. A first start, when many youths are due at once,
/// thus sends each referent one list (cut at `NO_CONTACT_LIST_MAX` names, all recorded) rather
/// than a mail per youth. `weeks` at zero turns the alerts off.
pub async fn send_no_contact_alerts<C>(
    db: &C,
    mail: &MailSettings,
    weeks: u32,
    now: DateTime<Utc>,
) -> Result<NoContactAlertsQueued, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let mut queued = NoContactAlertsQueued::default();
    if weeks == 0 {
        return Ok(queued);
    }
    let today = now.with_timezone(&PARIS).date_naive();
    let candidates = youths_maybe_in_programme(db, today).await?;
    let ids: Vec<PersonId> = candidates.iter().map(|youth| youth.person_id).collect();
    let mut attended = attended_sessions(db, &ids).await?;
    let mut contacts = individual_contacts(db, &ids).await?;
    let due: Vec<(PersonId, PersonId, NaiveDate)> = candidates
        .iter()
        .filter_map(|youth| {
            let sessions = attended.remove(&youth.person_id).unwrap_or_default();
            let individual = contacts.remove(&youth.person_id).unwrap_or_default();
            let since = no_contact_alert_due(
                youth.programme_entry_date,
                youth.programme_exit_date,
                last_contact(&sessions, &individual, today).map(|(day, _)| day),
                today,
                weeks,
            )?;
            Some((youth.referent_id, youth.person_id, since))
        })
        .collect();
    if due.is_empty() {
        return Ok(queued);
    }
    // Leave out the gaps already alerted before taking any lock: most passes find nothing new.
    let already = alerted(db, due.iter().map(|(_, youth_id, _)| *youth_id)).await?;
    let mut by_referent: BTreeMap<PersonId, Vec<PersonId>> = BTreeMap::new();
    for (referent_id, youth_id, since) in due {
        if !already.contains(&(youth_id, since)) {
            by_referent.entry(referent_id).or_default().push(youth_id);
        }
    }

    for (referent_id, youth_ids) in by_referent {
        let alert = || alert_referent(db, mail, referent_id, &youth_ids, weeks, today, now);
        if let Some(youths) = try_until_settled(youth_ids.len(), alert).await? {
            queued.mails += 1;
            queued.youths += youths;
        }
    }
    Ok(queued)
}

/// In one transaction: reads again which of `youth_ids` are still the referent's and due (a
/// contact may have been marked, a file archived, closed or handed to another referent, or
/// another worker may have alerted meanwhile), queues one mail naming them all, and records each
/// gap with that mail. Should a record already exist (another worker, between our read and our
/// insert: on PostgreSQL the insert waits for its transaction, then inserts nothing), everything
/// is rolled back, so that no mail names a gap another one names.
async fn alert_referent<C>(
    db: &C,
    mail: &MailSettings,
    referent_id: PersonId,
    youth_ids: &[PersonId],
    weeks: u32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Batch, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    // A referent without an address cannot be told: nothing is recorded, so the alerts go once
    // they have one.
    let Some(referent) = person::Entity::find_by_id(referent_id).one(&txn).await? else {
        return Ok(Batch::Nothing);
    };
    let Some(to) = mailbox_of(&referent) else {
        return Ok(Batch::Nothing);
    };

    let mut youths = Vec::with_capacity(youth_ids.len());
    for chunk in youth_ids.chunks(200) {
        youths.extend(
            youth::Entity::find()
                .find_also_related(person::Entity)
                .filter(youth::Column::PersonId.is_in(chunk.iter().copied()))
                .filter(youth::Column::ReferentId.eq(referent_id))
                .filter(person::Column::ArchivedAt.is_null())
                .all(&txn)
                .await?
                .into_iter()
                .filter_map(|(youth, person)| Some((youth, person?))),
        );
    }
    let ids: Vec<PersonId> = youths.iter().map(|(youth, _)| youth.person_id).collect();
    let mut attended = attended_sessions(&txn, &ids).await?;
    let mut contacts = individual_contacts(&txn, &ids).await?;
    let already = alerted(&txn, ids.iter().copied()).await?;
    // (youth id, gap start, what the mail says)
    let mut gaps: Vec<(PersonId, NaiveDate, NoContactGap)> = Vec::new();
    for (youth, youth_person) in youths {
        let sessions = attended.remove(&youth.person_id).unwrap_or_default();
        let individual = contacts.remove(&youth.person_id).unwrap_or_default();
        let last = last_contact(&sessions, &individual, today);
        let Some(since) = no_contact_alert_due(
            youth.programme_entry_date,
            youth.programme_exit_date,
            last.as_ref().map(|(day, _)| *day),
            today,
            weeks,
        ) else {
            continue;
        };
        if already.contains(&(youth.person_id, since)) {
            continue;
        }
        gaps.push((
            youth.person_id,
            since,
            NoContactGap {
                youth_name: format!("{} {}", youth_person.first_name, youth_person.last_name),
                entry: youth.programme_entry_date,
                last_contact: last.filter(|(day, _)| *day == since),
                weeks: whole_weeks(since, today),
                file_url: format!("{}/jeunes/{}", mail.site_url, youth.person_id),
            },
        ));
    }
    let Some(&(first_youth, _, _)) = gaps.first() else {
        return Ok(Batch::Nothing);
    };
    // The longest without contact first (the list may be cut), then by name.
    gaps.sort_by(|(_, since_a, a), (_, since_b, b)| {
        since_a
            .cmp(since_b)
            .then_with(|| a.youth_name.cmp(&b.youth_name))
    });

    let listed: Vec<NoContactGap> = gaps.iter().map(|(_, _, gap)| gap.clone()).collect();
    let text = no_contact_alert_text(
        &referent.first_name,
        &listed,
        weeks,
        &format!("{}/jeunes?miens=on", mail.site_url),
        &mail.footer,
    );
    // Filed under one of the youths it names: among undelivered mail, only those who may read
    // their file see it, and they are the same for every youth of one referent (their Mission
    // Locale's staff and the coordinators).
    let mail_id = queue_text_about(
        &txn,
        mail,
        to,
        &text,
        MailAbout {
            person_id: Some(first_youth),
            session_id: None,
        },
        now,
    )
    .await?;
    // In the order of the youths' ids (see `record_batch`).
    gaps.sort_by_key(|(youth_id, _, _)| *youth_id);
    let rows = gaps
        .iter()
        .map(|(youth_id, since, _)| no_contact_alert::ActiveModel {
            youth_id: sea_orm::Set(*youth_id),
            last_contact_on: sea_orm::Set(*since),
            weeks: sea_orm::Set(i32::try_from(weeks).unwrap_or(i32::MAX)),
            mail_id: sea_orm::Set(mail_id),
            queued_at: sea_orm::Set(now),
            ..Default::default()
        })
        .collect();
    let unique = [
        no_contact_alert::Column::YouthId,
        no_contact_alert::Column::LastContactOn,
    ];
    record_batch(txn, rows, unique).await
}

/// The gaps already alerted, among those of `youth_ids`.
async fn alerted(
    db: &impl ConnectionTrait,
    youth_ids: impl IntoIterator<Item = PersonId>,
) -> Result<HashSet<(PersonId, NaiveDate)>, ServiceError> {
    let youth_ids: Vec<PersonId> = youth_ids.into_iter().collect();
    let mut alerted = HashSet::new();
    for chunk in youth_ids.chunks(200) {
        alerted.extend(
            no_contact_alert::Entity::find()
                .filter(no_contact_alert::Column::YouthId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|alert| (alert.youth_id, alert.last_contact_on)),
        );
    }
    Ok(alerted)
}

/// Youths whose programme may include `today`, files not archived. Loose on the twelve-month
/// end (checked exactly by `no_contact_alert_due`), so that youths long gone are not read.
async fn youths_maybe_in_programme(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<youth::Model>, ServiceError> {
    let long_ago = today.checked_sub_months(Months::new(13)).unwrap_or(today);
    Ok(youth::Entity::find()
        .find_also_related(person::Entity)
        .filter(person::Column::ArchivedAt.is_null())
        .filter(youth::Column::ProgrammeEntryDate.lte(today))
        .filter(
            Condition::any()
                .add(youth::Column::ProgrammeExitDate.gte(today))
                .add(
                    Condition::all()
                        .add(youth::Column::ProgrammeExitDate.is_null())
                        .add(youth::Column::ProgrammeEntryDate.gt(long_ago)),
                ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|(youth, _)| youth)
        .collect())
}

/// The latest contact on or before `today` — a session attended or an individual contact (the
/// latter first on the same day) — with its day and what it was, for the mail.
fn last_contact(
    sessions: &[AttendedSession],
    contacts: &[IndividualContact],
    today: NaiveDate,
) -> Option<(NaiveDate, String)> {
    let session = sessions
        .iter()
        .filter(|session| session.day <= today)
        .max_by_key(|session| session.day)
        .map(|session| (session.day, format!("atelier « {} »", session.title)));
    let contact = contacts
        .iter()
        .filter(|contact| contact.day <= today)
        .max_by_key(|contact| contact.day)
        .map(|contact| (contact.day, contact.kind.label().to_lowercase()));
    match (session, contact) {
        (Some(session), Some(contact)) if session.0 > contact.0 => Some(session),
        (session, contact) => contact.or(session),
    }
}
