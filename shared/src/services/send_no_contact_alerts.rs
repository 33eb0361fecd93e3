use std::collections::HashSet;

use chrono::{DateTime, Months, NaiveDate, Utc};
use lettre::message::Mailbox;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{AttendedSession, PARIS, no_contact_alert_due, whole_weeks};
use crate::entities::{no_contact_alert, person, youth};
use crate::mail::compose::{Envelope, compose};
use crate::mail::follow_up_wording::{NoContactGap, no_contact_alert_text};
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::queue_mail::{MailAbout, queue_mail_about};
use crate::services::youth_contacts::attended_sessions;

/// The default for `NO_CONTACT_ALERT_WEEKS`: a month without a workshop misses the programme's
/// target of one to two contacts a month.
pub const DEFAULT_NO_CONTACT_ALERT_WEEKS: u32 = 4;

/// Mails each youth's referent when the youth, in the programme today and not archived, has had
/// no contact (no workshop session attended, see `domain::youth_path`) for `weeks` weeks or more,
/// counted from their last contact or, without one, from their entry. One alert per gap: it is
/// recorded in `no_contact_alerts` (unique on the youth and the day the gap started) in the same
/// transaction as its mail, so several workers send it once; a later contact starts a new gap,
/// which may alert again. `weeks` at zero turns the alerts off. Returns how many were queued.
pub async fn send_no_contact_alerts<C>(
    db: &C,
    mail: &MailSettings,
    weeks: u32,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if weeks == 0 {
        return Ok(0);
    }
    let today = now.with_timezone(&PARIS).date_naive();
    let candidates = youths_maybe_in_programme(db, today).await?;
    let ids: Vec<i32> = candidates.iter().map(|youth| youth.person_id).collect();
    let mut attended = attended_sessions(db, &ids).await?;
    let due: Vec<(i32, NaiveDate)> = candidates
        .iter()
        .filter_map(|youth| {
            let sessions = attended.remove(&youth.person_id).unwrap_or_default();
            let since = no_contact_alert_due(
                youth.programme_entry_date,
                youth.programme_exit_date,
                last_contact(&sessions, today).map(|(day, _)| day),
                today,
                weeks,
            )?;
            Some((youth.person_id, since))
        })
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    // Leave out the gaps already alerted before taking any lock: most passes find nothing new.
    let mut already: HashSet<(i32, NaiveDate)> = HashSet::new();
    for chunk in due.chunks(200) {
        already.extend(
            no_contact_alert::Entity::find()
                .filter(no_contact_alert::Column::YouthId.is_in(chunk.iter().map(|(id, _)| *id)))
                .all(db)
                .await?
                .into_iter()
                .map(|alert| (alert.youth_id, alert.last_contact_on)),
        );
    }

    let mut queued = 0;
    for (youth_id, since) in due {
        if already.contains(&(youth_id, since)) {
            continue;
        }
        let txn = begin_write(db).await?;
        // Read again under the write lock: a contact may have been marked, or the file archived
        // or closed, meanwhile.
        let Some((youth, Some(youth_person))) = youth::Entity::find_by_id(youth_id)
            .find_also_related(person::Entity)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let sessions = attended_sessions(&txn, &[youth_id])
            .await?
            .remove(&youth_id)
            .unwrap_or_default();
        let last = last_contact(&sessions, today);
        let still_due = no_contact_alert_due(
            youth.programme_entry_date,
            youth.programme_exit_date,
            last.map(|(day, _)| day),
            today,
            weeks,
        );
        if youth_person.archived_at.is_some() || still_due != Some(since) {
            continue;
        }
        // A referent without an address cannot be told: nothing is recorded, so the alert goes
        // once they have one.
        let Some(referent) = person::Entity::find_by_id(youth.referent_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let Some(to) = referent
            .email
            .as_deref()
            .and_then(|email| email.parse().ok())
            .map(|email| {
                Mailbox::new(
                    Some(format!("{} {}", referent.first_name, referent.last_name)),
                    email,
                )
            })
        else {
            continue;
        };
        let gap = NoContactGap {
            youth_name: format!("{} {}", youth_person.first_name, youth_person.last_name),
            entry: youth.programme_entry_date,
            last_contact: last
                .filter(|(day, _)| *day == since)
                .map(|(day, session)| (day, session.title.clone())),
            weeks: whole_weeks(since, today),
        };
        let text = no_contact_alert_text(
            &referent.first_name,
            &gap,
            &format!("{}/jeunes/{youth_id}", mail.site_url),
            &mail.footer,
        );
        let message = compose(
            Envelope {
                from: &mail.from,
                reply_to: None,
                to,
            },
            &text,
            None,
        )
        .map_err(|error| {
            ServiceError::Database(sea_orm::DbErr::Custom(format!("composing mail: {error}")))
        })?;
        // Filed under the youth: among undelivered mail, only those who may read their file see
        // a message that names them.
        let mail_id = queue_mail_about(
            &txn,
            &message,
            MailAbout {
                person_id: Some(youth_id),
                session_id: None,
            },
            now,
        )
        .await?;
        let recorded = no_contact_alert::Entity::insert(no_contact_alert::ActiveModel {
            youth_id: sea_orm::Set(youth_id),
            last_contact_on: sea_orm::Set(since),
            weeks: sea_orm::Set(i32::try_from(weeks).unwrap_or(i32::MAX)),
            mail_id: sea_orm::Set(mail_id),
            queued_at: sea_orm::Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                no_contact_alert::Column::YouthId,
                no_contact_alert::Column::LastContactOn,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if recorded == 0 {
            // Another worker alerted this gap: its mail is the one that goes.
            txn.rollback().await?;
            continue;
        }
        txn.commit().await?;
        queued += 1;
    }
    Ok(queued)
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

/// The latest session attended on or before `today`, with its day.
fn last_contact(
    sessions: &[AttendedSession],
    today: NaiveDate,
) -> Option<(NaiveDate, &AttendedSession)> {
    sessions
        .iter()
        .filter(|session| session.day <= today)
        .max_by_key(|session| session.day)
        .map(|session| (session.day, session))
}
